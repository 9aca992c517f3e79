"""Figures the card and metadata.json report: counts gathered from the rows as they are made, and agreement."""

from __future__ import annotations

from collections import Counter, defaultdict

from ketamine_claims.evaluating.agreement import LabelledSpan, agreement
from ketamine_claims.evaluating.metrics import kappa, percent_agreement
from ketamine_claims.reading.corpus import RawCorpus
from schema.condition import ConditionConcept
from schema.enums import VERDICT_SCALE, ClaimType, EvidenceCertainty, Verdict


class Counts:
    """What the card and metadata.json report of the rows, gathered one article at a time as they are made."""

    def __init__(self) -> None:
        self.by_article: list[dict] = []
        self.by_language: dict[str, Counter] = defaultdict(Counter)
        self.claims = 0
        self.claim_groups: set[str] = set()
        self.by_claim: dict[str, Counter] = {key: Counter() for key in ("claim_type", "certainty", "evidence_cited",
                                                                        "verdict")}
        self.verdict_by_condition: dict[str, Counter] = defaultdict(Counter)
        self.verdict_by_article: dict[str, Counter] = defaultdict(Counter)
        self.type_by_article: dict[str, Counter] = defaultdict(Counter)
        self.claims_by_condition: Counter[str] = Counter()  # claims that name the condition, each once
        self.mentions_by_condition: Counter[str] = Counter()
        self.jama: dict[str, tuple[tuple[str, bool], ...]] = {}  # (criterion, met) of the first row of each article_id

    def add(self, article: dict, claims: list[dict], mentions: list[tuple[str, dict]]) -> None:
        """Count one article row, its claim rows and its (condition_id, mention row) pairs."""
        self.by_article.append(
            {"article_id": article["article_id"], "language": article["language"], "claims": article["claim_count"],
             "mentions": article["mention_count"], "discern_total": article["discern_total"],
             "discern_q16": article["discern"][15]["score"], "jama_score": article["jama_score"]})
        self.by_language[article["language"]].update(articles=1, claims=article["claim_count"],
                                                     mentions=article["mention_count"])
        self.jama.setdefault(article["article_id"], tuple((j["criterion"], j["met"]) for j in article["jama"]))
        self.mentions_by_condition.update(condition_id for condition_id, _ in mentions)
        self.claims += len(claims)
        for claim in claims:
            self.claim_groups.add(claim["claim_group_id"])
            self.claims_by_condition.update(set(claim["condition_ids"]))
            for key, counter in self.by_claim.items():
                counter[claim[key]] += 1
            for condition_id in claim["condition_ids"] or ["(no condition)"]:
                self.verdict_by_condition[condition_id][claim["verdict"]] += 1
            self.verdict_by_article[claim["article_id"]][claim["verdict"]] += 1
            self.type_by_article[claim["article_id"]][claim["claim_type"]] += 1


def counts(tallies: Counts, concepts: list[ConditionConcept]) -> dict:
    """Counts per article, language, claim type, certainty, verdict and condition (in the order of `concepts`)."""
    by_condition = [
        {"condition_id": c.condition_id, "name": c.name, "mentions": tallies.mentions_by_condition[c.condition_id],
         "claims": tallies.claims_by_condition[c.condition_id]}
        for c in concepts
    ]
    return {
        "articles": len(tallies.by_article),
        "claims": tallies.claims,
        "claim_groups": len(tallies.claim_groups),
        "conditions": len(concepts),
        "mentions": sum(c["mentions"] for c in by_condition),
        "by_article": tallies.by_article,
        "by_language": {language: dict(counter) for language, counter in sorted(tallies.by_language.items())},
        "by_claim_type": _ordered(tallies.by_claim["claim_type"], ClaimType.values()),
        "by_certainty": dict(sorted(tallies.by_claim["certainty"].items())),
        "by_evidence_cited": dict(sorted(tallies.by_claim["evidence_cited"].items())),
        "by_verdict": _ordered(tallies.by_claim["verdict"], Verdict.values()),
        "by_condition": by_condition,
        "claim_type_by_article": {k: _ordered(v, ClaimType.values()) for k, v in tallies.type_by_article.items()},
        "verdict_by_article": {k: _ordered(v, Verdict.values()) for k, v in tallies.verdict_by_article.items()},
        "verdict_by_condition": {k: _ordered(v, Verdict.values()) for k, v in sorted(tallies.verdict_by_condition.items())},
    }


