"""What a system submits for each benchmark task: one JSON object per line, one model per task.

The scorer (`build_dataset.py evaluate TASK FILE`) validates every line against these models and
reports a bad line as `file:line: field: what is wrong; how to fix it`.
"""

from __future__ import annotations

from pydantic import Field, StrictStr

from schema.common import Offset, Record, Slug
from schema.enums import Certainty, ClaimType, EvidenceCited, Verdict


class SpanPrediction(Record):
    """A predicted stretch of an article's text."""

    article_id: Slug = Field(description="The article the span is in.")
    start: Offset = Field(description="Offset of the span's first character, in Unicode code points.")
    end: Offset = Field(description="Offset just past the span's last character (exclusive).")


class ClaimSpanPrediction(SpanPrediction):
    """claim_detection: one predicted claim span in an article's text."""


class ClaimAttributesPrediction(Record):
    """claim_attributes: the labels predicted for one gold claim span."""

    claim_id: StrictStr = Field(description="The gold claim the labels are for.")
    claim_type: ClaimType = Field(description="Predicted claim type.")
    certainty: Certainty = Field(description="Predicted certainty.")
    evidence_cited: EvidenceCited = Field(description="Predicted evidence cited.")


class MentionPrediction(SpanPrediction):
    """condition_mentions: one predicted condition mention, with the concept it names."""

    condition_id: Slug = Field(description="The condition concept predicted, a condition_id of the conditions config.")


class VerdictPrediction(Record):
    """claim_verification: the verdict predicted for one claim in its article."""

    claim_id: StrictStr = Field(description="The claim the verdict is for.")
    verdict: Verdict = Field(description="Predicted verdict.")


class MatchingPrediction(Record):
    """claim_matching: for one query claim, the other claims of the release ranked from most to least likely to assert the same."""

    claim_id: StrictStr = Field(description="The query claim.")
    ranked_claim_ids: list[StrictStr] = Field(description="Candidate claims, best first; the query itself is ignored.")
