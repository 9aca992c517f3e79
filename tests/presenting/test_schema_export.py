"""One schema, many outputs: Arrow, Hugging Face, Croissant and card tables all come from schema/."""

from datetime import date

import pyarrow as pa
import pytest
from pydantic import BaseModel, Field

from ketamine_claims.presenting.schema_export import arrow_schema, croissant_field, field_rows, field_specs, hf_features
from schema import CONFIGS
from schema.enums import Verdict


class Inner(BaseModel):
    start: int = Field(description="Start.")


class Sample(BaseModel):
    name: str = Field(description="A name.")
    when: date | None = Field(description="A date.")
    tags: list[str] = Field(description="Tags.")
    verdict: Verdict = Field(description="A verdict.")
    spans: list[Inner] = Field(description="Spans.")


def test_types_nullability_and_descriptions_map_to_arrow():
    schema = arrow_schema(Sample)
    assert schema.field("name").type == pa.string() and not schema.field("name").nullable
    assert schema.field("when").type == pa.date32() and schema.field("when").nullable
    assert schema.field("tags").type == pa.list_(pa.field("element", pa.string(), nullable=False))
    assert schema.field("spans").type.value_type == pa.struct(
        [pa.field("start", pa.int64(), nullable=False, metadata={"description": "Start."})])
    assert schema.field("verdict").metadata == {b"description": b"A verdict. Allowed values: contradicted, "
                                                b"insufficient_evidence, partially_supported, supported, not_assessable."}


def test_hugging_face_features():
    assert hf_features(Sample) == [
        {"name": "name", "dtype": "string"}, {"name": "when", "dtype": "date32"},
        {"name": "tags", "list": "string"},
        {"name": "verdict", "dtype": {"class_label": {"names": {"0": "contradicted", "1": "insufficient_evidence",
                                                                 "2": "partially_supported", "3": "supported",
                                                                 "4": "not_assessable"}}}},
        {"name": "spans", "list": [{"name": "start", "dtype": "int64"}]},
    ]


def test_card_rows_list_enum_values_and_nested_fields():
    rows = {name: (kind, text) for name, kind, text in field_rows(Sample)}
    assert rows["verdict"][0] == "string (enum)"
    assert rows["verdict"][1].endswith("Values: `contradicted`, `insufficient_evidence`, `partially_supported`, "
                                       "`supported`, `not_assessable`.")
    assert rows["spans[].start"] == ("int64", "Start.")


def test_croissant_fields_follow_nesting():
    spans = next(spec for spec in field_specs(Sample) if spec.name == "spans")
    node = croissant_field(spans, "samples", "samples-files")
    assert node["isArray"] is True and node["dataType"] == "cr:RecordSet"
    assert node["subField"][0]["source"] == {"fileObject": {"@id": "samples-files"}, "extract": {"column": "spans"},
                                             "transform": {"jsonPath": "start"}}


def test_every_published_field_has_a_description():
    for model in CONFIGS.values():
        for name, kind, description in field_rows(model):
            assert description.strip(), f"{model.__name__}.{name} has no description"


def test_unpublishable_types_are_refused():
    class Bad(BaseModel):
        value: float | str

    with pytest.raises(TypeError, match="unions other than Optional cannot be published"):
        arrow_schema(Bad)
