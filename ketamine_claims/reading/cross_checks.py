"""Rules that span several files: unique ids, references that resolve, codes that exist, groups that agree."""

from __future__ import annotations

from ketamine_claims.reading.article_checks import check_rating_lists, resolve_quotes
from ketamine_claims.reading.codes import (
    ICD10CM_EDITION, ICD11_PACKAGE, ICD11_VERSION, CodeSetUnavailable, icd10cm_codes, icd11_codes,
)
from ketamine_claims.reading.corpus_index import ClaimEntry
from ketamine_claims.reading.problem_log import ProblemLog
from ketamine_claims.reading.verdict_checks import verdict_problems
from ketamine_claims.reading.corpus import RawCorpus


def check_corpus(corpus: RawCorpus, log: ProblemLog) -> None:
    """Apply every cross-record rule, adding each violation to the log."""
    _check_articles(corpus, log)
    _check_conditions(corpus, log)
    _check_groups(corpus, log)
    _check_bibliography(corpus, log)
    _check_independent_annotations(corpus, log)
    _check_verdict_assessments(corpus, log)
    _check_rating_assessments(corpus, log)


def _check_verdict_assessments(corpus: RawCorpus, log: ProblemLog) -> None:
    """Every claim group has its two blind verdicts, once."""
    shown = log.shared_path("verdict_assessments.yaml")
    assessed = [a.claim_group_id for a in corpus.verdict_assessments.assessments]
    known = {g.claim_group_id for g in corpus.claim_groups.groups}
    for index, first in _duplicates(assessed).items():
        log.add(shown, ("assessments", index, "claim_group_id"), f"the group is assessed again, also at assessments[{first}]; keep one entry")
    for index, group_id in enumerate(assessed):
        if group_id not in known:
            log.add(shown, ("assessments", index, "claim_group_id"),
                    f"unknown claim group '{group_id}'; define it in {log.shared_path('claim_groups.yaml')} or remove the entry")
    assessed_once = set(assessed)
    for index, group in enumerate(corpus.claim_groups.groups):
        if group.claim_group_id not in assessed_once:
            log.add(log.shared_path("claim_groups.yaml"), ("groups", index, "claim_group_id"),
                    f"the group has no blind verdicts in {shown}; have it assessed twice blind and add both")


def _check_rating_assessments(corpus: RawCorpus, log: ProblemLog) -> None:
    """The second rating covers every article once, each with every question and criterion."""
    shown = log.shared_path("rating_assessments.yaml")
    rated = [rating.source_file for rating in corpus.rating_assessments.articles]
    for index, first in _duplicates(rated).items():
        log.add(shown, ("articles", index, "source_file"), f"the article is rated again, also at articles[{first}]; keep one")
    for index, rating in enumerate(corpus.rating_assessments.articles):
        if rating.source_file not in corpus.first_ratings:
            log.add(shown, ("articles", index, "source_file"), f"no article has source_file '{rating.source_file}'; "
                                                              "use a file name from raw/articles/")
        check_rating_lists(rating.discern, rating.jama, shown, ("articles", index), log)
    for source_file in sorted(set(corpus.first_ratings) - set(rated)):
        log.add(shown, ("articles",), f"{source_file} has no second rating; rate it blind and add it")


def _duplicates(values: list[str]) -> dict[int, int]:
    """Map the index of each repeated value to the index of its first occurrence."""
    first: dict[str, int] = {}
    repeats = {}
    for index, value in enumerate(values):
        if value in first:
            repeats[index] = first[value]
        first.setdefault(value, index)
    return repeats


