"""How the verdicts moved from release 1.0.0 to the adjudicated 2.0 verdicts, counted per claim group.

Reads the 1.0.0 verdicts from the commit that built release 1.0.0 and the new ones from
raw/claim_groups.yaml; prints a Markdown table (rows: 1.0.0, columns: 2.0.0) and a one-line summary
for the release note. Run from the repository root after merge.py.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

import yaml

from ketamine_claims.versions import SOURCE_COMMITS
from schema.enums import Verdict

OLD = ["supported", "partially_supported", "unsupported", "contradicted", "not_assessable"]


def main() -> None:
    old_text = subprocess.run(["git", "show", f"{SOURCE_COMMITS['1.0.0']}:raw/claim_groups.yaml"],
                              capture_output=True, text=True, check=True).stdout
    old = {g["claim_group_id"]: g["verdict"] for g in yaml.safe_load(old_text)["groups"]}
    new = {g["claim_group_id"]: g["verdict"] for g in yaml.safe_load(Path("raw/claim_groups.yaml").read_text())["groups"]}
    moves = Counter((old[g], new[g]) for g in new if g in old)
    columns = Verdict.values()
    lines = ["| 1.0.0 \\ 2.0.0 | " + " | ".join(columns) + " | total |", "| --- |" + " --- |" * (len(columns) + 1)]
    for row in OLD:
        counts = [moves[(row, column)] for column in columns]
        lines.append(f"| {row} | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |")
    print("\n".join(lines))
    changed = sum(n for (a, b), n in moves.items() if a != b)
    print(f"\n{changed} of {sum(moves.values())} groups changed verdict; "
          + "; ".join(f"{a} to {b}: {n}" for (a, b), n in sorted(moves.items(), key=lambda item: -item[1]) if a != b))


if __name__ == "__main__":
    main()
