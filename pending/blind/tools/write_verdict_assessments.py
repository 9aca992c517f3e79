"""Write raw/verdict_assessments.yaml: the labels of each group's first two frozen blind verdicts.

Only labels are carried over (verdict, reason, certainty, basis, and the assessor's pseudonym, which
is the second part of the frozen file's name); rationales, sources and searches stay in the frozen
files in pending/blind/. Run from the repository root.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from verdict_agreement import paired_verdicts  # noqa: E402

LABELS = ("verdict", "insufficient_evidence_reason", "evidence_certainty", "evidence_basis")
HEADER = """# The labels of the two blind verdicts of every claim group, frozen before adjudication, for agreement.
# Each comes from pending/blind/verdicts.<assessor>.*.yaml, where its rationale, sources and searches stand
# as written; the two assessor sessions of a group never saw each other's work or an earlier verdict.
"""


def main() -> None:
    verdicts, missing = paired_verdicts()
    if missing:
        sys.exit(f"groups without two blind verdicts: {', '.join(missing)}")
    groups = [g["claim_group_id"] for g in yaml.safe_load(Path("raw/claim_groups.yaml").read_text())["groups"]]

    def labels(entry: dict) -> dict:
        return {"assessor": entry["file"].split(".")[1], **{k: entry.get(k) for k in LABELS if entry.get(k) is not None}}

    record = {"assessments": [{"claim_group_id": g, "first": labels(verdicts[g][0]), "second": labels(verdicts[g][1])}
                              for g in groups]}
    Path("raw/verdict_assessments.yaml").write_text(
        HEADER + yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")


if __name__ == "__main__":
    main()
