"""Write adjudication packets: each group's claims in context and its two frozen blind verdicts.

Only groups with two blind verdicts that no earlier packet holds are taken. Run from the repository
root: python pending/blind/tools/make_adjudication_packets.py SIZE
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from verdict_agreement import paired_verdicts  # noqa: E402

OUT = Path("pending/adjudication/packets")


def group_contexts() -> dict[str, list[str]]:
    """Each group's claims in context, as the blind assessors' packets gave them (no verdict in them)."""
    contexts: dict[str, list[str]] = {}
    for path in sorted(Path("pending/blind/packets").rglob("*.md")):
        for section in re.split(r"^## ", path.read_text(encoding="utf-8"), flags=re.M)[1:]:
            name, _, body = section.partition("\n")
            contexts.setdefault(name.strip(), [line for line in body.strip().splitlines() if line.strip()])
    return contexts


def already_packed() -> set[str]:
    return {match for path in OUT.glob("*.md") for match in re.findall(r"^## (\S+)$", path.read_text(), re.M)}


def main(size: int) -> None:
    verdicts, _ = paired_verdicts()
    contexts = group_contexts()
    packed = already_packed()
    ready = sorted(g for g, v in verdicts.items() if len(v) >= 2 and g not in packed)
    OUT.mkdir(parents=True, exist_ok=True)
    number = len(list(OUT.glob("*.md")))
    for start in range(0, len(ready), size):
        number += 1
        parts = []
        for group in ready[start:start + size]:
            blind = [{k: v for k, v in entry.items() if k != "file"} for entry in verdicts[group][:2]]
            parts.append(f"## {group}\n\n### Claims\n\n" + "\n".join(contexts[group]) + "\n\n"
                         + "".join(f"### Blind verdict {label}\n\n```yaml\n"
                                   + yaml.safe_dump(entry, allow_unicode=True, sort_keys=False, width=110) + "```\n\n"
                                   for label, entry in zip("AB", blind)))
        (OUT / f"adjudication{number:02d}.md").write_text(
            f"# Claim groups to adjudicate (packet {number:02d})\n\n" + "\n".join(parts), encoding="utf-8")
        print(OUT / f"adjudication{number:02d}.md", len(ready[start:start + size]))


if __name__ == "__main__":
    main(int(sys.argv[1]))
