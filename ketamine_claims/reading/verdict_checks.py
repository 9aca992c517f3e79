"""The rules of guideline 5 on one claim group's verdict: its two axes, its sources and its searches agree."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from schema.enums import SourceStance, Verdict
from schema.raw import ClaimGroup

#: Verdicts that rest on evidence and must cite the sources they rest on.
CITES_SOURCES = {Verdict.SUPPORTED, Verdict.PARTIALLY_SUPPORTED, Verdict.CONTRADICTED}
#: The stance that at least one source of a verdict must take.
NEEDS_STANCE = {Verdict.SUPPORTED: SourceStance.SUPPORTS, Verdict.CONTRADICTED: SourceStance.REFUTES}

Finding = tuple[tuple[str | int, ...], str]


def verdict_problems(group: ClaimGroup, evidence_as_of: date) -> Iterator[Finding]:
    """Each way the group breaks guideline 5, as (path inside the group, message)."""
    for position, search in enumerate(group.searches):
        if search.searched_on > evidence_as_of:
            yield ("searches", position, "searched_on"), (
                f"the search is dated after evidence_as_of ({evidence_as_of}); correct the date, or move evidence_as_of on")
    verdict = group.verdict
    insufficient = verdict is Verdict.INSUFFICIENT_EVIDENCE
    if insufficient and group.insufficient_evidence_reason is None:
        yield ("insufficient_evidence_reason",), (
            "an insufficient_evidence verdict needs its reason; say why the literature does not settle the claim")
    if not insufficient and group.insufficient_evidence_reason is not None:
        yield ("insufficient_evidence_reason",), (
            f"a {verdict.value} verdict has no insufficient_evidence_reason; remove it")
    for axis in ("evidence_certainty", "evidence_basis"):
        value = getattr(group, axis)
        if verdict is Verdict.NOT_ASSESSABLE and value is not None:
            yield (axis,), f"a not_assessable verdict rests on no evidence; set {axis} to null"
        if verdict is not Verdict.NOT_ASSESSABLE and value is None:
            yield (axis,), f"a {verdict.value} verdict needs {axis}; judge the evidence it rests on"
    if verdict is Verdict.NOT_ASSESSABLE and (group.sources or group.searches):
        yield ("sources",), "a not_assessable verdict cites no evidence; remove the sources and searches"
    if verdict in CITES_SOURCES and not group.sources:
        yield ("sources",), (f"a {verdict.value} verdict must cite the sources it rests on; "
                             "add each with its stance and finding")
    if insufficient and not group.sources and not group.searches:
        yield ("sources",), ("an insufficient_evidence verdict cites the sources that show the gap, or records the "
                             "searches that found nothing; add sources or searches")
    needed = NEEDS_STANCE.get(verdict)
    if needed is not None and group.sources and all(source.stance is not needed for source in group.sources):
        yield ("sources",), f"a {verdict.value} verdict needs at least one source whose stance is {needed.value}"
    first_seen: dict[str, int] = {}
    for position, source in enumerate(group.sources):
        if source.reference_id in first_seen:
            yield ("sources", position, "reference_id"), (
                f"the source is cited twice, also at sources[{first_seen[source.reference_id]}]; "
                "keep one stance and finding per source")
        first_seen.setdefault(source.reference_id, position)
