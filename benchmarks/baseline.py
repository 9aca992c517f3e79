#!/usr/bin/env python3
"""The floor a build is compared with: only the work no build of these files can avoid.

    python benchmarks/baseline.py --raw DIR --out DIR

1. Parse every YAML file with libyaml's fastest safe loader (``yaml.load(..., Loader=CSafeLoader)``)
   and read every text;
2. validate each record once with its pydantic model (``ArticleFile.model_validate`` etc.);
3. write the three published tables with the release's Arrow schema and Parquet options.

The rows are built straight from the parsed dicts, in the published shapes. Quotes are found
with plain ``str.find`` (no whole-word or ambiguity checks), and none of the rules the
validator applies, the cards, the figures or the checksums is done. The garbage collector
is off, as in the build. Prints the row counts so a caller can compare them with the build.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ketamine_claims.presenting.schema_export import arrow_schema  # noqa: E402
from ketamine_claims.publishing.writer import PARQUET_OPTIONS  # noqa: E402
from schema import CONFIGS  # noqa: E402
from schema.claim import FOLDS  # noqa: E402
from schema.condition import MENTION_CONTEXT  # noqa: E402
from schema.raw import ArticleFile, BibliographyFile, ClaimGroupsFile, ConditionsFile, IndependentAnnotationFile  # noqa: E402

METADATA = ("article_id", "source_file", "text_sha256", "language", "title", "author", "site", "url", "published",
            "site_type", "site_type_basis", "provenance_note", "missing_reasons")
REFERENCE_KEYS = ("reference_id", "kind", "citation", "doi", "pmid", "pmcid", "trial_id", "url")


def load(path: Path) -> object:
    return yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)


def spans(text: str, selector: dict) -> list[tuple[int, int]]:
    """Every plain match of the quote, filtered by prefix and suffix, then the occurrence asked for."""
    quote, starts, position = selector["quote"], [], text.find(selector["quote"])
    while position != -1:
        starts.append(position)
        position = text.find(quote, position + 1)
    prefix, suffix = selector.get("prefix"), selector.get("suffix")
    if prefix is not None:
        starts = [s for s in starts if text[max(0, s - len(prefix)):s] == prefix]
    if suffix is not None:
        starts = [s for s in starts if text[s + len(quote):s + len(quote) + len(suffix)] == suffix]
    occurrence = selector.get("occurrence")
    if occurrence not in (None, "all"):
        starts = starts[occurrence - 1:occurrence]
    elif occurrence is None:
        starts = starts[:1]
    return [(s, s + len(quote)) for s in starts]


def passage(text: str, span: tuple[int, int]) -> dict:
    return {"start": span[0], "end": span[1], "text": text[span[0]:span[1]]}


def run(raw: Path, out: Path) -> dict[str, int]:
    conditions, bibliography, groups = (load(raw / name) for name in
                                        ("conditions.yaml", "bibliography.yaml", "claim_groups.yaml"))
    ConditionsFile.model_validate(conditions)
    BibliographyFile.model_validate(bibliography)
    ClaimGroupsFile.model_validate(groups)
    for path in sorted((raw / "agreement").glob("*.yaml")) if (raw / "agreement").is_dir() else []:
        IndependentAnnotationFile.model_validate(load(path))

    references = {r["reference_id"]: {key: r.get(key) for key in REFERENCE_KEYS} for r in bibliography["references"]}
    defaults = groups["annotation"]
    folds = {group_id: position % FOLDS for position, group_id in enumerate(sorted(g["claim_group_id"] for g in groups["groups"]))}
    verdicts = {g["claim_group_id"]: {
        "fold": folds[g["claim_group_id"]], "verdict": g["verdict"],
        "insufficient_evidence_reason": g.get("insufficient_evidence_reason"),
        "evidence_certainty": g.get("evidence_certainty"), "evidence_basis": g.get("evidence_basis"),
        "verdict_rationale": g["rationale"],
        "verdict_sources": [{**references[s["reference_id"]], "stance": s["stance"], "finding": s["finding"]}
                            for s in g.get("sources", [])],
        "verdict_searches": [{**s, "searched_on": date.fromisoformat(s["searched_on"])} for s in g.get("searches", [])],
        "verdict_provenance": {"annotator": g.get("assessor") or defaults["annotator"],
                               "adjudicated": bool(g.get("adjudicated", False)),
                               "guideline_version": defaults["guideline_version"]}} for g in groups["groups"]}
    mentions_of = {c["condition_id"]: [] for c in conditions["conditions"]}
    claim_counts = dict.fromkeys(mentions_of, 0)
    articles, claims = [], []
    for path in sorted((raw / "articles").glob("*.yaml")):
        data = load(path)
        text = path.with_suffix(".txt").read_bytes().decode("utf-8")
        ArticleFile.model_validate(data)
        annotation = data["annotation"]
        article_id, language = data["article_id"], data["language"]

        def provenance(item: dict) -> dict:
            return {"annotator": item.get("annotator") or annotation["annotator"],
                    "adjudicated": bool(item.get("adjudicated", False)),
                    "guideline_version": annotation["guideline_version"]}

        article_claims = []
        for claim in data["claims"]:
            for condition_id in set(claim["condition_ids"]):
                claim_counts[condition_id] += 1
            article_claims.append({
                "claim_id": f"{article_id}:{claim['id']}", "article_id": article_id, "language": language,
                **passage(text, spans(text, claim)[0]), "text_en": claim["text_en"],
                "claim_group_id": claim["claim_group_id"], "claim_type": claim["claim_type"],
                "condition_ids": claim["condition_ids"], "certainty": claim["certainty"],
                "evidence_cited": claim["evidence_cited"], **verdicts[claim["claim_group_id"]],
                "provenance": provenance(claim)})
        article_claims.sort(key=lambda row: (row["start"], row["end"], row["claim_id"]))
        claims.extend(article_claims)
        chrome = [spans(text, item)[0] for item in data["boilerplate"]]
        mention_count = 0
        for mention in data["mentions"]:
            for span in spans(text, mention):
                mention_count += 1
                mentions_of[mention["condition_id"]].append({
                    "article_id": article_id, **passage(text, span), "form": mention["form"],
                    "in_boilerplate": any(s <= span[0] and span[1] <= e for s, e in chrome),
                    "provenance": provenance(mention), "language": language,
                    "context_before": text[max(0, span[0] - MENTION_CONTEXT):span[0]],
                    "context_after": text[span[1]:span[1] + MENTION_CONTEXT]})
        ratings = data["ratings"]
        row = {key: data[key] for key in METADATA}
        row["published"] = date.fromisoformat(row["published"]) if row["published"] else None
        row.update({
            "text": text,
            "boilerplate": sorted(({"kind": item["kind"], **passage(text, span)}
                                   for item, span in zip(data["boilerplate"], chrome)),
                                  key=lambda b: (b["start"], b["end"])),
            "relations": [{"type": r["type"], "target_article_id": r.get("target_article_id"),
                           "target_url": r.get("target_url"), "note": r["note"]} for r in data["relations"]],
            "text_quality": sorted(({"flag": item["flag"], **passage(text, spans(text, item)[0]), "note": item["note"]}
                                    for item in data["text_quality"]), key=lambda q: (q["start"], q["end"], q["flag"])),
            "discern": ratings["discern"], "discern_total": sum(r["score"] for r in ratings["discern"][:15]),
            "jama": ratings["jama"], "jama_score": sum(r["met"] for r in ratings["jama"]),
            "rating_provenance": {"annotator": ratings["rater"], "adjudicated": False,
                                  "guideline_version": ratings["guideline_version"]},
            "claim_count": len(article_claims), "mention_count": mention_count})
        articles.append(row)
    condition_rows = []
    for concept in conditions["conditions"]:
        row = {key: concept.get(key) for key in ("condition_id", "name", "category", "mesh_ids", "icd10cm", "icd11",
                                                 "mapping_note")}
        row["missing_reasons"] = concept.get("missing_reasons", [])
        row["mentions"] = sorted(mentions_of[concept["condition_id"]], key=lambda m: (m["article_id"], m["start"], m["end"]))
        row["claim_count"] = claim_counts[concept["condition_id"]]
        condition_rows.append(row)

    mention_rows = [{**mention, "mention_id": f"{mention['article_id']}:{mention['start']}-{mention['end']}:"
                                            f"{row['condition_id']}", "condition_id": row["condition_id"],
                     "condition_name": row["name"], **{k: row[k] for k in ("category", "mesh_ids", "icd10cm", "icd11")}}
                    for row in condition_rows for mention in row["mentions"]]
    members: dict[str, list[dict]] = {}
    for claim in claims:
        members.setdefault(claim["claim_group_id"], []).append(claim)
    group_rows = [{"claim_group_id": g["claim_group_id"], "statement_en": g["statement_en"],
                   "claim_ids": sorted(c["claim_id"] for c in members[g["claim_group_id"]]),
                   "article_ids": sorted({c["article_id"] for c in members[g["claim_group_id"]]}),
                   "languages": sorted({c["language"] for c in members[g["claim_group_id"]]}),
                   **verdicts[g["claim_group_id"]]} for g in groups["groups"]]
    rows = {"articles": articles, "claims": claims, "claim_groups": group_rows, "conditions": condition_rows,
            "mentions": mention_rows}
    for config, model in CONFIGS.items():
        table = pa.Table.from_pylist(rows[config], schema=arrow_schema(model))
        path = out / config / "train-00000-of-00001.parquet"  # the baseline writes no digest into the name
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, path, **PARQUET_OPTIONS)
    return {config: len(config_rows) for config, config_rows in rows.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--raw", type=Path, required=True, help="raw corpus to read")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the three Parquet files into")
    arguments = parser.parse_args(argv)
    gc.disable()
    print(json.dumps(run(arguments.raw, arguments.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
