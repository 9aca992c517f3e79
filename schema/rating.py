"""Article-level quality ratings: DISCERN and the JAMA benchmarks."""

from __future__ import annotations

from pydantic import Field

from schema.common import Bool, NonEmptyText, Record, Score1to5
from schema.enums import DiscernItem, JamaCriterion


class DiscernRating(Record):
    """One DISCERN question answered for one article."""

    item: DiscernItem = Field(description="Stable id of the DISCERN question, DISCERN_Q1 to DISCERN_Q16.")
    score: Score1to5 = Field(description="1 = no, 2 to 4 = partly, 5 = yes; for DISCERN_Q16, 1 = low and 5 = high quality.")
    justification: NonEmptyText = Field(description="One sentence that says why the article earns this score.")


class JamaRating(Record):
    """One JAMA benchmark criterion judged for one article."""

    criterion: JamaCriterion = Field(description="Stable id of the criterion, e.g. JAMA_authorship.")
    met: Bool = Field(description="True when the page as captured meets the criterion.")
    justification: NonEmptyText = Field(description="One sentence that says why the criterion is or is not met.")
