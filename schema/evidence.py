"""The bibliography and the verdicts that rest on it."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictStr

from schema.common import AsciiDigits, IsoDate, NonEmptyText, Record, Slug
from schema.enums import ReferenceKind, SearchCorpus, SourceStance

Doi = Annotated[StrictStr, Field(pattern=r"^10\.\d{4,9}/\S+$"), AsciiDigits]
Pmid = Annotated[StrictStr, Field(pattern=r"^[1-9]\d{0,8}$"), AsciiDigits]
Pmcid = Annotated[StrictStr, Field(pattern=r"^PMC\d{5,8}$"), AsciiDigits]
TrialId = Annotated[StrictStr, Field(pattern=r"^NCT\d{8}$"), AsciiDigits]
HttpUrl = Annotated[StrictStr, Field(pattern=r"^https?://\S+$")]


class ReferenceIdentifiers(Record):
    """The verified identifiers of one source; each is null when it could not be verified."""

    reference_id: Slug = Field(description="Citation key of the source, e.g. 'orhurhu2019-chronic-pain-meta', used by verdicts to cite it.")
    kind: ReferenceKind = Field(description="What kind of source this is.")
    citation: NonEmptyText = Field(description="Authors, title, journal or issuer, year, volume and pages as verified.")
    doi: Doi | None = Field(default=None, description="Digital Object Identifier, without the https://doi.org/ prefix; null when not verified.")
    pmid: Pmid | None = Field(default=None, description="PubMed identifier; null when not verified.")
    pmcid: Pmcid | None = Field(default=None, description="PubMed Central identifier; null when not verified.")
    trial_id: TrialId | None = Field(default=None, description="ClinicalTrials.gov registration number; null when none.")
    url: HttpUrl | None = Field(default=None, description="Stable address of a source that has no DOI or PMID, such as a guideline page.")


class CitedSource(Record):
    """One source a verdict cites, with how it bears on the claim and what it found (raw form, by citation key)."""

    reference_id: Slug = Field(description="Citation key of the source in raw/bibliography.yaml.")
    stance: SourceStance = Field(description="How the source bears on the claim: supports, refutes, or context.")
    finding: NonEmptyText = Field(
        description="What the source found, in one sentence of the assessor's words, with the figures that decide it."
    )


class VerdictSource(ReferenceIdentifiers):
    """One source of a published verdict: its verified identifiers, its stance on the claim and its finding."""

    stance: SourceStance = Field(description="How the source bears on the claim: supports, refutes, or context.")
    finding: NonEmptyText = Field(
        description="What the source found, in one sentence of the assessor's words, with the figures that decide it."
    )


class LiteratureSearch(Record):
    """A search of the literature recorded with a verdict, so that a gap in the evidence can be checked."""

    corpus: SearchCorpus = Field(description="Which stored collection was searched.")
    query: NonEmptyText = Field(description="The query as it was typed.")
    searched_on: IsoDate = Field(description="Date of the search.")
    result: NonEmptyText = Field(description="What came back, in a few words of the assessor's.")
