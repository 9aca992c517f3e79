"""Types and small models shared by the raw annotation files and the published records."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt, StrictStr

def ascii_digits(value: str) -> str:
    """Refuse digits outside 0-9: a pattern's \\d also matches Arabic-Indic or full-width digits."""
    if any(character.isdigit() and not "0" <= character <= "9" for character in value):
        raise ValueError("digits must be the ASCII digits 0-9")
    return value


#: Identifiers and version numbers whose digits must be ASCII (checked after the pattern).
AsciiDigits = AfterValidator(ascii_digits)


def date_as_text(value: object) -> object:
    """Refuse a number where a date is due: pydantic would read 1700000000 as a Unix time, silently."""
    if isinstance(value, (int, float)):
        raise ValueError("a date is written as text in the form YYYY-MM-DD, in quotes, not as a number")
    return value


#: A calendar date given as ISO text (or a date object, as Parquet returns it), never as a number.
IsoDate = Annotated[date, BeforeValidator(date_as_text)]

#: A lowercase identifier made of words joined by hyphens; safe to use in a path.
SLUG_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"

Slug = Annotated[StrictStr, Field(pattern=SLUG_PATTERN, max_length=80)]
NonEmptyText = Annotated[StrictStr, Field(min_length=1)]
Sha256 = Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{64}$")]
Offset = Annotated[StrictInt, Field(ge=0)]
Pseudonym = Annotated[StrictStr, Field(pattern=r"^ann-[a-z0-9]+$")]
GuidelineVersion = Annotated[StrictStr, Field(pattern=r"^\d+\.\d+$"), AsciiDigits]
Score1to5 = Annotated[StrictInt, Field(ge=1, le=5)]
Bool = StrictBool


class Record(BaseModel):
    """Base of every model: unknown keys are errors, so a typo is never silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class MissingReason(Record):
    """Why a field is null (unknown) or a code list is empty."""

    field: Slug = Field(description="Name of the field that is null or empty.")
    reason: NonEmptyText = Field(description="Why the value is unknown or why no code fits, in one or two sentences.")


class Provenance(Record):
    """Who made an annotation, under which guidelines, and whether it was adjudicated."""

    annotator: Pseudonym = Field(description="Pseudonym of the annotator who made the annotation, e.g. 'ann-a'.")
    adjudicated: Bool = Field(
        description="True when the annotation was changed or confirmed in adjudication after the double annotation."
    )
    guideline_version: GuidelineVersion = Field(
        description="Version of docs/annotation_guidelines.md the annotation follows, e.g. '1.1'."
    )