def _check_articles(corpus: RawCorpus, log: ProblemLog) -> None:
    ids = [article.article_id for article in corpus.articles]
    for index, first in _duplicates(ids).items():
        log.add(corpus.articles[index].path, ("article_id",),
                f"article_id '{ids[index]}' is used by {corpus.articles[first].path} too; choose another id")
    known = set(ids)
    translations = {(article.article_id, target) for article in corpus.articles
                    for target, kind in zip(article.relation_targets, article.relation_types) if kind == "translation_of"}
    evidence_as_of = corpus.claim_groups.evidence_as_of
    for article in corpus.articles:
        for index, target in enumerate(article.relation_targets):
            if target is not None and (target not in known or target == article.article_id):
                log.add(article.path, ("relations", index, "target_article_id"),
                        f"no other article has article_id '{target}'; use an id from raw/articles/")
            elif (article.relation_types[index] == "translation_of" and (target, article.article_id) in translations
                  and article.article_id > target):
                log.add(article.path, ("relations", index, "target_article_id"),
                        f"'{target}' is also marked as a translation of this article; a text is translated from one "
                        "source, so keep the relation on the translation only")
        if article.published is not None and article.published > evidence_as_of:
            log.add(article.path, ("published",),
                    f"{article.published} is after the evidence date {evidence_as_of} in "
                    f"{log.shared_path('claim_groups.yaml')}; correct the date, or move evidence_as_of on")


def _check_conditions(corpus: RawCorpus, log: ProblemLog) -> None:
    concepts = corpus.conditions.conditions
    for index, first in _duplicates([c.condition_id for c in concepts]).items():
        log.add(log.shared_path("conditions.yaml"), ("conditions", index, "condition_id"),
                f"condition_id is used by conditions[{first}] too; merge the two or rename one")
    try:
        code_sets = {"icd10cm": icd10cm_codes(), "icd11": icd11_codes()}
    except CodeSetUnavailable as missing:
        log.add(log.shared_path("conditions.yaml"), ("conditions",), str(missing))
        code_sets = {}
    names = {"icd10cm": f"ICD-10-CM ({ICD10CM_EDITION})", "icd11": f"ICD-11 ({ICD11_PACKAGE} {ICD11_VERSION})"}
    for index, concept in enumerate(concepts):
        for system, codes in code_sets.items():
            for position, code in enumerate(getattr(concept, system)):
                if code not in codes:
                    log.add(log.shared_path("conditions.yaml"), ("conditions", index, system, position),
                            f"'{code}' is not a code of {names[system]}; check it against the code set, "
                            "or leave the list empty and give the reason in missing_reasons")
        reasons = {missing.field for missing in concept.missing_reasons}
        for system in ("mesh_ids", "icd10cm", "icd11"):
            empty = not getattr(concept, system)
            if empty and system not in reasons:
                log.add(log.shared_path("conditions.yaml"), ("conditions", index, system),
                        f"the list is empty but missing_reasons gives no reason; add {{field: {system}, reason: ...}}")
            if not empty and system in reasons:
                log.add(log.shared_path("conditions.yaml"), ("conditions", index, "missing_reasons"),
                        f"{system} has codes, so it needs no reason; remove that entry")
    known = {c.condition_id for c in concepts}
    used: set[str] = set()
    for article in corpus.articles:
        for index, claim in enumerate(article.claims):
            for position, condition_id in enumerate(claim.condition_ids):
                used.add(condition_id)
                if condition_id not in known:
                    log.add(article.path, ("claims", index, "condition_ids", position),
                            f"unknown condition '{condition_id}'; use a condition_id from {log.shared_path('conditions.yaml')} or add it there")
        for index, condition_id in enumerate(article.mention_conditions):
            used.add(condition_id)
            if condition_id not in known:
                log.add(article.path, ("mentions", index, "condition_id"),
                        f"unknown condition '{condition_id}'; use a condition_id from {log.shared_path('conditions.yaml')} or add it there")
    for index, concept in enumerate(concepts):
        if concept.condition_id not in used:
            log.add(log.shared_path("conditions.yaml"), ("conditions", index, "condition_id"),
                    "no claim or mention uses this condition; remove it or annotate its mentions")


