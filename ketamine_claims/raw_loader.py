"""Load raw/ into validated records with resolved spans, collecting every problem in one pass.

The layout of raw/ is fixed:

    raw/articles/<stem>.txt            verbatim article text
    raw/articles/<stem>.yaml           its annotations (schema.raw.ArticleFile)
    raw/agreement/<stem>.<annotator>.yaml  independent annotations of one article, for agreement
    raw/conditions.yaml                condition concepts and codes (ConditionsFile)
    raw/bibliography.yaml              verified sources (BibliographyFile)
    raw/claim_groups.yaml              claim groups and verdicts (ClaimGroupsFile)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ketamine_claims.errors import InvalidData, Problem
from ketamine_claims.model_errors import validate_model
from ketamine_claims.spans import QuoteNotResolved, Span, resolve
from ketamine_claims.yaml_loader import LoadFailed, LoadedFile, decode_utf8, load_file, locate
from schema.enums import DiscernItem, JamaCriterion
from schema.quote import QuoteSelector
from schema.raw import (
    ArticleFile,
    BibliographyFile,
    ClaimGroupsFile,
    ConditionsFile,
    SecondAnnotationFile,
)

ANNOTATION_SUFFIXES = (".yaml", ".json")
SHARED_FILES = {"conditions.yaml": ConditionsFile, "bibliography.yaml": BibliographyFile,
                "claim_groups.yaml": ClaimGroupsFile}
NULLABLE_METADATA = ("author", "site", "url", "published")


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


@dataclass
class ResolvedSecondAnnotation:
    """A second annotation with its quotes resolved against the article's text."""

    path: str
    record: SecondAnnotationFile
    claims: list[Span] = field(default_factory=list)
    mentions: list[list[Span]] = field(default_factory=list)


@dataclass
class RawCorpus:
    """Everything in raw/, valid and resolved."""

    articles: list[ResolvedArticle]
    conditions: ConditionsFile
    bibliography: BibliographyFile
    claim_groups: ClaimGroupsFile
    independent_annotations: list[ResolvedSecondAnnotation]


@dataclass
class PendingProblem:
    """A problem found after parsing, located later by re-reading its file."""

    path: str
    loc: tuple
    message: str


class ProblemLog:
    """Collects problems; those known only by field location are placed by re-reading their file."""

    def __init__(self, raw_dir: Path):
        self.raw_dir = raw_dir
        self.problems: list[Problem] = []
        self.pending: list[PendingProblem] = []

    def shared_path(self, name: str) -> str:
        """How a file directly in raw/ is named in messages."""
        return f"{self.raw_dir.name}/{name}"

    def add(self, path: str, loc: tuple, message: str) -> None:
        self.pending.append(PendingProblem(path, loc, message))

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def resolved(self) -> list[Problem]:
        by_path: dict[str, LoadedFile | None] = {}
        result = list(self.problems)
        for pending in self.pending:
            if pending.path not in by_path:
                try:
                    by_path[pending.path] = load_file(self.raw_dir.parent / pending.path, pending.path)
                except (LoadFailed, OSError):
                    by_path[pending.path] = None
            loaded = by_path[pending.path]
            if loaded is None:
                result.append(Problem(pending.path, None, None, _dotted(pending.loc), pending.message))
            else:
                line, column, dotted = locate(loaded.root, pending.loc)
                result.append(Problem(pending.path, line, column, dotted, pending.message))
        return result


def load_raw(raw_dir: Path) -> RawCorpus:
    """Validate everything in raw_dir; return the corpus or raise InvalidData listing every problem."""
    log = ProblemLog(raw_dir)
    if not raw_dir.is_dir():
        raise InvalidData([Problem(str(raw_dir), None, None, "", "folder not found; pass the folder that holds the raw annotations")])
    shared = {name: _load_record(raw_dir, name, model, log) for name, model in SHARED_FILES.items()}
    articles = [article for path in _annotation_files(raw_dir, "articles", log)
                if (article := _load_article(raw_dir, path, log)) is not None]
    seconds = [_load_second(raw_dir, path, log) for path in _annotation_files(raw_dir, "agreement", log)]
    _check_layout(raw_dir, log)
    if not log.problems and not log.pending and all(shared.values()):
        corpus = RawCorpus(articles, shared["conditions.yaml"], shared["bibliography.yaml"],
                           shared["claim_groups.yaml"], [s for s in seconds if s is not None])
        from ketamine_claims.cross_checks import check_corpus

        check_corpus(corpus, log)
        if not log.problems and not log.pending:
            return corpus
    raise InvalidData(log.resolved())


def _relative(raw_dir: Path, path: Path) -> str:
    return str(path.relative_to(raw_dir.parent))


def _load_record(raw_dir: Path, name: str, model: type[BaseModel], log: ProblemLog) -> Any:
    path = raw_dir / name
    if not path.is_file():
        log.extend([Problem(_relative(raw_dir, path), None, None, "",
                            f"file not found; create {name} (see docs/annotation_guidelines.md)")])
        return None
    return _parse_and_validate(raw_dir, path, model, log)[2]


def _parse(path: Path, shown: str, log: ProblemLog) -> LoadedFile | None:
    try:
        return load_file(path, shown)
    except LoadFailed as failure:
        log.extend(failure.problems)
        return None


