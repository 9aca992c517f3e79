"""Render the pydantic models of schema/ as an Arrow schema, Hugging Face features, Croissant fields and card tables.

Every output is derived from the same walk over the models, so a field's name, type,
nullability and description are written once, in schema/.
"""

from __future__ import annotations

import datetime
import typing
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
from pydantic import BaseModel

from ketamine_claims.reading.type_hints import strip_optional
from schema.enums import DocumentedEnum


@dataclass(frozen=True)
class FieldSpec:
    """One field of a published model, with its type resolved to a small vocabulary."""

    name: str
    kind: str  # "string" | "int64" | "bool" | "date32" | "list" | "struct"
    nullable: bool
    description: str
    enum: type[DocumentedEnum] | None = None
    item: "FieldSpec | None" = None  # for lists
    children: tuple["FieldSpec", ...] = ()  # for structs


_SCALARS = {str: "string", int: "int64", bool: "bool", datetime.date: "date32"}
_ARROW = {"string": pa.string(), "int64": pa.int64(), "bool": pa.bool_(), "date32": pa.date32()}
_CROISSANT = {"string": "sc:Text", "int64": "sc:Integer", "bool": "sc:Boolean", "date32": "sc:Date"}


def field_specs(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """The fields of a model in published order: FIELD_ORDER where the model sets one, else declaration order."""
    names = getattr(model, "FIELD_ORDER", None) or tuple(model.model_fields)
    if set(names) != set(model.model_fields):
        raise TypeError(f"{model.__name__}.FIELD_ORDER must name every field exactly once")
    return tuple(_spec(name, model.model_fields[name].annotation, model.model_fields[name].description or "")
                 for name in names)


def _spec(name: str, annotation: Any, description: str) -> FieldSpec:
    annotation, nullable = strip_optional(annotation)
    origin = typing.get_origin(annotation)
    if origin is list:
        item = _spec("element", typing.get_args(annotation)[0], "")  # Parquet's name for list items
        return FieldSpec(name, "list", nullable, description, item=item)
    if isinstance(annotation, type) and issubclass(annotation, DocumentedEnum):
        return FieldSpec(name, "string", nullable, description, enum=annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return FieldSpec(name, "struct", nullable, description, children=field_specs(annotation))
    for python_type, kind in _SCALARS.items():
        if annotation is python_type:
            return FieldSpec(name, kind, nullable, description)
    raise TypeError(f"field {name}: no published type for {annotation!r}; extend schema_export._SCALARS")


# ---------------------------------------------------------------- Arrow

def arrow_type(spec: FieldSpec) -> pa.DataType:
    if spec.kind == "list":
        return pa.list_(arrow_field(spec.item))
    if spec.kind == "struct":
        return pa.struct([arrow_field(child) for child in spec.children])
    return _ARROW[spec.kind]


def described(spec: FieldSpec) -> str:
    """A field's description, with the allowed values of a closed label set appended, as every output shows it."""
    return spec.description + (f" Allowed values: {', '.join(spec.enum.values())}." if spec.enum else "")


def arrow_field(spec: FieldSpec) -> pa.Field:
    metadata = {"description": described(spec)} if spec.description else None
    return pa.field(spec.name, arrow_type(spec), nullable=spec.nullable, metadata=metadata)


def arrow_schema(model: type[BaseModel], metadata: dict[str, str] | None = None) -> pa.Schema:
    """The canonical Arrow schema of a published config, field descriptions in the field metadata."""
    return pa.schema([arrow_field(spec) for spec in field_specs(model)], metadata=metadata)


# ---------------------------------------------------------------- Hugging Face

def hf_feature(spec: FieldSpec) -> dict:
    """One entry of the card's `dataset_info.features` YAML list."""
    if spec.kind == "list":
        item = spec.item
        if item.kind == "struct":
            return {"name": spec.name, "list": [hf_feature(child) for child in item.children]}
        if item.kind == "list":
            raise TypeError(f"field {spec.name}: lists of lists are not published")
        return {"name": spec.name, "list": item.kind}
    if spec.kind == "struct":
        return {"name": spec.name, "struct": [hf_feature(child) for child in spec.children]}
    return {"name": spec.name, "dtype": spec.kind}


def hf_features(model: type[BaseModel]) -> list[dict]:
    """The card's features: a top-level closed label set that is never null is a ClassLabel, in the enum's order
    (verdicts from `contradicted` to `supported`, then `not_assessable`), so `datasets` can stratify and encode it;
    the Parquet files keep the labels as strings, which `datasets` turns into the class ids on loading."""
    return [class_label(spec) if spec.enum is not None and not spec.nullable and spec.kind == "string"
            else hf_feature(spec) for spec in field_specs(model)]


def class_label(spec: FieldSpec) -> dict:
    return {"name": spec.name,
            "dtype": {"class_label": {"names": {str(i): value for i, value in enumerate(spec.enum.values())}}}}


# ---------------------------------------------------------------- Croissant

def croissant_field(spec: FieldSpec, record_set: str, file_set: str, path: str = "") -> dict:
    """A Croissant field (cr:Field) reading one Parquet column, nested structs as subFields."""
    field_id = f"{record_set}/{path or spec.name}"
    node: dict[str, Any] = {"@type": "cr:Field", "@id": field_id, "name": spec.name, "description": described(spec)}
    target = spec.item if spec.kind == "list" else spec
    if spec.kind == "list":
        node["isArray"] = True
        node["arrayShape"] = "-1"
    source: dict[str, Any] = {"fileObject": {"@id": file_set}, "extract": {"column": path.split("/")[0] or spec.name}}
    if "/" in path:
        source["transform"] = {"jsonPath": path.split("/", 1)[1].replace("/", ".")}
    if target.kind == "struct":
        node["dataType"] = "cr:RecordSet"
        node["subField"] = [croissant_field(child, record_set, file_set, f"{path or spec.name}/{child.name}")
                            for child in target.children]
    else:
        node["dataType"] = _CROISSANT[target.kind]
    node["source"] = source
    return node


# ---------------------------------------------------------------- card tables

def type_label(spec: FieldSpec) -> str:
    """A short human name of a field's type, e.g. `list<struct>` or `string (enum)`."""
    if spec.kind == "list":
        return f"list<{type_label(spec.item)}>"
    if spec.kind == "struct":
        return "struct"
    return spec.kind + (" (enum)" if spec.enum else "") + (", nullable" if spec.nullable else "")


def field_rows(model: type[BaseModel]) -> list[tuple[str, str, str]]:
    """(dotted name, type, description) rows for every field, nested fields included."""
    rows: list[tuple[str, str, str]] = []

    def walk(spec: FieldSpec, prefix: str) -> None:
        name = f"{prefix}{spec.name}"
        description = spec.description
        enum = spec.enum or (spec.item.enum if spec.item else None)
        if enum:
            description += " Values: " + ", ".join(f"`{value}`" for value in enum.values()) + "."
        rows.append((name, type_label(spec), description))
        target = spec.item if spec.kind == "list" else spec
        for child in target.children if target else ():
            walk(child, f"{name}[]." if spec.kind == "list" else f"{name}.")

    for spec in field_specs(model):
        walk(spec, "")
    return rows
