"""Agreement between the two blind verdicts of each claim group, computed on the frozen files as written.

The first verdict of a group is the one in the file frozen (committed) first, the second the next;
a group's two verdicts always come from different assessor sessions. Writes pending/blind/verdict_agreement.md and prints it.
Run from the repository root: python pending/blind/tools/verdict_agreement.py
"""

from __future__ import annotations

import subprocess
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from ketamine_claims.evaluating.metrics import kappa, percent_agreement
from schema.enums import VERDICT_SCALE, EvidenceCertainty, Verdict

BLIND = Path("pending/blind")


def _order(path: Path) -> tuple:
    """Files in the order they were frozen (first committed), then by name: a group's first two verdicts are its
    first two frozen, and a session that finished after its packet had been given to another comes last."""
    added = subprocess.run(["git", "log", "--diff-filter=A", "--format=%ct", "--", str(path)],
                           capture_output=True, text=True).stdout.split()
    return (int(added[-1]) if added else 2**63, path.name)


def paired_verdicts() -> tuple[dict[str, list[dict]], list[str]]:
    """Every group's blind verdicts in file order, and the groups that have fewer than two."""
    verdicts: dict[str, list[dict]] = defaultdict(list)
    for path in sorted(BLIND.glob("verdicts.*.yaml"), key=_order):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            verdicts[entry["claim_group_id"]].append({**entry, "file": path.name})
    groups = [g["claim_group_id"] for g in yaml.safe_load(Path("raw/claim_groups.yaml").read_text())["groups"]]
    return verdicts, [g for g in groups if len(verdicts[g]) < 2]


def report() -> str:
    verdicts, missing = paired_verdicts()
    pairs = [(v[0], v[1]) for v in verdicts.values() if len(v) >= 2]
    first = [a["verdict"] for a, _ in pairs]
    second = [b["verdict"] for _, b in pairs]
    scale = [v.value for v in VERDICT_SCALE]
    certainty = [(a["evidence_certainty"], b["evidence_certainty"]) for a, b in pairs
                 if a["evidence_certainty"] and b["evidence_certainty"]]
    lines = [
        "# Agreement of the blind verdicts (before adjudication)", "",
        f"Groups with two blind verdicts: {len(pairs)}; with fewer: {len(missing)}.", "",
        "| measure | value |", "| --- | --- |",
        f"| exact agreement on the verdict | {percent_agreement(first, second)} |",
        f"| Cohen's kappa, five verdicts | {kappa(first, second)} |",
        f"| quadratic-weighted kappa, ordered scale (pairs with both on the scale: "
        f"{sum(a in scale and b in scale for a, b in zip(first, second))}) | {kappa(first, second, scale)} |",
        f"| quadratic-weighted kappa, evidence certainty ({len(certainty)} pairs) | "
        f"{kappa([a for a, _ in certainty], [b for _, b in certainty], [c.value for c in reversed(EvidenceCertainty)])} |",
        "", "## Verdicts, first (rows) against second (columns)", "",
        "| first \\ second | " + " | ".join(v.value for v in Verdict) + " |",
        "| --- |" + " --- |" * len(Verdict),
    ]
    table = Counter(zip(first, second))
    for row in Verdict:
        lines.append(f"| {row.value} | " + " | ".join(str(table[(row.value, col.value)]) for col in Verdict) + " |")
    lines += ["", "## Groups whose two verdicts differ", "", "| group | first | second |", "| --- | --- | --- |"]
    lines += [f"| {a['claim_group_id']} | {a['verdict']} ({a['file']}) | {b['verdict']} ({b['file']}) |"
              for a, b in pairs if a["verdict"] != b["verdict"]]
    if missing:
        lines += ["", "Groups with fewer than two blind verdicts: " + ", ".join(missing)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    text = report()
    (BLIND / "verdict_agreement.md").write_text(text, encoding="utf-8")
    print(text)
