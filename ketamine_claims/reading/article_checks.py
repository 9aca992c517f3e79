"""An article file made whole: its text read and checked, its quotes resolved, the rules within the file applied."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ketamine_claims.reading.problem_log import ProblemLog
from ketamine_claims.reading.safe_files import unreadable_reason
from ketamine_claims.reading.spans import QuoteNotResolved, Span, resolve
from ketamine_claims.reading.yaml_loader import LoadFailed, decode_utf8
from schema.enums import DiscernItem, JamaCriterion
from schema.quote import QuoteSelector
from schema.raw import ArticleFile

NULLABLE_METADATA = ("author", "site", "url", "published")


#: No web article can be older than the first web page (CERN, 6 August 1991).
FIRST_WEB_PAGE = date(1991, 8, 6)

@dataclass
class ResolvedArticle:
    """An article file with its text and every quote resolved to offsets."""

    path: str
    record: ArticleFile
    text: str
    claims: list[Span] = field(default_factory=list)
    mentions: list[list[Span]] = field(default_factory=list)
    boilerplate: list[Span] = field(default_factory=list)
    text_quality: list[Span] = field(default_factory=list)


def resolve_article(path: Path, shown: str, record: ArticleFile, log: ProblemLog) -> ResolvedArticle | None:
    """Read the text a validated article file annotates and resolve its quotes; None when the text is unusable."""
    text = _read_text(path, shown, record, log)
    if text is None:
        return None
    article = ResolvedArticle(shown, record, text)
    _check_metadata(article, log)
    for key, many in (("claims", False), ("mentions", True), ("boilerplate", False), ("text_quality", False)):
        setattr(article, key, resolve_quotes(text, shown, key, getattr(record, key), log, many))
    _check_ids_and_spans(article, log)
    _check_ratings(article, log)
    return article


def _read_text(path: Path, shown: str, record: ArticleFile, log: ProblemLog) -> str | None:
    if record.source_file != path.stem + ".txt":
        log.add(shown, ("source_file",), f"this file annotates {path.stem}.txt; set source_file to "
                                         f"'{path.stem}.txt' or rename the file to match")
        return None
    text_path = path.with_suffix(".txt")
    if not text_path.exists() and not text_path.is_symlink():
        log.add(shown, ("source_file",), f"{log.shown(text_path)} not found; copy the article text "
                                         "verbatim beside this file")
        return None
    if (reason := unreadable_reason(text_path)) is not None:
        log.add(shown, ("source_file",), f"{log.shown(text_path)} {reason}")
        return None
    raw = text_path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != record.text_sha256:
        log.add(shown, ("text_sha256",), f"{log.shown(text_path)} has sha256 {digest}: the text changed "
                                         "after it was annotated; restore the original text, or re-check every "
                                         "quote and then update text_sha256")
        return None
    try:
        return decode_utf8(raw, log.shown(text_path))
    except LoadFailed as failure:
        log.extend(failure.problems)
        return None


def _check_metadata(article: ResolvedArticle, log: ProblemLog) -> None:
    record, shown = article.record, article.path
    first_line = next((line.strip() for line in article.text.splitlines() if line.strip()), "")
    if record.title != first_line:
        log.add(shown, ("title",), f"the title is not the text's first line ({_shorten(first_line)}); copy that line "
                                   "exactly, or put the headline first in the text")
    if record.published is not None and record.published < FIRST_WEB_PAGE:
        log.add(shown, ("published",), f"{record.published} is before the first web page ({FIRST_WEB_PAGE}); "
                                       "correct the date, or set it to null and give the reason")
    reasons = {}
    for index, missing in enumerate(record.missing_reasons):
        if missing.field in reasons:
            log.add(shown, ("missing_reasons", index, "field"), "a reason for this field is already given; keep one")
        reasons[missing.field] = index
    for name in NULLABLE_METADATA:
        is_null = getattr(record, name) is None
        if is_null and name not in reasons:
            log.add(shown, (name,), f"{name} is null but missing_reasons gives no reason; add "
                                    f"{{field: {name}, reason: ...}} to missing_reasons")
        if not is_null and name in reasons:
            log.add(shown, ("missing_reasons", reasons[name], "field"),
                    f"{name} has a value, so it needs no reason; remove this entry")
    for name, index in reasons.items():
        if name not in NULLABLE_METADATA:
            log.add(shown, ("missing_reasons", index, "field"),
                    f"'{name}' is not a nullable metadata field; use one of {', '.join(NULLABLE_METADATA)}")
    seen: dict[tuple, int] = {}
    for index, relation in enumerate(record.relations):
        if (relation.target_article_id is None) == (relation.target_url is None):
            log.add(shown, ("relations", index), "give exactly one of target_article_id and target_url")
        key = (relation.type, relation.target_article_id, relation.target_url)
        if key in seen:
            log.add(shown, ("relations", index), f"the same relation is given at relations[{seen[key]}]; keep one")
        seen.setdefault(key, index)


def _shorten(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[:limit - 3] + "...")


def resolve_quotes(text: str, path: str, key: str, items: list[QuoteSelector], log: ProblemLog,
                   many: bool) -> list:
    """Resolve every selector of `items` in `text`: a span each (None where it fails), or a list each when `many`."""
    resolved = []
    for index, item in enumerate(items):
        try:
            spans = resolve(text, item, allow_all=many)
        except QuoteNotResolved as failure:
            log.add(path, (key, index, "quote"), str(failure))
            spans = []
        resolved.append(spans if many else (spans[0] if spans else None))
    return resolved


def _check_ids_and_spans(article: ResolvedArticle, log: ProblemLog) -> None:
    shown, record = article.path, article.record
    seen_ids: dict[str, int] = {}
    seen_spans: dict[Span, int] = {}
    for index, (claim, span) in enumerate(zip(record.claims, article.claims)):
        if claim.id in seen_ids:
            log.add(shown, ("claims", index, "id"), f"claim id '{claim.id}' is used by claims[{seen_ids[claim.id]}] "
                                                   "too; give each claim its own id")
        seen_ids.setdefault(claim.id, index)
        if span is not None and span in seen_spans:
            log.add(shown, ("claims", index, "quote"), f"claims[{seen_spans[span]}] has the same span; "
                                                      "merge the two claims or correct one quote")
        if span is not None:
            seen_spans.setdefault(span, index)
        ordered = sorted(set(claim.condition_ids))
        if list(claim.condition_ids) != ordered:
            log.add(shown, ("claims", index, "condition_ids"),
                    f"list each condition once, in alphabetical order: [{', '.join(ordered)}]")
    mention_spans: dict[tuple[Span, str], int] = {}
    for index, (mention, spans) in enumerate(zip(record.mentions, article.mentions)):
        for span in spans:
            key = (span, mention.condition_id)
            if key in mention_spans and mention_spans[key] != index:
                log.add(shown, ("mentions", index, "quote"),
                        f"mentions[{mention_spans[key]}] marks the same passage at offset {span.start} "
                        "for the same condition; remove one of them")
            mention_spans.setdefault(key, index)


def _check_ratings(article: ResolvedArticle, log: ProblemLog) -> None:
    ratings = article.record.ratings
    check_rating_lists(ratings.discern, ratings.jama, article.path, ("ratings",), log)


def check_rating_lists(discern: list, jama: list, shown: str, at: tuple, log: ProblemLog) -> None:
    """A rating answers every DISCERN question and every JAMA criterion once, in order."""
    if [rating.item for rating in discern] != list(DiscernItem):
        log.add(shown, (*at, "discern"), "give each of DISCERN_Q1 to DISCERN_Q16 exactly once, in order")
    if [rating.criterion for rating in jama] != list(JamaCriterion):
        log.add(shown, (*at, "jama"), "give JAMA_authorship, JAMA_attribution, JAMA_disclosure and "
                                      "JAMA_currency exactly once each, in that order")