def _annotation_files(raw_dir: Path, folder: str, log: ProblemLog) -> list[Path]:
    directory = raw_dir / folder
    if not directory.is_dir():
        if folder == "articles":
            log.extend([Problem(_relative(raw_dir, directory), None, None, "", "folder not found; create it")])
        return []
    return sorted(p for p in directory.iterdir() if p.suffix in ANNOTATION_SUFFIXES)


def _check_layout(raw_dir: Path, log: ProblemLog) -> None:
    """Report files that the builder would otherwise ignore: a misnamed file must not vanish silently."""
    expected_top = set(SHARED_FILES) | {"articles", "agreement"}
    for entry in sorted(raw_dir.iterdir()):
        if entry.name not in expected_top and not entry.name.startswith("."):
            log.extend([Problem(_relative(raw_dir, entry), None, None, "",
                                "unexpected entry in raw/; move or rename it (raw/ holds articles/, "
                                "agreement/, conditions.yaml, bibliography.yaml, claim_groups.yaml)")])
    articles = raw_dir / "articles"
    if articles.is_dir():
        stems = {p.stem for p in articles.iterdir() if p.suffix in ANNOTATION_SUFFIXES}
        for entry in sorted(articles.iterdir()):
            if entry.suffix == ".txt" and entry.stem not in stems:
                log.extend([Problem(_relative(raw_dir, entry), None, None, "",
                                    f"text without annotations; add {entry.stem}.yaml beside it or remove it")])
            elif entry.suffix not in ANNOTATION_SUFFIXES + (".txt",) and not entry.name.startswith("."):
                log.extend([Problem(_relative(raw_dir, entry), None, None, "",
                                    "unexpected file; article folders hold only <stem>.txt and <stem>.yaml")])


def _parse_and_validate(raw_dir: Path, path: Path, model: type[BaseModel], log: ProblemLog) -> tuple:
    """Parse a file and validate it against a model; (shown path, loaded file, record), record None on failure."""
    shown = _relative(raw_dir, path)
    loaded = _parse(path, shown, log)
    if loaded is None:
        return shown, None, None
    record, problems = validate_model(model, loaded)
    log.extend(problems)
    return shown, loaded, record


def _load_article(raw_dir: Path, path: Path, log: ProblemLog) -> ResolvedArticle | None:
    shown, loaded, record = _parse_and_validate(raw_dir, path, ArticleFile, log)
    if record is None:
        return None
    text = _read_text(raw_dir, path, record, loaded, log)
    if text is None:
        return None
    article = ResolvedArticle(shown, record, text)
    _check_metadata(article, log)
    for key, many in (("claims", False), ("mentions", True), ("boilerplate", False), ("text_quality", False)):
        setattr(article, key, resolve_quotes(text, shown, key, getattr(record, key), log, many))
    _check_ids_and_spans(article, log)
    _check_ratings(article, log)
    return article


def _read_text(raw_dir: Path, path: Path, record: ArticleFile, loaded: LoadedFile, log: ProblemLog) -> str | None:
    shown = loaded.path
    if record.source_file != path.stem + ".txt":
        log.add(shown, ("source_file",), f"this file annotates {path.stem}.txt; set source_file to "
                                         f"'{path.stem}.txt' or rename the file to match")
        return None
    text_path = path.with_suffix(".txt")
    if not text_path.is_file():
        log.add(shown, ("source_file",), f"{_relative(raw_dir, text_path)} not found; copy the article text "
                                         "verbatim beside this file")
        return None
    raw = text_path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != record.text_sha256:
        log.add(shown, ("text_sha256",), f"{_relative(raw_dir, text_path)} has sha256 {digest}: the text changed "
                                         "after it was annotated; restore the original text, or re-check every "
                                         "quote and then update text_sha256")
        return None
    try:
        return decode_utf8(raw, _relative(raw_dir, text_path))
    except LoadFailed as failure:
        log.extend(failure.problems)
        return None


def _check_metadata(article: ResolvedArticle, log: ProblemLog) -> None:
    record, shown = article.record, article.path
    if record.title not in article.text:
        log.add(shown, ("title",), "the title does not occur in the text; copy it exactly from the text")
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
    for index, relation in enumerate(record.relations):
        if (relation.target_article_id is None) == (relation.target_url is None):
            log.add(shown, ("relations", index), "give exactly one of target_article_id and target_url")


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
    ratings, shown = article.record.ratings, article.path
    items = [rating.item for rating in ratings.discern]
    if items != list(DiscernItem):
        log.add(shown, ("ratings", "discern"), "give each of DISCERN_Q1 to DISCERN_Q16 exactly once, in order")
    criteria = [rating.criterion for rating in ratings.jama]
    if criteria != list(JamaCriterion):
        log.add(shown, ("ratings", "jama"), "give JAMA_authorship, JAMA_attribution, JAMA_disclosure and "
                                            "JAMA_currency exactly once each, in that order")


def _load_second(raw_dir: Path, path: Path, log: ProblemLog) -> ResolvedSecondAnnotation | None:
    shown, _, record = _parse_and_validate(raw_dir, path, SecondAnnotationFile, log)
    if record is None:
        return None
    expected = path.stem.split(".", 1)[-1]
    if "." not in path.stem or record.annotation.annotator != expected:
        log.add(shown, ("annotation", "annotator"), "name the file <stem>.<annotator>.yaml after the annotator "
                                                    f"it holds, e.g. 000_x.{record.annotation.annotator}.yaml")
    return ResolvedSecondAnnotation(shown, record)


def _dotted(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