def _check_groups(corpus: RawCorpus, log: ProblemLog) -> None:
    groups = corpus.claim_groups.groups
    for index, first in _duplicates([g.claim_group_id for g in groups]).items():
        log.add(log.shared_path("claim_groups.yaml"), ("groups", index, "claim_group_id"),
                f"claim_group_id is used by groups[{first}] too; merge the two groups")
    known = {g.claim_group_id for g in groups}
    first_member: dict[str, tuple[str, int, ClaimEntry]] = {}  # the group's first claim, in file order
    for article in corpus.articles:
        for index, claim in enumerate(article.claims):
            group_id = claim.claim_group_id
            if group_id not in known:
                log.add(article.path, ("claims", index, "claim_group_id"),
                        f"unknown claim group '{group_id}'; define it in {log.shared_path('claim_groups.yaml')}")
                continue
            if group_id not in first_member:
                first_member[group_id] = (article.path, index, claim)
                continue
            first_path, first_index, first = first_member[group_id]
            for attribute in ("claim_type", "condition_ids"):
                if getattr(claim, attribute) != getattr(first, attribute):
                    log.add(article.path, ("claims", index, attribute),
                            f"claims of group '{group_id}' must agree on {attribute}, but "
                            f"{first_path} claims[{first_index}] has {_shown(first, attribute)}; make them agree or split the group")
    references = {r.reference_id for r in corpus.bibliography.references}
    for index, group in enumerate(groups):
        if group.claim_group_id not in first_member:
            log.add(log.shared_path("claim_groups.yaml"), ("groups", index, "claim_group_id"), "no claim belongs to this group; remove it")
            continue
        for position, source in enumerate(group.sources):
            if source.reference_id not in references:
                log.add(log.shared_path("claim_groups.yaml"), ("groups", index, "sources", position, "reference_id"),
                        f"unknown reference '{source.reference_id}'; add it to {log.shared_path('bibliography.yaml')} once it is verified")
        for path, message in verdict_problems(group, corpus.claim_groups.evidence_as_of):
            log.add(log.shared_path("claim_groups.yaml"), ("groups", index, *path), message)


def _shown(claim: ClaimEntry, attribute: str) -> str:
    """A claim's value as messages show it: a claim type by its value, condition ids as a list."""
    value = getattr(claim, attribute)
    return value.value if attribute == "claim_type" else str(list(value))


def _check_bibliography(corpus: RawCorpus, log: ProblemLog) -> None:
    references = corpus.bibliography.references
    for index, first in _duplicates([r.reference_id for r in references]).items():
        log.add(log.shared_path("bibliography.yaml"), ("references", index, "reference_id"),
                f"reference_id is used by references[{first}] too; keep one entry")
    cited = {source.reference_id for group in corpus.claim_groups.groups for source in group.sources}
    for index, reference in enumerate(references):
        if reference.reference_id not in cited:
            log.add(log.shared_path("bibliography.yaml"), ("references", index, "reference_id"),
                    "no claim group cites this reference; cite it or remove it")
        if not any((reference.doi, reference.pmid, reference.pmcid, reference.trial_id, reference.url)):
            log.add(log.shared_path("bibliography.yaml"), ("references", index),
                    "the reference has no verified identifier; add a verified DOI, PMID, PMCID, trial id or URL")


def _check_independent_annotations(corpus: RawCorpus, log: ProblemLog) -> None:
    known_conditions = {c.condition_id for c in corpus.conditions.conditions}
    for independent in corpus.independent_annotations:
        record = independent.record
        if record.article_id not in corpus.agreement_texts:
            log.add(independent.path, ("article_id",), f"no article has article_id '{record.article_id}'; use an id from raw/articles/")
            continue
        for index, first in _duplicates([claim.id for claim in record.claims]).items():
            log.add(independent.path, ("claims", index, "id"), f"claim id is used by claims[{first}] too; give each claim its own id")
        for key, many in (("claims", False), ("mentions", True)):
            setattr(independent, key, resolve_quotes(corpus.agreement_texts[record.article_id], independent.path, key, getattr(record, key), log, many))
        for index, claim in enumerate(record.claims):
            for position, condition_id in enumerate(claim.condition_ids):
                if condition_id not in known_conditions:
                    log.add(independent.path, ("claims", index, "condition_ids", position),
                            f"unknown condition '{condition_id}'; use a condition_id from {log.shared_path('conditions.yaml')}")
        for index, mention in enumerate(record.mentions):
            if mention.condition_id not in known_conditions:
                log.add(independent.path, ("mentions", index, "condition_id"),
                        f"unknown condition '{mention.condition_id}'; use a condition_id from {log.shared_path('conditions.yaml')}")
