"""Check a published release against its own checksums, the models, the card and its internal references."""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from pathlib import Path

import pyarrow.parquet as pq
import yaml
from pydantic import ValidationError

from ketamine_claims.errors import ReleaseInvalid, UsageError
from ketamine_claims.presenting.schema_export import arrow_schema
from ketamine_claims.publishing.writer import release_files, sha256_of
from ketamine_claims.release_layout import CHECKSUMS, DIGEST_LENGTH, data_file, data_files_pattern
from ketamine_claims.versions import SOURCE_COMMITS, VERSION
from schema import CONFIGS


def _refuse_an_older_schema(folder: Path) -> None:
    """A release built by an earlier schema is checked by the code of its own source commit, not by main's."""
    try:
        version = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError, TypeError):
        return  # reported as a failure by the checks below
    if version != VERSION and version in SOURCE_COMMITS:
        commit = SOURCE_COMMITS[version]
        raise UsageError(f"{folder} is release {version}, built by the code and schema of commit {commit[:12]}, "
                         f"not of version {VERSION}; verify it with that commit's code (git worktree add "
                         f"../v{version} {commit[:12]}, then python ../v{version}/build_dataset.py verify {folder}), "
                         "or run the tests, which rebuild it from that commit byte for byte")


def verify_release(folder: Path) -> dict[str, int]:
    """Run every check; return row counts per config, or raise ReleaseInvalid listing every failure."""
    failures: list[str] = []
    if not folder.is_dir():
        raise ReleaseInvalid([f"{folder}: release folder not found; build it with `python build_dataset.py build`"])
    _refuse_an_older_schema(folder)
    _check_checksums(folder, failures)
    tables = {}
    for config, model in CONFIGS.items():
        candidates = (sorted((folder / config).glob("train-*.parquet")) or sorted((folder / config).glob("*.parquet"))
                      if (folder / config).is_dir() else [])
        if not candidates:
            failures.append(f"{data_files_pattern(config)}: missing")
            continue
        path = candidates[0]
        shown = path.relative_to(folder).as_posix()
        stray = sorted(p.name for p in path.parent.iterdir() if p != path)
        if stray:
            failures.append(f"{config}/: holds files besides {path.name}, which readers of {config}/*.parquet "
                            f"would count twice: {', '.join(stray)}")
        if shown != data_file(config, sha256_of(path)):
            failures.append(f"{shown}: the name does not carry the first {DIGEST_LENGTH} hex digits of the file's "
                            "SHA-256, so a loader's cache could serve an older copy; rebuild the release")
        try:
            found = pq.read_schema(path)
        except Exception as error:  # noqa: BLE001 - pyarrow raises several types for a damaged file
            failures.append(f"{shown}: not a readable Parquet file ({error})")
            continue
        expected = arrow_schema(model)
        if not found.remove_metadata().equals(expected, check_metadata=True):
            failures.append(f"{shown}: schema differs from schema/ ({_schema_difference(found, expected)})")
            continue
        try:
            tables[config] = pq.read_table(path).to_pylist()
        except Exception as error:  # noqa: BLE001
            failures.append(f"{shown}: its data cannot be read ({error})")
            continue
        for index, row in enumerate(tables[config]):
            try:
                model.model_validate(row)
            except ValidationError as error:
                first = error.errors()[0]
                failures.append(f"{shown}: row {index}: {'.'.join(map(str, first['loc']))}: {first['msg']}")
                break
    _check_card_counts(folder, tables, failures)
    if len(tables) == len(CONFIGS):
        _check_references(tables, failures)
        _check_invariants(tables, failures)
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
    for number, line in enumerate(checksums.read_text(encoding="utf-8", errors="replace").splitlines()[1:], 2):
        parts = line.split("\t")
        if len(parts) != 3 or not parts[1].isdigit() or len(parts[2]) != 64:
            failures.append(f"{CHECKSUMS}:{number}: not a line of path, size and sha256 separated by tabs")
            continue
        listed[parts[0]] = (int(parts[1]), parts[2])
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
    text = readme.read_text(encoding="utf-8", errors="replace")
    try:
        header = yaml.safe_load(text.split("---\n", 2)[1]) if text.startswith("---\n") else None
    except yaml.YAMLError:
        header = None
    if not isinstance(header, dict) or not header.get("dataset_info"):
        failures.append("README.md: the front matter is missing, unreadable or has no dataset_info, so the row "
                        "counts the card states cannot be checked")
        header = {}
    for info in header.get("dataset_info", []):
        config = info["config_name"]
        stated = info["splits"][0]["num_examples"]
        if config in tables and stated != len(tables[config]):
            failures.append(f"README.md: {config} has {len(tables[config])} rows but the card states {stated}")
    try:
        metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        failures.append(f"metadata.json: missing or not valid JSON ({error})")
        return
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


