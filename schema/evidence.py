"""The bibliography and the verdicts that rest on it."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictStr

from schema.common import AsciiDigits, NonEmptyText, Record, Slug
from schema.enums import ReferenceKind

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
