"""The assessment: compile ▶ check ▶ score ▶ place phase ▶ detect patterns ▶ plan.

A pure function of a questionnaire, a response set and its history: nothing here reads
a file, a database or the command line. :func:`vendormaturity.assess` is the entry point.
"""
