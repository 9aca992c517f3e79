"""Write an article's published (release 1.0.0) annotation in the form of an independent annotation.

Articles 001 and 002 were annotated once before release 1.0.0, so no frozen first annotation of
them exists; their published claims and mentions stand in for it when they are compared with the
blind second annotation (ann-d). Claim groups, provenance overrides and verdicts are left out,
as an independent annotation has none. Run from the repository root:
python pending/blind/tools/first_annotation_as_independent.py raw/articles/001_f4edce3c25a8221b.yaml OUT
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

SELECTOR = ("quote", "prefix", "suffix", "occurrence")


def convert(article: dict) -> dict:
    claims = [{"id": c["id"], **{k: c[k] for k in SELECTOR if c.get(k) is not None},
               **{k: c[k] for k in ("text_en", "claim_type", "condition_ids", "certainty", "evidence_cited")}}
              for c in article["claims"]]
    mentions = [{**{k: m[k] for k in SELECTOR if m.get(k) is not None}, "condition_id": m["condition_id"],
                 "form": m["form"]} for m in article["mentions"]]
    return {"article_id": article["article_id"], "annotation": dict(article["annotation"]),
            "claims": claims, "mentions": mentions}


def join_parts(parts: list[Path]) -> dict:
    """One independent annotation from the files of sessions that annotated an article by parts."""
    records = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in parts]
    joined = {**records[0], "claims": [], "mentions": []}
    for record in records:
        joined["claims"] += record["claims"]
        joined["mentions"] += record["mentions"]
    return joined


def main(source: str, out: str) -> None:
    sources = [Path(part) for part in source.split(",")]
    record = (join_parts(sources) if len(sources) > 1
              else convert(yaml.safe_load(sources[0].read_text(encoding="utf-8"))))
    Path(out).write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
