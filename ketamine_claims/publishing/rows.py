"""Turn one validated article into its rows of the three published configs.

Rows are plain dicts shaped like the models in schema/ (Article, Claim, ConditionMention);
release_tables casts them to the Arrow schema derived from those models, and `verify`
re-validates published rows against the models.
"""

from __future__ import annotations

from dataclasses import dataclass

from ketamine_claims.reading.article_checks import ResolvedArticle
from ketamine_claims.reading.corpus import SharedFiles
from ketamine_claims.reading.spans import Span
from schema.claim import FOLDS
from schema.raw import AnnotationDefaults, AnnotationOverrides


@dataclass
class ArticleRows:
    """One article's share of the release: its article row, its claim rows in published order, its mention rows."""

    article: dict
    claims: list[dict]
    mentions: list[tuple[str, dict]]  # (condition_id, row)


def _provenance(defaults: AnnotationDefaults, item: AnnotationOverrides | None = None) -> dict:
    return {
        "annotator": (item.annotator if item is not None and item.annotator else defaults.annotator),
        "adjudicated": bool(item.adjudicated) if item is not None else False,
        "guideline_version": defaults.guideline_version,
    }


def _passage(text: str, span: Span) -> dict:
    return {"start": span.start, "end": span.end, "text": text[span.start:span.end]}


def verdict_fields(shared: SharedFiles) -> dict[str, dict]:
    """The verdict columns of a claim, by claim_group_id, for each group whose sources all resolve."""
    references = {r.reference_id: r.model_dump(mode="json") for r in shared.bibliography.references}
    groups = shared.claim_groups
    # Folds go round the groups in order of their ids, so each fold holds a fifth of the groups.
    fold = {group_id: position % FOLDS for position, group_id in enumerate(sorted(g.claim_group_id for g in groups.groups))}
    return {
        group.claim_group_id: {
            "fold": fold[group.claim_group_id],
            **group.model_dump(mode="json", include={"verdict", "insufficient_evidence_reason", "evidence_certainty",
                                                     "evidence_basis"}),
            "verdict_rationale": group.rationale,
            "verdict_sources": [{**references[source.reference_id], "stance": source.stance.value,
                                 "finding": source.finding} for source in group.sources],
            "verdict_searches": [search.model_dump(mode="python") for search in group.searches],
            "verdict_provenance": {
                "annotator": group.assessor or groups.annotation.annotator,
                "adjudicated": group.adjudicated,
                "guideline_version": groups.annotation.guideline_version,
            },
        }
        for group in groups.groups
        if all(source.reference_id in references for source in group.sources)
    }


def article_rows(article: ResolvedArticle, verdicts: dict[str, dict]) -> ArticleRows:
    """Derive an article's published rows from its record; offsets and counts are computed, never typed."""
    claims = _claim_rows(article, verdicts)
    mentions = _mention_rows(article)
    return ArticleRows(_article_row(article, len(claims), len(mentions)), claims, mentions)


def _article_row(article: ResolvedArticle, claim_count: int, mention_count: int) -> dict:
    record, text = article.record, article.text
    ratings = record.ratings
    row = record.model_dump(mode="json", include=set(_METADATA_FIELDS))
    row["published"] = record.published  # a date, for the Arrow date32 column
    row["text"] = text
    row["boilerplate"] = sorted(
        ({"kind": item.kind.value, **_passage(text, span)} for item, span in zip(record.boilerplate, article.boilerplate)),
        key=lambda b: (b["start"], b["end"]),
    )
    row["relations"] = [relation.model_dump(mode="json") for relation in record.relations]
    row["text_quality"] = sorted(
        ({"flag": item.flag.value, **_passage(text, span), "note": item.note}
         for item, span in zip(record.text_quality, article.text_quality)),
        key=lambda q: (q["start"], q["end"], q["flag"]),
    )
    row["discern"] = [rating.model_dump(mode="json") for rating in ratings.discern]
    row["discern_total"] = sum(rating.score for rating in ratings.discern[:15])
    row["jama"] = [rating.model_dump(mode="json") for rating in ratings.jama]
    row["jama_score"] = sum(rating.met for rating in ratings.jama)
    row["rating_provenance"] = {"annotator": ratings.rater, "adjudicated": False,
                                "guideline_version": ratings.guideline_version}
    row["claim_count"] = claim_count
    row["mention_count"] = mention_count
    return row


_METADATA_FIELDS = ("article_id", "source_file", "text_sha256", "language", "title", "author", "site", "url",
                    "published", "site_type", "site_type_basis", "provenance_note", "missing_reasons")


def _claim_rows(article: ResolvedArticle, verdicts: dict[str, dict]) -> list[dict]:
    record, text = article.record, article.text
    rows = []
    for claim, span in zip(record.claims, article.claims):
        rows.append({
            "claim_id": f"{record.article_id}:{claim.id}",
            "article_id": record.article_id,
            "language": record.language.value,
            **_passage(text, span),
            "text_en": claim.text_en,
            "claim_group_id": claim.claim_group_id,
            "claim_type": claim.claim_type.value,
            "condition_ids": list(claim.condition_ids),
            "certainty": claim.certainty.value,
            "evidence_cited": claim.evidence_cited.value,
            **verdicts[claim.claim_group_id],
            "provenance": _provenance(record.annotation, claim),
        })
    rows.sort(key=lambda row: (row["start"], row["end"], row["claim_id"]))
    return rows


def _mention_rows(article: ResolvedArticle) -> list[tuple[str, dict]]:
    record, text = article.record, article.text
    chrome = [(span.start, span.end) for span in article.boilerplate]
    rows = []
    for mention, spans in zip(record.mentions, article.mentions):
        for span in spans:
            rows.append((mention.condition_id, {
                "article_id": record.article_id,
                **_passage(text, span),
                "form": mention.form.value,
                "in_boilerplate": any(start <= span.start and span.end <= end for start, end in chrome),
                "provenance": _provenance(record.annotation, mention),
            }))
    return rows
