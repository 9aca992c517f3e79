"""Releases: complete, loadable by every reader, reproducible, immutable, atomic, and checked by verify."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from conftest import ROOT, VALID_RAW, edit
from ketamine_claims.publishing import release as release_module
from ketamine_claims.errors import ReleaseConflict, ReleaseInvalid
from ketamine_claims.publishing.release import build_release
from ketamine_claims.presenting.schema_export import arrow_schema, hf_features
from ketamine_claims.publishing.verify import verify_release
from ketamine_claims.publishing.writer import release_files
from ketamine_claims.release_layout import CHECKSUMS, find_data_file
from ketamine_claims.versions import VERSION
from schema import CONFIGS

CARD = ROOT / "DATASET_CARD.md"


def test_a_release_holds_every_promised_file(built_fixture_release: Path):
    files = set(release_files(built_fixture_release))
    expected = {"README.md", "metadata.json", "croissant.json", "checksums.tsv", "explorer.html"}
    expected |= {f"json_schema/{c}.schema.json" for c in CONFIGS}
    assert expected <= files
    for config in CONFIGS:  # one Parquet file per config, named for its content
        path = find_data_file(built_fixture_release, config)
        assert path.name == f"train-00000-of-00001-{hashlib.sha256(path.read_bytes()).hexdigest()[:16]}.parquet"
    assert verify_release(built_fixture_release) == {"articles": 1, "claims": 2, "claim_groups": 2, "conditions": 1,
                                                     "mentions": 4}


@pytest.mark.parametrize("config", list(CONFIGS))
def test_parquet_schema_is_the_models_schema_with_descriptions(built_fixture_release: Path, config: str):
    found = pq.read_schema(find_data_file(built_fixture_release, config))
    assert found.remove_metadata().equals(arrow_schema(CONFIGS[config]), check_metadata=True)
    first = found.field(0)
    assert first.metadata[b"description"] == CONFIGS[config].model_fields[first.name].description.encode()
    assert found.metadata[b"version"] == VERSION.encode()


def test_card_features_are_generated_from_the_models(built_fixture_release: Path):
    from datasets import ClassLabel, Features, Value

    header = yaml.safe_load((built_fixture_release / "README.md").read_text().split("---\n")[1])
    for info in header["dataset_info"]:
        model = CONFIGS[info["config_name"]]
        assert info["features"] == hf_features(model)
        from_card, from_arrow = Features._from_yaml_list(info["features"]), Features.from_arrow_schema(arrow_schema(model))
        assert from_card.keys() == from_arrow.keys()
        for name, feature in from_card.items():  # closed label sets are ClassLabels over the Parquet strings
            assert feature == from_arrow[name] or (isinstance(feature, ClassLabel) and from_arrow[name] == Value("string"))


@pytest.mark.parametrize("config, rows", [("articles", 1), ("claims", 2), ("conditions", 1)])
def test_load_dataset_offline(built_fixture_release: Path, tmp_path: Path, config: str, rows: int):
    from datasets import Features, List, Value, load_dataset

    data = load_dataset(str(built_fixture_release), config, split="train", cache_dir=str(tmp_path / "cache"))
    assert data.num_rows == rows
    features: Features = data.features
    if config == "claims":
        assert features["start"] == Value("int64")
        assert features["condition_ids"] == List(Value("string"))
        assert features["verdict_sources"].feature["doi"] == Value("string")
        assert data[0]["text"] == "Ketamine blocks the receptors that carry pain signals"
    if config == "conditions":
        assert features["mentions"].feature["start"] == Value("int64")
        assert len(data[0]["mentions"]) == 4


def _code_blocks(card: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", card, flags=re.S)


def test_card_queries_run_as_printed(built_fixture_release: Path):
    card = (built_fixture_release / "README.md").read_text()
    python_blocks, sql_blocks = _code_blocks(card, "python"), _code_blocks(card, "sql")
    assert len(python_blocks) == 3 and len(sql_blocks) == 2
    workdir = built_fixture_release.parent.parent
    for block in python_blocks:
        result = subprocess.run([sys.executable, "-c", block], cwd=workdir, capture_output=True, text=True,
                                env={"HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "PATH": "/usr/bin:/bin",
                                     "HF_HOME": str(workdir / "hf-home")})
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip()
    import duckdb

    connection = duckdb.connect()
    import os

    os.chdir(workdir)
    try:
        joined = connection.execute(sql_blocks[0]).fetchall()
        mentions = connection.execute(sql_blocks[1]).fetchall()
    finally:
        os.chdir(ROOT)
    assert joined[0][:3] == ("en-fixture-article:c01", "en", "mechanism")
    assert mentions[0] == ("fibromyalgia", "en-fixture-article", "fibro", "abbreviation")


def test_croissant_validates_and_its_records_read(built_fixture_release: Path):
    import itertools

    import mlcroissant as mlc

    dataset = mlc.Dataset(jsonld=str(built_fixture_release / "croissant.json"))
    claims = list(itertools.islice(dataset.records(record_set="claims"), 5))
    assert [c["claims/claim_id"] for c in claims] == [b"en-fixture-article:c01", b"en-fixture-article:c02"]
    conditions = list(dataset.records(record_set="conditions"))
    assert conditions[0]["conditions/icd10cm"] == [b"M79.7"]


def test_two_builds_are_byte_identical(tmp_path: Path, built_fixture_release: Path):
    other = build_release(VALID_RAW, tmp_path / "dist", CARD).folder
    assert release_files(other) == release_files(built_fixture_release)
    for name in release_files(other):
        assert (other / name).read_bytes() == (built_fixture_release / name).read_bytes(), name


def test_rebuilding_identical_content_is_a_no_op(tmp_path: Path):
    out = tmp_path / "dist"
    assert build_release(VALID_RAW, out, CARD, "1.0.0").created is True
    stamp = (out / "1.0.0" / "README.md").stat().st_mtime_ns
    assert build_release(VALID_RAW, out, CARD, "1.0.0").created is False
    assert (out / "1.0.0" / "README.md").stat().st_mtime_ns == stamp
    assert [p.name for p in out.iterdir()] == ["1.0.0"]


def test_a_published_version_is_never_overwritten(tmp_path: Path, raw: Path):
    out = tmp_path / "dist"
    build_release(raw, out, CARD, "1.0.0")
    before = {name: (out / "1.0.0" / name).read_bytes() for name in release_files(out / "1.0.0")}
    edit(raw / "articles/001_0000000000000001.yaml", "text_en: Ketamine works by", "text_en: Ketamine acts by")
    with pytest.raises(ReleaseConflict) as conflict:
        build_release(raw, out, CARD, "1.0.0")
    message = str(conflict.value)
    assert message.startswith(f"{out / '1.0.0'} exists and differs from what the sources build (README.md, ")
    assert message.endswith("); published releases are immutable: bump VERSION and add a release note in "
                            "ketamine_claims/versions.py")
    after = {name: (out / "1.0.0" / name).read_bytes() for name in release_files(out / "1.0.0")}
    assert after == before
    assert [p.name for p in out.iterdir()] == ["1.0.0"]


def test_a_crash_during_the_build_leaves_nothing(tmp_path: Path, monkeypatch):
    def crash(folder):
        raise KeyboardInterrupt

    monkeypatch.setattr(release_module, "write_checksums", crash)
    out = tmp_path / "dist"
    with pytest.raises(KeyboardInterrupt):
        build_release(VALID_RAW, out, CARD)
    assert list(out.iterdir()) == []


def test_invalid_raw_data_writes_nothing(tmp_path: Path, raw: Path):
    edit(raw / "articles/001_0000000000000001.yaml", "language: en", "language: de")
    out = tmp_path / "dist"
    result = subprocess.run([sys.executable, str(ROOT / "build_dataset.py"), "build", "--raw", str(raw), "--out", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "error: 1 problem(s); nothing was written"
    assert not out.exists() or list(out.iterdir()) == []


@pytest.fixture
def release_copy(tmp_path: Path, built_fixture_release: Path) -> Path:
    target = tmp_path / "1.0.0"
    shutil.copytree(built_fixture_release, target)
    return target


def _rewrite(release: Path, config: str, change) -> None:
    path = find_data_file(release, config)
    table = change(pq.read_table(path))
    pq.write_table(table, path)


def _failures(release: Path) -> list[str]:
    with pytest.raises(ReleaseInvalid) as invalid:
        verify_release(release)
    return invalid.value.failures


def test_verify_catches_a_missing_column(release_copy: Path):
    shown = find_data_file(release_copy, "claims").relative_to(release_copy).as_posix()
    _rewrite(release_copy, "claims", lambda t: t.drop_columns(["certainty"]))
    failures = _failures(release_copy)
    assert f"{shown}: schema differs from schema/ (missing columns ['certainty'], unexpected columns [])" in failures
    assert (f"{shown}: the name does not carry the first 16 hex digits of the file's SHA-256, so a loader's cache "
            "could serve an older copy; rebuild the release") in failures


def test_verify_catches_changed_bytes(release_copy: Path):
    with open(release_copy / "metadata.json", "a") as handle:
        handle.write(" ")
    assert _failures(release_copy) == ["metadata.json: content differs from checksums.tsv"]


def test_verify_catches_a_span_that_no_longer_matches(release_copy: Path):
    def shift(table: pa.Table) -> pa.Table:
        starts = [s + 1 for s in table.column("start").to_pylist()]
        index = table.schema.get_field_index("start")
        return table.set_column(index, table.schema.field(index), pa.array(starts, pa.int64()))

    _rewrite(release_copy, "claims", shift)
    failures = _failures(release_copy)
    assert "claims: en-fixture-article:c01: text differs from the article text at its offsets" in failures


def test_verify_catches_row_counts_that_disagree_with_the_card(release_copy: Path):
    _rewrite(release_copy, "claims", lambda t: t.slice(0, 1))
    failures = _failures(release_copy)
    assert "README.md: claims has 1 rows but the card states 2" in failures
    assert "metadata.json: claims has 1 rows but metadata states 2" in failures


def test_metadata_reports_agreement_and_code_systems(built_fixture_release: Path):
    metadata = json.loads((built_fixture_release / "metadata.json").read_text())
    assert metadata["evidence_as_of"] == "2026-11-21"
    assert set(metadata["code_systems"]) == {"mesh_ids", "icd10cm", "icd11"}
    (pair,) = metadata["agreement"]
    assert pair["claim_f1_exact"] == 0.5 and pair["claim_f1_overlap"] == 1.0
    assert pair["kappa_claim_type"] == 1.0 and pair["kappa_certainty"] == 0.333  # (0.5 - 0.25) / (1 - 0.25)


def _set(table: pa.Table, column: str, values: list) -> pa.Table:
    index = table.schema.get_field_index(column)
    return table.set_column(index, table.schema.field(index), pa.array(values, table.schema.field(index).type))


@pytest.mark.parametrize("config, change, expected", [
    ("claims", lambda t: _set(t, "claim_id", [t.column("claim_id")[0].as_py()] * t.num_rows),
     "claims: en-fixture-article:c01: claim_id occurs 2 times"),
    ("claims", lambda t: _set(t, "language", ["pl"] * t.num_rows),
     "claims: en-fixture-article:c01: language pl differs from its article's en"),
    ("claims", lambda t: _set(_set(t, "claim_group_id", ["g", "g"]), "verdict", ["supported", "contradicted"]),
     "claims: claim group g has several verdicts: contradicted, supported"),
    ("articles", lambda t: _set(t, "claim_count", [7] * t.num_rows),
     "articles: en-fixture-article: claim_count is 7 but the article has 2 claims"),
    ("articles", lambda t: _set(t, "discern_total", [0] * t.num_rows),
     "articles: en-fixture-article: discern_total is not the sum of DISCERN_Q1 to DISCERN_Q15"),
    ("articles", lambda t: _set(t, "text_sha256", ["0" * 64] * t.num_rows),
     "articles: en-fixture-article: text_sha256 is not the hash of the text"),
    ("claim_groups", lambda t: _set(t, "verdict", ["contradicted"] * t.num_rows),
     "claim_groups: ketamine-blocks-pain-receptors: a claim of the group has another verdict or fold"),
    ("claim_groups", lambda t: _set(t, "claim_ids", [[]] * t.num_rows),
     "claim_groups: ketamine-blocks-pain-receptors: claim_ids differ from the claims of the group"),
    ("mentions", lambda t: _set(t, "start", [0] * t.num_rows),
     "mentions: the rows differ from the mentions nested in conditions"),
])
def test_verify_recomputes_every_invariant_it_can_see(release_copy: Path, config, change, expected):
    _rewrite(release_copy, config, change)
    assert expected in _failures(release_copy)


def test_verify_reports_a_stray_parquet_file_and_damaged_files_without_a_traceback(release_copy: Path):
    claims, articles = find_data_file(release_copy, "claims"), find_data_file(release_copy, "articles")
    shutil.copy(claims, release_copy / "claims" / "copy.parquet")
    articles.write_bytes(b"PAR1 not really")
    with open(release_copy / CHECKSUMS, "a", encoding="utf-8") as handle:
        handle.write("a line without tabs\n")
    (release_copy / "metadata.json").unlink()
    failures = _failures(release_copy)
    assert (f"claims/: holds files besides {claims.name}, which readers of claims/*.parquet would "
            "count twice: copy.parquet") in failures
    assert any(f.startswith(f"articles/{articles.name}: not a readable Parquet file") for f in failures)
    assert any(f.endswith(": not a line of path, size and sha256 separated by tabs") for f in failures)
    assert any(f.startswith("metadata.json: missing or not valid JSON") for f in failures)


def test_verify_refuses_a_card_without_dataset_info(release_copy: Path):
    readme = release_copy / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace("dataset_info:", "dataset_info_gone:"), encoding="utf-8")
    assert ("README.md: the front matter is missing, unreadable or has no dataset_info, so the row counts the card "
            "states cannot be checked") in _failures(release_copy)


def test_claims_of_one_group_share_a_fold_and_folds_go_round_the_groups(built_fixture_release: Path):
    claims = pq.read_table(find_data_file(built_fixture_release, "claims"), columns=["claim_group_id", "fold"]).to_pylist()
    fold_of = {}
    for claim in claims:
        assert fold_of.setdefault(claim["claim_group_id"], claim["fold"]) == claim["fold"]
    assert [fold_of[group] for group in sorted(fold_of)] == [0, 1]


def test_a_rebuilt_preview_is_never_served_stale_from_the_loader_cache(tmp_path: Path, raw: Path):
    from datasets import load_dataset

    out, cache = tmp_path / "preview", str(tmp_path / "cache")
    build_release(raw, out, CARD)  # the unpublished VERSION: a preview, replaced by each rebuild
    first = load_dataset(str(out / VERSION), "claims", split="train", cache_dir=cache)
    names = first.features["certainty"].int2str
    assert [names(i) for i in first["certainty"]] == ["asserted", "possible"]
    # A change of the same length leaves every size and count as it was; only the file's name,
    # which carries its digest, tells the loader that the content changed.
    before = find_data_file(out / VERSION, "claims").name
    edit(raw / "articles/001_0000000000000001.yaml", "certainty: asserted", "certainty: possible")
    build_release(raw, out, CARD)
    assert find_data_file(out / VERSION, "claims").name != before
    second = load_dataset(str(out / VERSION), "claims", split="train", cache_dir=cache)
    assert [names(i) for i in second["certainty"]] == ["possible", "possible"]


def test_a_killed_build_leaves_a_staging_folder_that_the_next_build_sweeps(tmp_path: Path):
    out = tmp_path / "dist"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    leftover = out / f".staging-1.0.0-{dead.stdout.strip()}"
    (leftover / "claims").mkdir(parents=True)
    build_release(VALID_RAW, out, CARD, "1.0.0")
    assert sorted(p.name for p in out.iterdir()) == ["1.0.0"]


def test_a_build_that_loses_the_race_compares_with_the_winner(tmp_path: Path, monkeypatch):
    from ketamine_claims.publishing import writer

    out = tmp_path / "dist"
    winner = build_release(VALID_RAW, tmp_path / "other", CARD, "1.0.0").folder
    real_rename = os.rename

    def rename_after_the_winner(source, target):
        if Path(target) == out / "1.0.0" and not Path(target).exists():
            shutil.copytree(winner, target)  # the other build renames its release into place first
        return real_rename(source, target)

    monkeypatch.setattr(writer.os, "rename", rename_after_the_winner)
    assert build_release(VALID_RAW, out, CARD, "1.0.0").created is False
    assert sorted(p.name for p in out.iterdir()) == ["1.0.0"]


def test_a_dangling_link_at_the_release_path_is_refused(tmp_path: Path):
    out = tmp_path / "dist"
    out.mkdir()
    (out / "1.0.0").symlink_to(tmp_path / "nowhere")
    with pytest.raises(ReleaseConflict, match="is a link to nothing; remove it, then build again"):
        build_release(VALID_RAW, out, CARD, "1.0.0")


def test_closed_label_sets_load_as_class_labels_in_their_order(built_fixture_release: Path, tmp_path: Path):
    from datasets import ClassLabel, load_dataset

    claims = load_dataset(str(built_fixture_release), "claims", split="train", cache_dir=str(tmp_path / "cache"))
    verdict = claims.features["verdict"]
    assert isinstance(verdict, ClassLabel)
    assert verdict.names[:4] == ["contradicted", "insufficient_evidence", "partially_supported", "supported"]
    assert [verdict.int2str(v) for v in claims["verdict"]] == ["supported", "insufficient_evidence"]
