"""Check a published release against its own checksums, the models, the card and its internal references."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import yaml
from pydantic import ValidationError

from ketamine_claims.errors import ReleaseInvalid
from ketamine_claims.schema_export import arrow_schema
from ketamine_claims.writer import CHECKSUMS, data_file, release_files, sha256_of
from schema import CONFIGS


def verify_release(folder: Path) -> dict[str, int]:
    """Run every check; return row counts per config, or raise ReleaseInvalid listing every failure."""
    failures: list[str] = []
    if not folder.is_dir():
        raise ReleaseInvalid([f"{folder}: release folder not found; build it with `python build_dataset.py build`"])
    _check_checksums(folder, failures)
    tables = {}
    for config, model in CONFIGS.items():
        path = folder / data_file(config)
        if not path.is_file():
            failures.append(f"{data_file(config)}: missing")
            continue
        found = pq.read_schema(path)
        expected = arrow_schema(model)
        if not found.remove_metadata().equals(expected, check_metadata=True):
            failures.append(f"{data_file(config)}: schema differs from schema/ ({_schema_difference(found, expected)})")
            continue
        tables[config] = pq.read_table(path).to_pylist()
        for index, row in enumerate(tables[config]):
            try:
                model.model_validate(row)
            except ValidationError as error:
                first = error.errors()[0]
                failures.append(f"{data_file(config)}: row {index}: {'.'.join(map(str, first['loc']))}: {first['msg']}")
                break
    _check_card_counts(folder, tables, failures)
    if len(tables) == len(CONFIGS):
        _check_references(tables, failures)
    if failures:
        raise ReleaseInvalid(failures)
    return {config: len(rows) for config, rows in tables.items()}


def _schema_difference(found, expected) -> str:
    found_names, expected_names = found.names, expected.names
    missing = [n for n in expected_names if n not in found_names]
    extra = [n for n in found_names if n not in expected_names]
    if missing or extra:
        return f"missing columns {missing}, unexpected columns {extra}"
    changed = [n for n in expected_names if not found.field(n).equals(expected.field(n), check_metadata=True)]
    return f"columns with another type, nullability or description: {changed}"


def _check_checksums(folder: Path, failures: list[str]) -> None:
    listed = {}
    checksums = folder / CHECKSUMS
    if not checksums.is_file():
        failures.append(f"{CHECKSUMS}: missing")
        return
    for line in checksums.read_text(encoding="utf-8").splitlines()[1:]:
        name, size, digest = line.split("\t")
        listed[name] = (int(size), digest)
    present = set(release_files(folder)) - {CHECKSUMS}
    for name in sorted(present - set(listed)):
        failures.append(f"{name}: not listed in {CHECKSUMS}")
    for name, (size, digest) in sorted(listed.items()):
        path = folder / name
        if not path.is_file():
            failures.append(f"{name}: listed in {CHECKSUMS} but missing")
        elif path.stat().st_size != size or sha256_of(path) != digest:
            failures.append(f"{name}: content differs from {CHECKSUMS}")


def _check_card_counts(folder: Path, tables: dict[str, list[dict]], failures: list[str]) -> None:
    readme = folder / "README.md"
    if not readme.is_file():
        failures.append("README.md: missing")
        return
    text = readme.read_text(encoding="utf-8")
    header = yaml.safe_load(text.split("---\n", 2)[1]) if text.startswith("---\n") else {}
    for info in header.get("dataset_info", []):
        config = info["config_name"]
        stated = info["splits"][0]["num_examples"]
        if config in tables and stated != len(tables[config]):
            failures.append(f"README.md: {config} has {len(tables[config])} rows but the card states {stated}")
    metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    for config, info in metadata["configs"].items():
        if config in tables and info["rows"] != len(tables[config]):
            failures.append(f"metadata.json: {config} has {len(tables[config])} rows but metadata states {info['rows']}")


def _check_references(tables: dict[str, list[dict]], failures: list[str]) -> None:
    texts = {a["article_id"]: a["text"] for a in tables["articles"]}
    conditions = {c["condition_id"] for c in tables["conditions"]}
    for article in tables["articles"]:
        for item in article["boilerplate"] + article["text_quality"]:
            if article["text"][item["start"]:item["end"]] != item["text"]:
                failures.append(f"articles: {article['article_id']}: span {item['start']}-{item['end']} does not match its text")
    for claim in tables["claims"]:
        _check_span(texts, claim, f"claims: {claim['claim_id']}", failures)
        for condition_id in claim["condition_ids"]:
            if condition_id not in conditions:
                failures.append(f"claims: {claim['claim_id']}: unknown condition_id {condition_id}")
    for condition in tables["conditions"]:
        for mention in condition["mentions"]:
            _check_span(texts, mention, f"conditions: {condition['condition_id']}: mention at {mention['start']}", failures)


def _check_span(texts: dict[str, str], row: dict, where: str, failures: list[str]) -> None:
    """A row's article must exist and hold the row's text at the row's offsets."""
    text = texts.get(row["article_id"])
    if text is None:
        failures.append(f"{where}: unknown article_id {row['article_id']}")
    elif text[row["start"]:row["end"]] != row["text"]:
        failures.append(f"{where}: text differs from the article text at its offsets")
