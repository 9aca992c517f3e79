"""Write the claim-group packets for the blind verdict assessors of release 2.0.0.

A packet lists groups with their claims quoted in context and nothing else of release 1.0.0 (no
verdict, rationale or reference). Groups that already have two frozen blind verdicts are left out;
a group that has one gets its second from a new session. Each packet goes to its own assessor
session, and the two passes order the groups oppositely, so a group's two verdicts come from
different sessions.
Run from the repository root: python pending/blind/tools/make_verdict_packets.py SIZE
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import yaml

from ketamine_claims.reading.raw_loader import load_raw

CONTEXT = 300
BLIND = Path("pending/blind")


def frozen_verdicts() -> dict[str, set[str]]:
    """Which assessors have already written a blind verdict for each group."""
    done: dict[str, set[str]] = defaultdict(set)
    for path in sorted(BLIND.glob("verdicts.*.yaml")):
        assessor = path.name.split(".")[1]
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            done[entry["claim_group_id"]].add(assessor)
    return done


def group_contexts() -> dict[str, list[str]]:
    lines: dict[str, list[str]] = defaultdict(list)

    def take(article, _files) -> None:
        record = article.record
        for claim, span in zip(record.claims, article.claims):
            start, end = max(0, span.start - CONTEXT), min(len(article.text), span.end + CONTEXT)
            context = " ".join(article.text[start:end].split())
            quote = " ".join(article.text[span.start:span.end].split())
            lines[claim.claim_group_id].append(
                f'- article `{record.article_id}` ({record.language.value}): claim "{quote}"\n  - context: ...{context}...')

    load_raw(Path("raw"), take)
    return lines


def main(size: int) -> None:
    done = frozen_verdicts()
    contexts = group_contexts()
    # Two passes over the groups with no verdict yet, so that the two assessments of a group land in different packets.
    unseen = sorted(g for g in contexts if not done[g])
    singles = sorted(g for g in contexts if len(done[g]) == 1)
    rounds = [unseen + singles[: len(singles) // 2], unseen[::-1] + singles[len(singles) // 2:]]
    out = BLIND / "packets" / "verdict_packets"
    out.mkdir(parents=True, exist_ok=True)
    number = 0
    for pass_number, groups in enumerate(rounds, start=1):
        for start in range(0, len(groups), size):
            number += 1
            chunk = groups[start:start + size]
            body = "\n\n".join(f"## {g}\n\n" + "\n".join(contexts[g]) for g in chunk)
            (out / f"packet{number:02d}.md").write_text(
                f"# Claim groups to assess (packet {number:02d}, pass {pass_number})\n\n"
                "Each group is one assertion; its claims are quoted with surrounding text.\n\n" + body + "\n",
                encoding="utf-8")
    print(f"{number} packets in {out}")


if __name__ == "__main__":
    main(int(sys.argv[1]))
