"""What reading raw/ yields: the shared files, the article index and the independent annotations, all valid."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ketamine_claims.reading.article_checks import ResolvedArticle
from ketamine_claims.reading.corpus_index import ArticleEntry
from ketamine_claims.reading.spans import Span
from schema.raw import (
    BibliographyFile, ClaimGroupsFile, ConditionsFile, IndependentAnnotationFile, SecondRatingsFile,
    Ratings, VerdictAssessmentsFile,
)


@dataclass
class ResolvedIndependentAnnotation:
    """An independent annotation with its quotes resolved against the article's text."""

    path: str
    record: IndependentAnnotationFile
    claims: list[Span] = field(default_factory=list)
    mentions: list[list[Span]] = field(default_factory=list)


@dataclass
class SharedFiles:
    """The files directly in raw/ that the articles refer to."""

    conditions: ConditionsFile
    bibliography: BibliographyFile
    claim_groups: ClaimGroupsFile
    verdict_assessments: VerdictAssessmentsFile
    rating_assessments: SecondRatingsFile


@dataclass
class RawCorpus(SharedFiles):
    """Everything in raw/, valid: the shared files, an entry per article, and the independent annotations."""

    articles: list[ArticleEntry]
    independent_annotations: list[ResolvedIndependentAnnotation]
    agreement_texts: dict[str, str]  # the texts of the doubly annotated articles, by article_id
    first_ratings: dict[str, Ratings]  # each article's published rating, by source_file, for reliability


#: Called with each article while nothing is wrong so far; the article is let go when it returns.
ArticleConsumer = Callable[[ResolvedArticle, SharedFiles], None]
