"""Turn pydantic validation errors into located one-line problems that say how to fix them."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ketamine_claims.errors import Problem
from ketamine_claims.reading.type_hints import strip_optional
from ketamine_claims.reading.yaml_loader import LoadedFile, locate


def validate_model(model: type[BaseModel], loaded: LoadedFile) -> tuple[BaseModel | None, list[Problem]]:
    """Validate a loaded file against a model; return the record, or None and every problem."""
    try:
        return model.model_validate(loaded.data), []
    except ValidationError as error:
        problems = []
        for detail in error.errors(include_url=False):
            line, column, field = locate(loaded.root, detail["loc"])
            problems.append(Problem(loaded.path, line, column, field, explain(model, detail)))
        return None, problems


def explain(model: type[BaseModel], detail: dict) -> str:
    """One sentence of what is wrong, then how to fix it."""
    kind, loc, given = detail["type"], detail["loc"], detail.get("input")
    if kind == "missing":
        return f"required key is missing; add `{loc[-1]}`"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        return f"unknown key; remove it or correct its spelling (allowed keys: {', '.join(allowed)})"
    if kind in {"string_type", "int_type", "bool_type", "list_type", "model_type", "dict_type", "date_type",
                "enum", "literal_error", "int_parsing", "date_from_datetime_parsing", "date_parsing"}:
        return f"{_lower(detail['msg'])}, got {_show(given)}; correct the value"
    if kind == "string_pattern_mismatch":
        return f"{_show(given)} does not have the required form {detail['ctx']['pattern']}; correct the value"
    return f"{_lower(detail['msg'])}, got {_show(given)}; correct the value"


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return type(value).__name__
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _lower(message: str) -> str:
    return message[:1].lower() + message[1:]


def _allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else current
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """The model or list type under Optional/Annotated wrappers; the first option of any other union."""
    try:
        return strip_optional(annotation)[0]
    except TypeError:
        return next(a for a in typing.get_args(annotation) if a is not type(None))
