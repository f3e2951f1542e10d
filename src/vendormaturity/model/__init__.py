"""What the data is: questionnaires, response sets and results as pydantic models.

No file is read and no rule is compiled here; see :mod:`vendormaturity.sources` and
:mod:`vendormaturity.engine`.
"""
