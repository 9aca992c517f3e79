"""The hand-written annotation files in raw/, as annotators type them: passages by quote, never by offset."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictStr

from schema.article import ArticleMetadata, Relation
from schema.claim import ClaimLabels
from schema.common import Bool, GuidelineVersion, IsoDate, NonEmptyText, Pseudonym, Record, Slug
from schema.condition import ConditionConcept
from schema.enums import (
    BoilerplateKind, EvidenceBasis, EvidenceCertainty, InsufficientEvidenceReason, MentionForm, TextQualityFlag, Verdict,
)
from schema.evidence import CitedSource, LiteratureSearch, ReferenceIdentifiers
from schema.quote import QuoteSelector
from schema.rating import DiscernRating, JamaRating


class AnnotationDefaults(Record):
    """Provenance that applies to every annotation of a file unless an item overrides it."""

    annotator: Pseudonym = Field(description="Pseudonym of the annotator who wrote the file.")
    guideline_version: GuidelineVersion = Field(description="Version of the guidelines the file follows.")


class AnnotationOverrides(Record):
    """Per-item provenance fields an annotator may set."""

    annotator: Pseudonym | None = Field(default=None, description="Overrides the file's annotator for this item.")
    adjudicated: Bool = Field(default=False, description="True when the item was settled in adjudication.")


class BoilerplateAnnotation(QuoteSelector):
    """A stretch of page chrome, anchored by quote."""

    kind: BoilerplateKind = Field(description="What kind of page chrome the passage is.")


class TextQualityAnnotation(QuoteSelector):
    """A passage that shows a text defect, anchored by quote."""

    flag: TextQualityFlag = Field(description="Which defect the passage shows.")
    note: NonEmptyText = Field(description="What is wrong with the passage.")


class ClaimAnnotation(QuoteSelector, ClaimLabels, AnnotationOverrides):
    """A claim as the annotator writes it."""

    id: Slug = Field(description="Local id of the claim within its article, e.g. 'c07'.")
    claim_group_id: Slug = Field(description="The claim group, defined in raw/claim_groups.yaml.")


class MentionAnnotation(QuoteSelector, AnnotationOverrides):
    """A condition mention (or, with occurrence 'all', every match of the quote) as the annotator writes it."""

    condition_id: Slug = Field(description="The condition concept, defined in raw/conditions.yaml.")
    form: MentionForm = Field(description="How the condition is named here.")


class Ratings(Record):
    """DISCERN and JAMA ratings of one article."""

    rater: Pseudonym = Field(description="Pseudonym of the rater.")
    guideline_version: GuidelineVersion = Field(description="Version of the guidelines the rating follows.")
    discern: list[DiscernRating] = Field(description="All sixteen DISCERN questions, in order.")
    jama: list[JamaRating] = Field(description="All four JAMA criteria, in order.")


class ArticleFile(ArticleMetadata):
    """raw/articles/<stem>.yaml: everything annotated about one article."""

    annotation: AnnotationDefaults = Field(description="Default provenance of the file's annotations.")
    boilerplate: list[BoilerplateAnnotation] = Field(description="Page chrome in the text.")
    relations: list[Relation] = Field(description="Links to related texts.")
    text_quality: list[TextQualityAnnotation] = Field(description="Text defects with evidence passages.")
    claims: list[ClaimAnnotation] = Field(description="Every claim of the article.")
    mentions: list[MentionAnnotation] = Field(description="Every condition mention of the article.")
    ratings: Ratings = Field(description="DISCERN and JAMA ratings.")


class IndependentClaimAnnotation(QuoteSelector, ClaimLabels):
    """A claim of an independent annotation (no group and no verdict)."""

    id: Slug = Field(description="Local id of the claim within the second annotation.")


class IndependentMentionAnnotation(QuoteSelector):
    """A condition mention of an independent annotation."""

    condition_id: Slug = Field(description="The condition concept, defined in raw/conditions.yaml.")
    form: MentionForm = Field(description="How the condition is named here.")


class IndependentAnnotationFile(Record):
    """raw/agreement/<stem>.<annotator>.yaml: one annotator's independent annotation of an article, for agreement."""

    article_id: Slug = Field(description="The article annotated a second time.")
    annotation: AnnotationDefaults = Field(description="Who made the second annotation, under which guidelines.")
    claims: list[IndependentClaimAnnotation] = Field(description="Every claim the second annotator found.")
    mentions: list[IndependentMentionAnnotation] = Field(description="Every condition mention the second annotator found.")


