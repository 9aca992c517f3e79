"""Claims: what an article asserts, where it says it, and how it stands against the evidence."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, StrictInt, StrictStr

from schema.common import NonEmptyText, Offset, Provenance, Record, Slug
from schema.enums import (
    Certainty, ClaimType, EvidenceBasis, EvidenceCertainty, EvidenceCited, InsufficientEvidenceReason, Language, Verdict,
)
from schema.evidence import LiteratureSearch, VerdictSource

#: Number of cross-validation folds of the claims.
FOLDS = 5


class ClaimLabels(Record):
    """The labels an annotator gives a claim span; shared by first and second annotations."""

    text_en: NonEmptyText = Field(description="The claim restated as one plain English sentence, in the annotator's words.")
    claim_type: ClaimType = Field(description="What the claim asserts.")
    condition_ids: list[Slug] = Field(
        description="Conditions the claim is about, as condition_id values of the conditions config; empty when none."
    )
    certainty: Certainty = Field(description="How firmly the article commits to the claim.")
    evidence_cited: EvidenceCited = Field(description="What support the article offers for the claim.")


class Claim(ClaimLabels):
    """One published claim row."""

    #: Column order of the published table: identity and span first, then labels, then the verdict.
    FIELD_ORDER: ClassVar[tuple[str, ...]] = (
        "claim_id", "article_id", "language", "start", "end", "text", "text_en", "claim_group_id", "fold", "claim_type",
        "condition_ids", "certainty", "evidence_cited", "verdict", "insufficient_evidence_reason", "evidence_certainty",
        "evidence_basis", "verdict_rationale", "verdict_sources", "verdict_searches", "provenance", "verdict_provenance",
    )

    claim_id: StrictStr = Field(description="Stable identifier: the article_id, a colon and the claim's local id, e.g. 'en-x:c07'.")
    article_id: Slug = Field(description="The article the claim is made in.")
    language: Language = Field(description="Language of the article, repeated here for filtering.")
    start: Offset = Field(description="Offset of the claim's first character in the article text, in Unicode code points.")
    end: Offset = Field(description="Offset just past the claim's last character (exclusive).")
    text: StrictStr = Field(description="The claim's words in the article, equal to article.text[start:end].")
    claim_group_id: Slug = Field(
        description="Shared by every claim, in any article or language, that makes the same assertion."
    )
    fold: Annotated[StrictInt, Field(ge=0, lt=FOLDS)] = Field(
        description=f"Cross-validation fold, 0 to {FOLDS - 1}, of the claim's group: the claims of one group share a fold, "
                    "so that no assertion is in both the training and the test part of a split."
    )
    verdict: Verdict = Field(description="What the literature says of the claim as worded; shared by its claim group.")
    insufficient_evidence_reason: InsufficientEvidenceReason | None = Field(
        description="Why the literature does not settle the claim; null unless the verdict is insufficient_evidence."
    )
    evidence_certainty: EvidenceCertainty | None = Field(
        description="How certain the evidence behind the verdict is (GRADE-like); null only for not_assessable."
    )
    evidence_basis: EvidenceBasis | None = Field(
        description="The strongest kind of source the verdict rests on; null only for not_assessable."
    )
    verdict_rationale: NonEmptyText = Field(description="Why the verdict was given, in one to three sentences.")
    verdict_sources: list[VerdictSource] = Field(
        description="The sources the verdict cites, with verified identifiers, stance and finding; empty for not_assessable."
    )
    verdict_searches: list[LiteratureSearch] = Field(
        description="The searches recorded where no source bears on the claim; usually empty."
    )
    provenance: Provenance = Field(description="Who annotated the span and its labels.")
    verdict_provenance: Provenance = Field(description="Who assessed the claim group's verdict.")


class ClaimGroupRow(Record):
    """One published claim-group row: an assertion, its verdict, and the claims that make it (the unit of verification)."""

    FIELD_ORDER: ClassVar[tuple[str, ...]] = (
        "claim_group_id", "statement_en", "fold", "claim_ids", "article_ids", "languages", "verdict",
        "insufficient_evidence_reason", "evidence_certainty", "evidence_basis", "verdict_rationale", "verdict_sources",
        "verdict_searches", "verdict_provenance",
    )

    claim_group_id: Slug = Claim.model_fields["claim_group_id"]
    statement_en: NonEmptyText = Field(description="The assertion in one plain English sentence, in the annotators' words.")
    fold: Annotated[StrictInt, Field(ge=0, lt=FOLDS)] = Claim.model_fields["fold"]
    claim_ids: list[StrictStr] = Field(description="The claims that make the assertion, in claim_id order.")
    article_ids: list[Slug] = Field(description="The articles the assertion is made in, sorted.")
    languages: list[Language] = Field(description="The languages it is made in, sorted.")
    verdict: Verdict = Claim.model_fields["verdict"]
    insufficient_evidence_reason: InsufficientEvidenceReason | None = Claim.model_fields["insufficient_evidence_reason"]
    evidence_certainty: EvidenceCertainty | None = Claim.model_fields["evidence_certainty"]
    evidence_basis: EvidenceBasis | None = Claim.model_fields["evidence_basis"]
    verdict_rationale: NonEmptyText = Claim.model_fields["verdict_rationale"]
    verdict_sources: list[VerdictSource] = Claim.model_fields["verdict_sources"]
    verdict_searches: list[LiteratureSearch] = Claim.model_fields["verdict_searches"]
    verdict_provenance: Provenance = Claim.model_fields["verdict_provenance"]
