"""Read pydantic field annotations: strip Annotated and Optional wrappers to find the type underneath."""

from __future__ import annotations

import types
import typing
from typing import Any


def strip_optional(annotation: Any) -> tuple[Any, bool]:
    """Return the type under Annotated/Optional wrappers, and whether None was allowed.

    Raises TypeError for a union of several real types, which no published column can hold.
    """
    nullable = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            nullable = nullable or len(options) < len(typing.get_args(annotation))
            if len(options) != 1:
                raise TypeError(f"unions other than Optional cannot be published: {annotation!r}")
            annotation = options[0]
        else:
            return annotation, nullable
