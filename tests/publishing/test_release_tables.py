"""The streamed build: tables made batch by batch equal one conversion of all rows; a late failure writes nothing."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from conftest import ROOT, edit
from ketamine_claims.publishing import release_tables
from ketamine_claims.errors import InvalidData
from ketamine_claims.reading.raw_loader import load_raw
from ketamine_claims.publishing.release import build_release
from ketamine_claims.publishing.writer import PARQUET_OPTIONS

_spec = importlib.util.spec_from_file_location("benchmark_generate", ROOT / "benchmarks" / "generate.py")
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)


def _parquet(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink, **PARQUET_OPTIONS)
    return sink.getvalue()


def test_tables_made_in_batches_equal_one_conversion_of_all_rows(tmp_path: Path, monkeypatch):
    generate.generate(5, tmp_path / "raw", seed=4)
    monkeypatch.setattr(release_tables, "ARTICLES_PER_BATCH", 2)  # three batches of articles
    collected = release_tables.ReleaseTables()
    corpus = load_raw(tmp_path / "raw", collected.add)
    tables = dict(collected.tables(corpus))
    assert [config for config in tables] == ["articles", "claims", "claim_groups", "conditions", "mentions"]
    assert [t.num_rows for t in tables.values()] == [5, 5 * generate.CLAIMS_PER_ARTICLE, len(corpus.claim_groups.groups),
                                                     len(corpus.conditions.conditions), 5 * generate.MENTIONS_PER_ARTICLE]
    for config, table in tables.items():
        at_once = pa.Table.from_pylist(table.to_pylist(), schema=table.schema)  # what a build without batches wrote
        assert table.equals(at_once) and _parquet(table) == _parquet(at_once)
        if config != "mentions":  # sorting the mention rows leaves an empty validity buffer per column: same data
            assert table.nbytes == at_once.nbytes
    nested = tables["conditions"].column("mentions").to_pylist()
    for mentions in nested:
        assert mentions == sorted(mentions, key=lambda m: (m["article_id"], m["start"], m["end"]))
    assert sum(map(len, nested)) == pc.sum(tables["articles"].column("mention_count")).as_py()


def test_a_rule_across_files_that_fails_after_rows_were_made_writes_nothing(tmp_path: Path, raw: Path):
    edit(raw / "articles/001_0000000000000001.yaml", "claim_group_id: ketamine-blocks-pain-receptors",
         "claim_group_id: no-such-group")
    with pytest.raises(InvalidData) as validated:
        load_raw(raw)
    with pytest.raises(InvalidData) as built:
        build_release(raw, tmp_path / "dist", ROOT / "DATASET_CARD.md")
    assert built.value.problems == validated.value.problems and len(built.value.problems) == 2
    assert not (tmp_path / "dist").exists() or list((tmp_path / "dist").iterdir()) == []
