"""Articles: the verbatim text, where it came from, and what is wrong with it."""

from __future__ import annotations


from pydantic import Field, StrictStr

from schema.common import IsoDate, MissingReason, NonEmptyText, Offset, Provenance, Record, Sha256, Slug
from schema.enums import BoilerplateKind, Language, RelationType, SiteType, SiteTypeBasis, TextQualityFlag
from schema.evidence import HttpUrl
from schema.rating import DiscernRating, JamaRating


class ArticleMetadata(Record):
    """What is known about an article's origin; shared by the raw file and the published row."""

    article_id: Slug = Field(description="Stable identifier of the article, e.g. 'es-fibromyalgia-iv-infusion'.")
    source_file: StrictStr = Field(
        pattern=r"^[0-9]{3}_[0-9a-f]{16}\.txt$",
        description="Name of the verbatim text file in raw/articles/, as the article was delivered to the project.",
    )
    text_sha256: Sha256 = Field(description="SHA-256 of the text file's bytes; the build refuses a text that no longer matches.")
    language: Language = Field(description="BCP-47 tag of the article's language.")
    title: NonEmptyText = Field(description="The article's headline, exactly as it stands in the text.")
    author: NonEmptyText | None = Field(description="Byline as printed; null when the page shows none (see missing_reasons).")
    site: NonEmptyText | None = Field(description="Domain of the site where the article was found; null when not found.")
    url: HttpUrl | None = Field(description="Address at which a copy of the article was seen; null when not found.")
    published: IsoDate | None = Field(description="Publication date; null when unknown (see missing_reasons).")
    site_type: SiteType = Field(description="What kind of site published the article.")
    site_type_basis: SiteTypeBasis = Field(description="Whether the site type was observed or inferred.")
    provenance_note: NonEmptyText = Field(description="How the source was traced and what could not be established, in a few sentences.")
    missing_reasons: list[MissingReason] = Field(
        description="For each metadata field that is null, why it is unknown; empty when nothing is missing."
    )


class Relation(Record):
    """A link from this article to a related text, in the corpus or outside it."""

    type: RelationType = Field(description="How this article relates to the target.")
    target_article_id: Slug | None = Field(default=None, description="The related article when it is in the corpus; else null.")
    target_url: HttpUrl | None = Field(default=None, description="Address of the related text when it is outside the corpus; else null.")
    note: NonEmptyText = Field(description="The evidence for the relation and how certain it is.")


class BoilerplateSpan(Record):
    """A stretch of page chrome captured with the article text."""

    kind: BoilerplateKind = Field(description="What kind of page chrome the span is.")
    start: Offset = Field(description="Offset of the first character, in Unicode code points from the start of the text.")
    end: Offset = Field(description="Offset just past the last character (exclusive).")
    text: StrictStr = Field(description="The span's text, equal to text[start:end].")


class TextQualityIssue(Record):
    """One instance of a text defect, with the passage that shows it."""

    flag: TextQualityFlag = Field(description="Which defect the passage shows.")
    start: Offset = Field(description="Offset of the first character of the evidence passage (code points).")
    end: Offset = Field(description="Offset just past the evidence passage (exclusive).")
    text: StrictStr = Field(description="The evidence passage, equal to text[start:end].")
    note: NonEmptyText = Field(description="What is wrong with the passage, e.g. the intended word.")


class Article(ArticleMetadata):
    """One published article row: metadata, verbatim text, page chrome, defects and quality ratings."""

    text: StrictStr = Field(description="The file's exact content decoded as UTF-8; nothing stripped or normalised.")
    boilerplate: list[BoilerplateSpan] = Field(description="Spans of page chrome in the text, in text order; empty when none.")
    relations: list[Relation] = Field(description="Translation and copy links to other texts; empty when none is known.")
    text_quality: list[TextQualityIssue] = Field(description="Defects of the text with their evidence, in text order; empty when none.")
    discern: list[DiscernRating] = Field(description="The sixteen DISCERN ratings, in question order.")
    discern_total: Offset = Field(description="Sum of the scores of DISCERN_Q1 to DISCERN_Q15, from 15 to 75; Q16 is reported on its own.")
    jama: list[JamaRating] = Field(description="The four JAMA benchmark judgements, in criterion order.")
    jama_score: Offset = Field(description="Number of JAMA criteria met, 0 to 4.")
    rating_provenance: Provenance = Field(description="Who rated the article with DISCERN and JAMA.")
    claim_count: Offset = Field(description="Number of claims annotated in the article.")
    mention_count: Offset = Field(description="Number of condition mentions annotated in the article.")
