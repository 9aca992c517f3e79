"""Write the adjudicated verdicts into raw/claim_groups.yaml and their new sources into raw/bibliography.yaml.

Keeps each group's statement_en and the file's order; replaces every verdict field; marks each group
adjudicated. Bibliography entries no group cites any more are dropped, new ones are added without
their `verified_at` audit field (kept here in pending/adjudication/), and a work that two
adjudicators added under different keys is kept once, under the first key. Run from the
repository root: python pending/adjudication/merge.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ADJUDICATED = Path("pending/adjudication")
VERDICT_FIELDS = ("verdict", "insufficient_evidence_reason", "evidence_certainty", "evidence_basis", "rationale",
                  "sources", "searches")
IDENTIFIERS = ("doi", "pmid", "pmcid", "trial_id")
REFERENCE_FIELDS = ("reference_id", "kind", "citation", *IDENTIFIERS, "url")
HEADER = """# Claim groups: one assertion each, with the verdict shared by all its claims (guidelines 2.0, section 5).
# Each verdict was made twice by blind assessors (pending/blind/) and settled here in adjudication;
# rationales and findings are the assessors' own words; reference_id values are keys of raw/bibliography.yaml.
"""


def _clean(value):
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _bibliography_text(cited: set[str], added: list[dict], audits: dict[str, str | None]) -> str:
    """raw/bibliography.yaml with its comments kept: uncited entries dropped, new ones appended with their audit."""
    head, body = Path("raw/bibliography.yaml").read_text(encoding="utf-8").split("references:\n", 1)
    blocks: list[list[str]] = []  # each entry with the comment lines above it
    comments: list[str] = []
    for line in body.splitlines(keepends=True):
        if line.startswith("  #"):
            comments.append(line)
        elif line.startswith("  - "):
            blocks.append(comments + [line])
            comments = []
        else:
            blocks[-1].append(line)
    kept = "".join("".join(block) for block in blocks if _key(block) in cited)
    new = []
    for entry in added:
        if entry["reference_id"] in cited:
            dumped = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=110)
            audit = audits.get(entry["reference_id"])
            note = (f"identifiers seen printed at {audit}" if audit else
                    "no identifier kept; the work is shown at the url, where the blind assessor saw it")
            new.append(f"  # Added in adjudication for 2.0.0; {note}\n"
                       + "".join("  " + line for line in dumped.splitlines(keepends=True)))
    return head + "references:\n" + kept + "".join(new)


def _key(block: list[str]) -> str:
    line = next(line for line in block if line.startswith("  - reference_id:"))
    return line.split(":", 1)[1].strip().strip('"')


def main() -> None:
    groups_file = yaml.safe_load(Path("raw/claim_groups.yaml").read_text(encoding="utf-8"))
    bibliography = yaml.safe_load(Path("raw/bibliography.yaml").read_text(encoding="utf-8"))
    decided, added, renamed = {}, [], {}
    known = {r["reference_id"]: r for r in bibliography["references"]}
    by_identifier = {(k, r[k]): r["reference_id"] for r in bibliography["references"]
                     for k in (*IDENTIFIERS, "url") if r.get(k)}
    for path in sorted(ADJUDICATED.glob("adjudicated*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        for reference in record.get("references") or []:
            key = reference["reference_id"]
            twin = next((by_identifier[(k, reference[k])] for k in (*IDENTIFIERS, "url")
                         if reference.get(k) and (k, reference[k]) in by_identifier), None)
            if twin is not None:
                renamed[(path.name, key)] = twin
                continue
            entry = {k: reference[k] for k in REFERENCE_FIELDS if reference.get(k)}
            if key in known:
                if any(entry.get(k) and known[key].get(k) and entry[k] != known[key][k] for k in IDENTIFIERS):
                    sys.exit(f"{path}: reference_id {key} names another work (identifiers differ); rename it")
                # The same key for the same work: keep the first entry, adding identifiers it lacked.
                for k in IDENTIFIERS:
                    if entry.get(k) and not known[key].get(k):
                        known[key][k] = entry[k]
                        by_identifier[(k, entry[k])] = key
                continue
            known[key] = entry
            added.append(entry)
            by_identifier.update({(k, entry[k]): key for k in (*IDENTIFIERS, "url") if entry.get(k)})
        for group in record["groups"]:
            for source in group.get("sources") or []:
                source["reference_id"] = renamed.get((path.name, source["reference_id"]), source["reference_id"])
            decided[group["claim_group_id"]] = group
    missing = [g["claim_group_id"] for g in groups_file["groups"] if g["claim_group_id"] not in decided]
    if missing:
        print(f"not yet adjudicated ({len(missing)}): {', '.join(missing)}", file=sys.stderr)
    out_groups = []
    for group in groups_file["groups"]:
        new = decided.get(group["claim_group_id"])
        if new is None:
            out_groups.append(group)
            continue
        entry = {"claim_group_id": group["claim_group_id"], "statement_en": group["statement_en"]}
        entry.update({k: new.get(k) for k in VERDICT_FIELDS})
        entry["adjudicated"] = True
        out_groups.append(_clean(entry))
    cited = {s["reference_id"] for g in out_groups for s in g.get("sources") or []}
    references = [r for r in bibliography["references"] + added if r["reference_id"] in cited]
    audits = {r["reference_id"]: r.get("verified_at") for path in sorted(ADJUDICATED.glob("adjudicated*.yaml"))
              for r in yaml.safe_load(path.read_text(encoding="utf-8")).get("references") or []}
    groups_file["evidence_as_of"] = "2026-12-03"
    groups_file["annotation"] = {"annotator": "ann-v", "guideline_version": "2.0"}
    groups_file["groups"] = out_groups
    dump = lambda data: yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)  # noqa: E731
    Path("raw/claim_groups.yaml").write_text(HEADER + dump(groups_file), encoding="utf-8")
    Path("raw/bibliography.yaml").write_text(_bibliography_text(cited, added, audits), encoding="utf-8")
    print(f"{len(decided)} groups adjudicated, {len(added)} references added, {len(references)} kept")


if __name__ == "__main__":
    main()
