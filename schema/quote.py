"""How annotators anchor a passage: by its exact words, never by offsets."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field, StrictInt, StrictStr

from schema.common import NonEmptyText, Record

Occurrence = Union[Annotated[StrictInt, Field(ge=1)], Literal["all"]]


class QuoteSelector(Record):
    """A passage given by its exact text, as in the W3C Web Annotation TextQuoteSelector.

    The quote must match whole words. Where it occurs more than once, `prefix`, `suffix`
    or `occurrence` say which one is meant.
    """

    quote: NonEmptyText = Field(description="The passage exactly as it stands in the article text.")
    prefix: StrictStr | None = Field(
        default=None, description="Text that immediately precedes the quote, to tell repeated quotes apart."
    )
    suffix: StrictStr | None = Field(
        default=None, description="Text that immediately follows the quote, to tell repeated quotes apart."
    )
    occurrence: Occurrence | None = Field(
        default=None,
        description="Which match is meant, counting from 1 after prefix and suffix are applied; 'all' for every match.",
    )