class BlindVerdict(Record):
    """The labels of one blind assessor's verdict on a claim group, as frozen before adjudication."""

    assessor: Annotated[StrictStr, Field(pattern=r"^asr-[a-z0-9]+$")] = Field(
        description="Pseudonym of the assessor session, e.g. 'asr-p07'; the frozen file in pending/blind/ carries it.")
    verdict: Verdict = Field(description="The assessor's verdict.")
    insufficient_evidence_reason: InsufficientEvidenceReason | None = Field(
        default=None, description="The assessor's reason, for insufficient_evidence only.")
    evidence_certainty: EvidenceCertainty | None = Field(default=None, description="The assessor's certainty of the evidence.")
    evidence_basis: EvidenceBasis | None = Field(default=None, description="The assessor's basis of the evidence.")


class VerdictAssessment(Record):
    """A claim group's two blind verdicts, from two assessor sessions that never saw each other's work."""

    claim_group_id: Slug = Field(description="The claim group assessed.")
    first: BlindVerdict = Field(description="The verdict of the session that assessed the group first.")
    second: BlindVerdict = Field(description="The verdict of the other session.")


class VerdictAssessmentsFile(Record):
    """raw/verdict_assessments.yaml: the labels of the two blind verdicts of every claim group, for agreement."""

    assessments: list[VerdictAssessment] = Field(description="One entry per claim group.")


class SecondRating(Record):
    """A second, blind DISCERN and JAMA rating of one article, for the reliability of the ratings."""

    source_file: StrictStr = Field(description="The text file of the article rated, as its annotation file names it.")
    discern: list[DiscernRating] = Field(description="All sixteen DISCERN questions, in order.")
    jama: list[JamaRating] = Field(description="All four JAMA criteria, in order.")


class SecondRatingsFile(Record):
    """raw/rating_assessments.yaml: a second rater's blind ratings of every article, frozen before comparison."""

    rater: Pseudonym = Field(description="Pseudonym of the second rater.")
    guideline_version: GuidelineVersion = Field(description="Version of the guidelines the ratings follow.")
    articles: list[SecondRating] = Field(description="One rating per article.")


class ConditionsFile(Record):
    """raw/conditions.yaml: the condition concepts and their verified codes."""

    conditions: list[ConditionConcept] = Field(description="Every condition concept used by a mention or a claim.")


class BibliographyFile(Record):
    """raw/bibliography.yaml: every source a verdict may cite, verified once."""

    references: list[ReferenceIdentifiers] = Field(description="The verified sources.")


class ClaimGroup(Record):
    """One assertion made by one or more claims, with its verdict."""

    claim_group_id: Slug = Field(description="Stable identifier of the assertion.")
    statement_en: NonEmptyText = Field(description="The assertion in one plain English sentence.")
    verdict: Verdict = Field(description="What the literature says of the assertion as worded.")
    insufficient_evidence_reason: InsufficientEvidenceReason | None = Field(
        default=None, description="Why the literature does not settle the assertion; set for insufficient_evidence only.")
    evidence_certainty: EvidenceCertainty | None = Field(
        default=None, description="How certain the evidence behind the verdict is (GRADE-like); null only for not_assessable.")
    evidence_basis: EvidenceBasis | None = Field(
        default=None, description="The strongest kind of source the verdict rests on; null only for not_assessable.")
    rationale: NonEmptyText = Field(description="Why, in one to three sentences, in the assessor's words.")
    sources: list[CitedSource] = Field(
        default_factory=list, description="The sources the verdict cites, each with its stance and finding.")
    searches: list[LiteratureSearch] = Field(
        default_factory=list, description="Searches recorded where no source bears on the assertion.")
    assessor: Pseudonym | None = Field(default=None, description="Overrides the file's assessor for this group.")
    adjudicated: Bool = Field(default=False, description="True when two blind verdicts were settled in adjudication.")


class ClaimGroupsFile(Record):
    """raw/claim_groups.yaml: the claim groups, their verdicts, and the date of the evidence."""

    evidence_as_of: IsoDate = Field(description="Date as of which the evidence behind every verdict was judged.")
    annotation: AnnotationDefaults = Field(description="Default assessor and guideline version of the verdicts.")
    groups: list[ClaimGroup] = Field(description="Every claim group.")
