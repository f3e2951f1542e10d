"""Where questionnaires, answers and results come from, and how files are written.

Every input goes through :mod:`vendormaturity.sources.reader`, which refuses what no
real file needs before parsing and locates every problem.
"""