def _ordered(counter: Counter, order: list[str]) -> dict[str, int]:
    return {key: counter[key] for key in order if counter[key]}


def agreement_figures(corpus: RawCorpus) -> list[dict]:
    """Agreement per doubly annotated article (and its language), then pooled over all of them."""
    by_stem: dict[str, list] = defaultdict(list)
    for independent in corpus.independent_annotations:
        stem = independent.path.rsplit("/", 1)[-1].split(".", 1)[0]
        by_stem[stem].append(independent)
    languages = {a.article_id: a.language for a in corpus.articles}
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


def verdict_agreement(corpus: RawCorpus) -> dict:
    """Agreement of the two blind verdicts of every claim group, before adjudication, with the table of pairs."""
    pairs = [(a.first, a.second) for a in corpus.verdict_assessments.assessments]
    first = [a.verdict.value for a, _ in pairs]
    second = [b.verdict.value for _, b in pairs]
    scale = [v.value for v in VERDICT_SCALE]
    certain = [(a.evidence_certainty.value, b.evidence_certainty.value) for a, b in pairs
               if a.evidence_certainty and b.evidence_certainty]
    both_insufficient = [(a.insufficient_evidence_reason.value, b.insufficient_evidence_reason.value) for a, b in pairs
                         if a.insufficient_evidence_reason and b.insufficient_evidence_reason]
    table = Counter(zip(first, second))
    claim_type = {claim.claim_group_id: claim.claim_type.value for article in corpus.articles for claim in article.claims}
    by_type = defaultdict(list)
    for assessment in corpus.verdict_assessments.assessments:
        by_type[claim_type[assessment.claim_group_id]].append((assessment.first.verdict.value,
                                                               assessment.second.verdict.value))
    return {
        "by_claim_type": {kind: {"groups": len(items), "exact_agreement": percent_agreement(*zip(*items)),
                                 "kappa": kappa(*zip(*items)), "weighted_kappa_on_scale": kappa(*zip(*items), scale)}
                          for kind in ClaimType.values() if (items := by_type.get(kind))},
        "groups": len(pairs),
        "exact_agreement": percent_agreement(first, second),
        "kappa": kappa(first, second),
        "weighted_kappa_on_scale": kappa(first, second, scale),
        "pairs_on_scale": sum(a in scale and b in scale for a, b in zip(first, second)),
        "weighted_kappa_certainty": kappa([a for a, _ in certain], [b for _, b in certain],
                                          [c.value for c in reversed(EvidenceCertainty)]),
        "pairs_with_certainty": len(certain),
        "reason_agreement": percent_agreement([a for a, _ in both_insufficient], [b for _, b in both_insufficient]),
        "pairs_both_insufficient": len(both_insufficient),
        "table": {row: {column: table[(row, column)] for column in Verdict.values()} for row in Verdict.values()},
    }


def rating_agreement(corpus: RawCorpus) -> dict:
    """Agreement of the published DISCERN and JAMA ratings with the blind second rating, per article and pooled."""
    scale = [str(score) for score in range(1, 6)]
    pooled_first, pooled_second, per_article, jama_pairs = [], [], [], []
    for second in corpus.rating_assessments.articles:
        first = corpus.first_ratings[second.source_file]
        a = [str(r.score) for r in first.discern]
        b = [str(r.score) for r in second.discern]
        pooled_first += a
        pooled_second += b
        jama_pairs += [(x.met, y.met) for x, y in zip(first.jama, second.jama)]
        per_article.append({"source_file": second.source_file, "raters": f"{first.rater} / {corpus.rating_assessments.rater}",
                            "discern_total_first": sum(int(s) for s in a[:15]),
                            "discern_total_second": sum(int(s) for s in b[:15]),
                            "q16_first": int(a[15]), "q16_second": int(b[15]),
                            "jama_same": sum(x.met == y.met for x, y in zip(first.jama, second.jama))})
    return {
        "items": len(pooled_first),
        "discern_exact_agreement": percent_agreement(pooled_first, pooled_second),
        "discern_weighted_kappa": kappa(pooled_first, pooled_second, scale),
        "jama_agreement": percent_agreement([str(x) for x, _ in jama_pairs], [str(y) for _, y in jama_pairs]),
        "jama_kappa": kappa([str(x) for x, _ in jama_pairs], [str(y) for _, y in jama_pairs]),
        "articles": per_article,
    }
