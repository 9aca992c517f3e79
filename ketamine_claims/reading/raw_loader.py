"""Validate raw/ one article at a time, keeping only a slim index, and collect every problem in one pass.

The layout of raw/ is fixed:

    raw/articles/<stem>.txt            verbatim article text
    raw/articles/<stem>.yaml           its annotations (schema.raw.ArticleFile)
    raw/agreement/<stem>.<annotator>.yaml  independent annotations of one article, for agreement
    raw/conditions.yaml                condition concepts and codes (ConditionsFile)
    raw/bibliography.yaml              verified sources (BibliographyFile)
    raw/claim_groups.yaml              claim groups and verdicts (ClaimGroupsFile)
    raw/verdict_assessments.yaml       the two blind verdicts of each group, for agreement (VerdictAssessmentsFile)
    raw/rating_assessments.yaml        a second, blind rating of every article, for reliability (SecondRatingsFile)

The shared files and the independent annotations are loaded first and kept. Each article is
then parsed, validated, resolved and checked on its own, handed to the caller's `on_article`,
and let go: only its `ArticleEntry` stays, for the rules that span several files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ketamine_claims.reading.article_checks import ResolvedArticle, resolve_article
from ketamine_claims.reading.corpus import ArticleConsumer, RawCorpus, ResolvedIndependentAnnotation, SharedFiles
from ketamine_claims.reading.corpus_index import CorpusIndex
from ketamine_claims.reading.cross_checks import check_corpus
from ketamine_claims.errors import InvalidData, Problem
from ketamine_claims.reading.model_errors import validate_model
from ketamine_claims.reading.problem_log import ProblemLog
from ketamine_claims.reading.safe_files import unreadable_reason
from ketamine_claims.reading.yaml_loader import LoadedFile, LoadFailed, load_file
from schema.raw import (
    ArticleFile, BibliographyFile, ClaimGroupsFile, ConditionsFile, IndependentAnnotationFile, SecondRatingsFile,
    VerdictAssessmentsFile,
)

ANNOTATION_SUFFIXES = (".yaml", ".json")
SHARED_FILES = {"conditions.yaml": ConditionsFile, "bibliography.yaml": BibliographyFile,
                "claim_groups.yaml": ClaimGroupsFile, "verdict_assessments.yaml": VerdictAssessmentsFile,
                "rating_assessments.yaml": SecondRatingsFile}


def load_raw(raw_dir: Path, on_article: ArticleConsumer | None = None) -> RawCorpus:
    """Validate everything in raw_dir; return the corpus or raise InvalidData listing every problem.

    `on_article` sees every article of a corpus that turns out valid, in file order; what it made
    of a corpus that turns out invalid is to be thrown away.
    """
    log = ProblemLog(raw_dir)
    if not raw_dir.is_dir():
        raise InvalidData([Problem(str(raw_dir), None, None, "", "folder not found; pass the folder that holds the raw annotations")])
    shared = {name: _load_record(raw_dir, name, model, log) for name, model in SHARED_FILES.items()}
    files = (SharedFiles(shared["conditions.yaml"], shared["bibliography.yaml"], shared["claim_groups.yaml"],
                         shared["verdict_assessments.yaml"], shared["rating_assessments.yaml"])
             if all(shared.values()) else None)
    independents = [annotation for path in _annotation_files(raw_dir, "agreement", log)
               if (annotation := _load_independent(path, log)) is not None]
    doubly = {annotation.record.article_id for annotation in independents}
    index, texts, ratings = CorpusIndex(), {}, {}
    for path in _annotation_files(raw_dir, "articles", log):
        article = _load_article(path, log)
        if article is None:
            continue
        index.add(article)
        ratings[article.record.source_file] = article.record.ratings
        if article.record.article_id in doubly:
            texts[article.record.article_id] = article.text
        if on_article is not None and files is not None and not log.count():
            on_article(article, files)
    _check_layout(raw_dir, log)
    if not log.count() and files is not None:
        corpus = RawCorpus(files.conditions, files.bibliography, files.claim_groups, files.verdict_assessments,
                           files.rating_assessments, index.articles, independents, texts, ratings)
        check_corpus(corpus, log)
        if not log.count():
            return corpus
    raise InvalidData(log.resolved())


def _load_record(raw_dir: Path, name: str, model: type[BaseModel], log: ProblemLog) -> Any:
    path = raw_dir / name
    if not path.exists() and not path.is_symlink():
        log.extend([Problem(log.shown(path), None, None, "",
                            f"file not found; create {name} (see docs/annotation_guidelines.md)")])
        return None
    if (reason := unreadable_reason(path)) is not None:
        log.extend([Problem(log.shown(path), None, None, "", reason)])
        return None
    return _parse_and_validate(path, model, log)[1]


def _annotation_files(raw_dir: Path, folder: str, log: ProblemLog) -> list[Path]:
    directory = raw_dir / folder
    if not directory.is_dir():
        if folder == "articles":
            log.extend([Problem(log.shown(directory), None, None, "", "folder not found; create it")])
        return []
    readable = []
    for path in sorted(p for p in directory.iterdir() if p.suffix in ANNOTATION_SUFFIXES):
        if path.name.startswith(".#"):
            continue  # an editor's lock file (often a dangling link), not an annotation
        if (reason := unreadable_reason(path)) is None:
            readable.append(path)
        else:
            log.extend([Problem(log.shown(path), None, None, "", reason)])
    return readable


def _check_layout(raw_dir: Path, log: ProblemLog) -> None:
    """Report files that the builder would otherwise ignore: a misnamed file must not vanish silently."""
    expected_top = set(SHARED_FILES) | {"articles", "agreement"}
    for entry in sorted(raw_dir.iterdir()):
        if entry.name not in expected_top and not entry.name.startswith("."):
            log.extend([Problem(log.shown(entry), None, None, "",
                                "unexpected entry in raw/; move or rename it (raw/ holds articles/, "
                                "agreement/, " + ", ".join(SHARED_FILES) + ")")])
    articles = raw_dir / "articles"
    if articles.is_dir():
        stems = {p.stem for p in articles.iterdir() if p.suffix in ANNOTATION_SUFFIXES}
        for entry in sorted(articles.iterdir()):
            if entry.suffix == ".txt" and entry.stem not in stems:
                log.extend([Problem(log.shown(entry), None, None, "",
                                    f"text without annotations; add {entry.stem}.yaml beside it or remove it")])
            elif entry.suffix not in ANNOTATION_SUFFIXES + (".txt",) and not entry.name.startswith("."):
                log.extend([Problem(log.shown(entry), None, None, "",
                                    "unexpected file; article folders hold only <stem>.txt and <stem>.yaml")])


def _parse_and_validate(path: Path, model: type[BaseModel], log: ProblemLog) -> tuple[str, Any]:
    """Parse a file and validate it against a model; (shown path, record), the record None on failure."""
    shown = log.shown(path)
    try:
        loaded: LoadedFile = load_file(path, shown)
    except LoadFailed as failure:
        log.extend(failure.problems)
        return shown, None
    record, problems = validate_model(model, loaded)
    log.extend(problems)
    return shown, record


def _load_article(path: Path, log: ProblemLog) -> ResolvedArticle | None:
    shown, record = _parse_and_validate(path, ArticleFile, log)
    return None if record is None else resolve_article(path, shown, record, log)


def _load_independent(path: Path, log: ProblemLog) -> ResolvedIndependentAnnotation | None:
    shown, record = _parse_and_validate(path, IndependentAnnotationFile, log)
    if record is None:
        return None
    expected = path.stem.split(".", 1)[-1]
    if "." not in path.stem or record.annotation.annotator != expected:
        log.add(shown, ("annotation", "annotator"), "name the file <stem>.<annotator>.yaml after the annotator "
                                                    f"it holds, e.g. 000_x.{record.annotation.annotator}.yaml")
    return ResolvedIndependentAnnotation(shown, record)
