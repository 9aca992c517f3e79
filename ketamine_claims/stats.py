"""Figures the card and metadata.json report, computed from the published rows and the raw agreement files."""

from __future__ import annotations

from collections import Counter, defaultdict

from ketamine_claims.agreement import LabelledSpan, agreement
from ketamine_claims.raw_loader import RawCorpus
from ketamine_claims.rows import ReleaseRows
from schema.enums import ClaimType, Verdict


def counts(rows: ReleaseRows) -> dict:
    """Counts per article, language, claim type, certainty, verdict and condition."""
    claims = rows.claims
    by_article = [
        {"article_id": a["article_id"], "language": a["language"], "claims": a["claim_count"],
         "mentions": a["mention_count"], "discern_total": a["discern_total"],
         "discern_q16": a["discern"][15]["score"], "jama_score": a["jama_score"]}
        for a in rows.articles
    ]
    by_language: dict[str, Counter] = defaultdict(Counter)
    for article in rows.articles:
        by_language[article["language"]].update(articles=1, claims=article["claim_count"],
                                                mentions=article["mention_count"])
    verdict_by_condition: dict[str, Counter] = defaultdict(Counter)
    for claim in claims:
        for condition_id in claim["condition_ids"] or ["(no condition)"]:
            verdict_by_condition[condition_id][claim["verdict"]] += 1
    verdict_by_article: dict[str, Counter] = defaultdict(Counter)
    type_by_article: dict[str, Counter] = defaultdict(Counter)
    for claim in claims:
        verdict_by_article[claim["article_id"]][claim["verdict"]] += 1
        type_by_article[claim["article_id"]][claim["claim_type"]] += 1
    return {
        "articles": len(rows.articles),
        "claims": len(claims),
        "claim_groups": len({c["claim_group_id"] for c in claims}),
        "conditions": len(rows.conditions),
        "mentions": sum(len(c["mentions"]) for c in rows.conditions),
        "by_article": by_article,
        "by_language": {language: dict(counter) for language, counter in sorted(by_language.items())},
        "by_claim_type": _ordered(Counter(c["claim_type"] for c in claims), ClaimType.values()),
        "by_certainty": dict(sorted(Counter(c["certainty"] for c in claims).items())),
        "by_evidence_cited": dict(sorted(Counter(c["evidence_cited"] for c in claims).items())),
        "by_verdict": _ordered(Counter(c["verdict"] for c in claims), Verdict.values()),
        "by_condition": [
            {"condition_id": c["condition_id"], "name": c["name"], "mentions": len(c["mentions"]),
             "claims": c["claim_count"]}
            for c in rows.conditions
        ],
        "claim_type_by_article": {k: _ordered(v, ClaimType.values()) for k, v in type_by_article.items()},
        "verdict_by_article": {k: _ordered(v, Verdict.values()) for k, v in verdict_by_article.items()},
        "verdict_by_condition": {k: _ordered(v, Verdict.values()) for k, v in sorted(verdict_by_condition.items())},
    }


def _ordered(counter: Counter, order: list[str]) -> dict[str, int]:
    return {key: counter[key] for key in order if counter[key]}


def agreement_figures(corpus: RawCorpus) -> list[dict]:
    """Agreement per doubly annotated article (and its language), then pooled over all of them."""
    by_stem: dict[str, list] = defaultdict(list)
    for independent in corpus.independent_annotations:
        stem = independent.path.rsplit("/", 1)[-1].split(".", 1)[0]
        by_stem[stem].append(independent)
    languages = {a.record.article_id: a.record.language.value for a in corpus.articles}
    results, pooled = [], [[], [], [], []]
    for stem, pair in sorted(by_stem.items()):
        if len(pair) != 2:
            continue
        first, second = sorted(pair, key=lambda p: p.record.annotation.annotator)
        parts = [_claim_spans(first), _claim_spans(second), _mention_spans(first), _mention_spans(second)]
        figures = agreement(*parts)
        article_id = first.record.article_id
        results.append({"article_id": article_id, "language": languages[article_id],
                        "annotators": f"{first.record.annotation.annotator} / {second.record.annotation.annotator}",
                        **figures})
        # Offsets are article-local, so pooled spans are kept apart by shifting them per article.
        shift = len(results) * 10_000_000
        for bucket, spans in zip(pooled, parts):
            bucket.extend(LabelledSpan(s.start + shift, s.end + shift, s.labels) for s in spans)
    if len(results) > 1:
        results.append({"article_id": "(all)", "language": "all", "annotators": "",
                        **agreement(*pooled)})
    return results


def _claim_spans(independent) -> list[LabelledSpan]:
    return [LabelledSpan(span.start, span.end, (claim.claim_type.value, claim.certainty.value))
            for claim, span in zip(independent.record.claims, independent.claims) if span is not None]


def _mention_spans(independent) -> list[LabelledSpan]:
    return [LabelledSpan(span.start, span.end, (mention.condition_id,))
            for mention, spans in zip(independent.record.mentions, independent.mentions) for span in spans]