def _check_invariants(tables: dict[str, list[dict]], failures: list[str]) -> None:
    """What the build guarantees and a release shows on its own: ids, languages, derived counts, shared verdicts."""
    articles = {a["article_id"]: a for a in tables["articles"]}
    for article in tables["articles"]:
        where = f"articles: {article['article_id']}"
        if hashlib.sha256(article["text"].encode("utf-8")).hexdigest() != article["text_sha256"]:
            failures.append(f"{where}: text_sha256 is not the hash of the text")
        if article["discern_total"] != sum(r["score"] for r in article["discern"] if r["item"] != "DISCERN_Q16"):
            failures.append(f"{where}: discern_total is not the sum of DISCERN_Q1 to DISCERN_Q15")
        if article["jama_score"] != sum(r["met"] for r in article["jama"]):
            failures.append(f"{where}: jama_score is not the number of JAMA criteria met")
    claims_per_article = Counter(c["article_id"] for c in tables["claims"])
    mentions_per_article = Counter(m["article_id"] for c in tables["conditions"] for m in c["mentions"])
    for article_id, article in articles.items():
        if article["claim_count"] != claims_per_article[article_id]:
            failures.append(f"articles: {article_id}: claim_count is {article['claim_count']} but the article "
                            f"has {claims_per_article[article_id]} claims")
        if article["mention_count"] != mentions_per_article[article_id]:
            failures.append(f"articles: {article_id}: mention_count is {article['mention_count']} but the article "
                            f"has {mentions_per_article[article_id]} mentions")
    for claim_id, count in Counter(c["claim_id"] for c in tables["claims"]).items():
        if count > 1:
            failures.append(f"claims: {claim_id}: claim_id occurs {count} times")
    verdicts = defaultdict(set)
    for claim in tables["claims"]:
        where = f"claims: {claim['claim_id']}"
        if not claim["claim_id"].startswith(claim["article_id"] + ":"):
            failures.append(f"{where}: claim_id does not start with its article_id {claim['article_id']}")
        article = articles.get(claim["article_id"])
        if article is not None and claim["language"] != article["language"]:
            failures.append(f"{where}: language {claim['language']} differs from its article's {article['language']}")
        verdicts[claim["claim_group_id"]].add(claim["verdict"])
    for group, found in sorted(verdicts.items()):
        if len(found) > 1:
            failures.append(f"claims: claim group {group} has several verdicts: {', '.join(sorted(found))}")
    _check_views(tables, failures)


def _check_views(tables: dict[str, list[dict]], failures: list[str]) -> None:
    """The claim_groups and mentions configs are views of claims and conditions, and must say the same."""
    members = defaultdict(list)
    for claim in tables["claims"]:
        members[claim["claim_group_id"]].append(claim)
    for group in tables["claim_groups"]:
        where, claims = f"claim_groups: {group['claim_group_id']}", members.get(group["claim_group_id"], [])
        if group["claim_ids"] != sorted(c["claim_id"] for c in claims):
            failures.append(f"{where}: claim_ids differ from the claims of the group")
        if any(c["verdict"] != group["verdict"] or c["fold"] != group["fold"] for c in claims):
            failures.append(f"{where}: a claim of the group has another verdict or fold")
    if set(members) - {g["claim_group_id"] for g in tables["claim_groups"]}:
        failures.append("claim_groups: some claim groups of the claims have no row")
    nested = sorted((c["condition_id"], m["article_id"], m["start"], m["end"]) for c in tables["conditions"]
                    for m in c["mentions"])
    rows = sorted((m["condition_id"], m["article_id"], m["start"], m["end"]) for m in tables["mentions"])
    if nested != rows:
        failures.append("mentions: the rows differ from the mentions nested in conditions")


def _check_span(texts: dict[str, str], row: dict, where: str, failures: list[str]) -> None:
    """A row's article must exist and hold the row's text at the row's offsets."""
    text = texts.get(row["article_id"])
    if text is None:
        failures.append(f"{where}: unknown article_id {row['article_id']}")
    elif text[row["start"]:row["end"]] != row["text"]:
        failures.append(f"{where}: text differs from the article text at its offsets")
