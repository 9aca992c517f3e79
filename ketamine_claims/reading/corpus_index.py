"""The little the cross-file rules need to know of each article, kept while the articles themselves are let go."""

from __future__ import annotations

import sys
from datetime import date
from dataclasses import dataclass
from typing import NamedTuple

from ketamine_claims.reading.article_checks import ResolvedArticle
from schema.enums import ClaimType


class ClaimEntry(NamedTuple):
    """What the cross-file rules read of one claim; claims with equal labels share one entry."""

    claim_group_id: str
    claim_type: ClaimType
    condition_ids: tuple[str, ...]


@dataclass(slots=True)
class ArticleEntry:
    """One article as the cross-file rules see it; the claims and mentions keep their order in the file."""

    path: str
    article_id: str
    language: str
    relation_targets: tuple[str | None, ...]
    relation_types: tuple[str, ...]
    published: date | None
    claims: tuple[ClaimEntry, ...]
    mention_conditions: tuple[str, ...]


class CorpusIndex:
    """The articles' entries, in file order, with repeated labels stored once."""

    def __init__(self) -> None:
        self.articles: list[ArticleEntry] = []
        self._claims: dict[ClaimEntry, ClaimEntry] = {}

    def add(self, article: ResolvedArticle) -> None:
        record = article.record
        claims = []
        for claim in record.claims:
            entry = ClaimEntry(sys.intern(claim.claim_group_id), claim.claim_type,
                               tuple(sys.intern(condition_id) for condition_id in claim.condition_ids))
            claims.append(self._claims.setdefault(entry, entry))
        self.articles.append(ArticleEntry(
            article.path, record.article_id, record.language.value,
            tuple(relation.target_article_id for relation in record.relations),
            tuple(relation.type.value for relation in record.relations), record.published, tuple(claims),
            tuple(sys.intern(mention.condition_id) for mention in record.mentions)))
