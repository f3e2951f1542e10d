"""The Tuckman phases: a vocabulary every room reads, apart from the questionnaire's models.

Reading the portfolio (``portfolio list``, ``show``, ``compare``) needs the phases and none
of the pydantic models; :mod:`vendormaturity.model.questionnaire` gives the same enum.
"""

from __future__ import annotations

import enum

__all__ = ["Phase"]


class Phase(enum.StrEnum):
    """A Tuckman phase of the relationship."""

    FORMING = "forming"
    STORMING = "storming"
    NORMING = "norming"
    PERFORMING = "performing"
    ADJOURNING = "adjourning"
