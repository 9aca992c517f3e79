#!/usr/bin/env python3
"""Generate a synthetic corpus in exactly the raw/ format, deterministically, to benchmark validate and build.

    python benchmarks/generate.py --articles 1000 --out /tmp/bench-raw [--seed 6]

Per article: a text of about 6 KB (mostly one language, with Spanish, English and Polish
sentences mixed in, diacritics included), about 30 claims and 25 condition mentions anchored
by quotes cut from the generated text, boilerplate, a text-quality flag anchored with a
prefix, and the full DISCERN and JAMA ratings. Shared files: about 50 condition concepts,
a bibliography, claim groups, and independent annotations of a few articles in agreement/.
Every cross-file rule holds: each group is used and its claims share claim_type and
condition_ids, each reference is cited, each concept is used.

The concepts are synthetic and need no real meaning, but the validator checks codes against
the real code sets, so every concept reuses the verified codes of the test fixture.

File names follow the pattern schema/article.py requires, ``NNN_<16 hex>.txt``: the three
digits are the article number modulo 1000 and the 16 hex digits make each name unique.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ketamine_claims.reading.spans import find_whole_word  # noqa: E402  (the same whole-word rule the validator applies)

#: Verified codes from tests/fixtures/valid/raw/conditions.yaml (fibromyalgia), reused by every synthetic concept.
MESH, ICD10CM, ICD11 = "D005356", "M79.7", "MG30.01"
CONCEPTS = 50
CLAIMS_PER_ARTICLE = 30
MENTIONS_PER_ARTICLE = 25
SENTENCES_PER_ARTICLE = 58
CLAIMS_PER_GROUP = 10
REFERENCES = 200
DOUBLY_ANNOTATED = 3

WORDS = {
    "es": ("la ketamina alivia el dolor crónico según varios estudios clínicos en pacientes adultos con síntomas "
           "difíciles después de una sesión intravenosa pequeña también mejoría rápida del ánimo en la clínica "
           "médica está más allá de los años últimos días corazón señal niño acción dosis eficaz tratamiento "
           "terapéutico único sesiones próximas evaluación psiquiátrica").split(),
    "en": ("ketamine relieves chronic pain according to several clinical studies in adult patients with hard "
           "symptoms after one small intravenous session also rapid improvement of mood at the medical clinic "
           "beyond recent years days heart signal dose effective treatment therapeutic sessions follow-up "
           "assessment psychiatric infusion relief nerve receptor brain lasting weeks").split(),
    "pl": ("ketamina łagodzi przewlekły ból według wielu badań klinicznych u dorosłych pacjentów z trudnymi "
           "objawami po jednej małej sesji dożylnej także szybka poprawa nastroju w klinice lekarskiej że się "
           "źródło żeby łatwo ćwiczenia mózg zdrowie ośrodek dłużej gęś dawka skuteczne leczenie terapii "
           "sesje ocena psychiatryczna wlew ulga nerw receptor tygodni").split(),
}
SYLLABLES = "ka ló mi ñe żu ró sza ćwi ne bá ło ta gé źi pu dó ję ra sé wą".split()
TERM_FORMS = {"es": "síndrome de {}ía", "en": "{} disorder", "pl": "zespół {}ński"}
BOILERPLATE = {"es": "Deja una respuesta", "en": "Leave a Reply", "pl": "Zostaw odpowiedź"}
RELATED = {"es": "Artículos relacionados:", "en": "Related posts:", "pl": "Podobne wpisy:"}
NAMES = ["Łucja Núñez", "José Żak", "Ana Wójcik", "Paweł Ibáñez", "Mary Gómez", "Zoë Kowalczyk"]

CLAIM_TYPES = ["efficacy", "mechanism", "onset", "duration", "eligibility", "safety", "administration",
               "condition", "background"]
CERTAINTIES = ["asserted", "qualified", "possible"]
EVIDENCE = ["none", "vague", "described", "referenced"]
VERDICTS = ["supported", "partially_supported", "insufficient_evidence", "contradicted", "not_assessable"]
#: The stance a verdict's sources take, so that every synthetic verdict passes guideline 5's rules.
STANCES = {"supported": "supports", "contradicted": "refutes"}
CATEGORIES = ["pain_condition", "mental_health_condition", "other_medical_condition", "symptom", "treatment_harm"]
FORMS = ["name", "abbreviation", "misspelling", "reference", "spun_synonym"]
SITE_TYPES = ["content_farm", "news_aggregator", "seo_backlink_article", "user_generated_wiki", "health_blog", "unknown"]
REFERENCE_KINDS = ["trial", "systematic_review", "guideline", "regulatory", "observational", "review",
                   "trial_registration"]
JAMA = ["JAMA_authorship", "JAMA_attribution", "JAMA_disclosure", "JAMA_currency"]


def dump(data: object, path: Path) -> None:
    """Write block-style YAML that the strict loader accepts (libyaml quotes every ambiguous scalar)."""
    path.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False,
                              default_flow_style=False, width=4096), encoding="utf-8")


def anchor(text: str, quote: str, start: int, prefix_length: int = 0) -> dict:
    """A quote selector for the match of `quote` at `start`: a prefix and/or an occurrence where needed."""
    selector: dict = {"quote": quote}
    starts = find_whole_word(text, quote)
    if start not in starts:
        raise AssertionError(f"{quote!r} at {start} does not match whole words")
    if prefix_length:
        prefix = text[max(0, start - prefix_length):start]
        selector["prefix"] = prefix
        starts = [s for s in starts if text[max(0, s - len(prefix)):s] == prefix]
    if len(starts) > 1:
        selector["occurrence"] = starts.index(start) + 1
    return selector


class Corpus:
    """The shared state: concepts, groups and references are drawn first, then each article uses them."""

    def __init__(self, articles: int, seed: int):
        self.rng = random.Random(seed)
        self.articles = articles
        self.concept_count = min(CONCEPTS, max(1, MENTIONS_PER_ARTICLE * articles))
        self.concepts = self._concepts()
        group_count = max(1, articles * CLAIMS_PER_ARTICLE // CLAIMS_PER_GROUP)
        verdicts = [self.rng.choice(VERDICTS) for _ in range(group_count)]
        verdicts[0] = "supported"  # at least one group cites evidence, so the bibliography is never empty
        assessed = sum(verdict != "not_assessable" for verdict in verdicts)
        self.reference_count = min(REFERENCES, assessed)
        self.groups, self.cited = [], 0
        for index, verdict in enumerate(verdicts):
            self.groups.append(self._group(index, verdict))
        self.claims_made = 0
        self.mentions_made = 0

    def _concepts(self) -> list[dict]:
        stems: list[str] = []
        while len(stems) < self.concept_count:
            stem = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 3))).capitalize()
            if stem not in stems:
                stems.append(stem)
        return [{"condition_id": f"syn-condition-{index:02d}", "stem": stem,
                 "terms": {language: form.format(stem) for language, form in TERM_FORMS.items()},
                 "category": self.rng.choice(CATEGORIES)} for index, stem in enumerate(stems)]

    def _group(self, index: int, verdict: str) -> dict:
        conditions = sorted(self.rng.sample(range(self.concept_count), self.rng.randint(0, min(2, self.concept_count))))
        references: list[str] = []
        if verdict != "not_assessable":
            first = self.cited % self.reference_count  # assessed groups cycle through the references: each is cited
            self.cited += 1
            extra = self.rng.sample(range(self.reference_count), self.rng.randint(0, min(2, self.reference_count)))
            references = [f"synref{r:04d}" for r in sorted({first, *extra})]
        return {"claim_group_id": f"syn-group-{index:06d}", "claim_type": self.rng.choice(CLAIM_TYPES),
                "condition_ids": [self.concepts[c]["condition_id"] for c in conditions], "verdict": verdict,
                "reference_ids": references}

    def next_group(self) -> dict:
        """Every group once, in order, then at random: so no group is left without claims."""
        index = self.claims_made if self.claims_made < len(self.groups) else self.rng.randrange(len(self.groups))
        self.claims_made += 1
        return self.groups[index]

    def next_concept(self) -> dict:
        index = self.mentions_made if self.mentions_made < self.concept_count else self.rng.randrange(self.concept_count)
        self.mentions_made += 1
        return self.concepts[index]

    # ------------------------------------------------------------ one article

    def sentence(self, language: str, extra: list[str] = ()) -> str:
        words = [self.rng.choice(WORDS[language]) for _ in range(self.rng.randint(11, 16))]
        for term in extra:
            words.insert(self.rng.randint(1, len(words)), term)
        return " ".join(words)[:1].upper() + " ".join(words)[1:] + "."

    def article(self, index: int) -> tuple[str, str, dict, dict]:
        """Return (stem, text, article record, helpers for second annotations)."""
        rng = self.rng
        language = rng.choices(["es", "en", "pl"], weights=[5, 3, 2])[0]
        stem = f"{index % 1000:03d}_{rng.getrandbits(64):016x}"
        # Which sentences carry condition terms: MENTIONS_PER_ARTICLE insertions of a concept's term.
        terms_in: dict[int, list[tuple[str, dict]]] = {}
        for _ in range(MENTIONS_PER_ARTICLE - 1):
            concept = self.next_concept()
            term_language = language if rng.random() < 0.8 else rng.choice(["es", "en", "pl"])
            terms_in.setdefault(rng.randrange(SENTENCES_PER_ARTICLE), []).append((concept["terms"][term_language], concept))
        related_concept = self.next_concept()
        sentences = []
        for position in range(SENTENCES_PER_ARTICLE):
            sentence_language = language if rng.random() < 0.85 else rng.choice(["es", "en", "pl"])
            sentences.append(self.sentence(sentence_language, [term for term, _ in terms_in.get(position, [])]))
        title = self.sentence(language)[:-1].split(" ", 6)
        title = "Ketamina: " + " ".join(title[:6]) if language != "en" else "Ketamine: " + " ".join(title[:6])
        parts, starts, offset = [title, "\n\n"], [], len(title) + 2
        for position, sentence in enumerate(sentences):
            starts.append(offset)
            parts.append(sentence)
            offset += len(sentence)
            gap = "\n\n" if position % 5 == 4 else " "
            parts.append(gap)
            offset += len(gap)
        related_term = related_concept["terms"][language]
        related = f"{RELATED[language]} Ketamina i {related_term}"
        related_start = offset + 1
        parts.append("\n" + related + "\n\n")
        comment_start = related_start + len(related) + 2
        parts.append(BOILERPLATE[language] + "\n")
        text = "".join(parts)
        assert text[comment_start:comment_start + len(BOILERPLATE[language])] == BOILERPLATE[language]

        # Claims: whole sentences without their full stop; a repeated quote gets an occurrence number.
        claim_positions = sorted(rng.sample(range(SENTENCES_PER_ARTICLE), CLAIMS_PER_ARTICLE))
        claims = []
        for number, position in enumerate(claim_positions, start=1):
            group = self.next_group()
            quote = sentences[position][:-1]
            claim = {"id": f"c{number:02d}", **anchor(text, quote, starts[position]),
                     "text_en": f"Synthetic claim {number} of article {index}.",
                     "claim_group_id": group["claim_group_id"], "claim_type": group["claim_type"],
                     "condition_ids": list(group["condition_ids"]), "certainty": rng.choice(CERTAINTIES),
                     "evidence_cited": rng.choice(EVIDENCE)}
            if rng.random() < 0.1:
                claim["adjudicated"] = True
            if rng.random() < 0.05:
                claim["annotator"] = "ann-c"
            claims.append(claim)

        # Mentions: each place a term occurs, annotated once; some terms with occurrence 'all'.
        concepts_by_term = {term: concept for inserted in terms_in.values() for term, concept in inserted}
        concepts_by_term[related_term] = related_concept
        mentions = []
        for term, concept in concepts_by_term.items():
            places = find_whole_word(text, term)
            form = rng.choice(FORMS)
            if len(places) > 1 and rng.random() < 0.3:
                mentions.append({"condition_id": concept["condition_id"], "quote": term, "occurrence": "all",
                                 "form": form})
                continue
            for place in places:
                mentions.append({"condition_id": concept["condition_id"], **anchor(text, term, place), "form": form})

        # A text-quality flag anchored by prefix: the third word of a random sentence.
        position = rng.randrange(SENTENCES_PER_ARTICLE)
        words = sentences[position].split(" ")
        word_start = starts[position] + len(words[0]) + len(words[1]) + 2
        word = words[2].rstrip(".")
        text_quality = [{"flag": "misspelling", **anchor(text, word, word_start, prefix_length=8),
                         "note": "Synthetic flag."}]

        author = rng.choice(NAMES) if rng.random() < 0.6 else None
        published = f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if rng.random() < 0.7 else None
        missing = [{"field": name, "reason": "Not shown on the page."}
                   for name, value in (("author", author), ("published", published)) if value is None]
        relations = []
        if index > 0 and index % 10 == 0:
            relations.append({"type": "translation_of", "target_article_id": f"syn-{index - 1:06d}",
                              "note": "Synthetic relation."})
        if index % 15 == 7:
            relations.append({"type": "shares_source_with", "target_url": f"https://example.org/source/{index}",
                              "note": "Synthetic relation."})
        raw = text.encode("utf-8")
        record = {
            "article_id": f"syn-{index:06d}", "source_file": f"{stem}.txt",
            "text_sha256": hashlib.sha256(raw).hexdigest(), "language": language, "title": title,
            "author": author, "site": f"site{index % 97}.example.org",
            "url": f"https://site{index % 97}.example.org/ketamina-{index}/", "published": published,
            "site_type": rng.choice(SITE_TYPES), "site_type_basis": rng.choice(["observed", "inferred"]),
            "provenance_note": "A synthetic article generated for the benchmark.", "missing_reasons": missing,
            "annotation": {"annotator": "ann-a", "guideline_version": "1.0"},
            "boilerplate": [{"kind": "related_posts", **anchor(text, related, related_start)},
                            {"kind": "comment_form", **anchor(text, BOILERPLATE[language], comment_start)}],
            "relations": relations, "text_quality": text_quality, "claims": claims, "mentions": mentions,
            "ratings": {
                "rater": "ann-a", "guideline_version": "1.0",
                "discern": [{"item": f"DISCERN_Q{q}", "score": rng.randint(1, 5), "justification": f"Synthetic rating {q}."}
                            for q in range(1, 17)],
                "jama": [{"criterion": c, "met": rng.random() < 0.5, "justification": "Synthetic judgement."} for c in JAMA],
            },
        }
        return stem, text, record, {"sentences": sentences, "starts": starts}

    def second_annotation(self, text: str, record: dict, annotator: str) -> dict:
        """An independent annotation: most claims kept, some shortened by a word, some dropped; most mentions."""
        rng, claims = self.rng, []
        for claim in record["claims"]:
            if rng.random() < 0.15:
                continue
            quote, start = claim["quote"], find_whole_word(text, claim["quote"])[claim.get("occurrence", 1) - 1]
            if rng.random() < 0.2:
                first_word = quote.split(" ", 1)[0]
                quote, start = quote[len(first_word) + 1:], start + len(first_word) + 1
            labels = {key: claim[key] for key in ("text_en", "claim_type", "condition_ids", "certainty", "evidence_cited")}
            if rng.random() < 0.2:
                labels["certainty"] = rng.choice(CERTAINTIES)
            claims.append({"id": f"b{len(claims) + 1:02d}", **anchor(text, quote, start), **labels})
        mentions = [{key: value for key, value in mention.items() if key in ("condition_id", "quote", "prefix", "suffix",
                                                                             "occurrence", "form")}
                    for mention in record["mentions"] if rng.random() < 0.9]
        return {"article_id": record["article_id"], "annotation": {"annotator": annotator, "guideline_version": "1.0"},
                "claims": claims, "mentions": mentions}

    # ------------------------------------------------------------ shared files

    def conditions_file(self) -> dict:
        return {"conditions": [
            {"condition_id": c["condition_id"], "name": f"Synthetic condition {c['stem']}", "category": c["category"],
             "mesh_ids": [MESH], "icd10cm": [ICD10CM], "icd11": [ICD11],
             "mapping_note": "Synthetic concept; the codes are real but stand in for any concept."}
            for c in self.concepts]}

    def bibliography_file(self) -> dict:
        references = []
        for index in range(self.reference_count):
            reference = {"reference_id": f"synref{index:04d}", "kind": REFERENCE_KINDS[index % len(REFERENCE_KINDS)],
                         "citation": f"Synthetic A, Ñandú B, Łoś C. Synthetic source {index}. J Synth {2000 + index % 26}."}
            if index % 4 == 3:
                reference["url"] = f"https://example.org/guideline/{index}"
            else:
                reference["doi"] = f"10.5555/synthetic.{index}"  # 10.5555 is the DOI example prefix
                if index % 2:
                    reference["pmid"] = str(10_000_000 + index)
            references.append(reference)
        return {"references": references}

    def claim_groups_file(self) -> dict:
        return {"evidence_as_of": "2026-11-21", "annotation": {"annotator": "ann-a", "guideline_version": "2.0"},
                "groups": [self._group_record(g) for g in self.groups]}

    def verdict_assessments_file(self) -> dict:
        """Two blind verdicts per group that agree with the adjudicated one (agreement is not what this corpus tests)."""
        def blind(group: dict, assessor: str) -> dict:
            record = self._group_record(group)
            return {"assessor": assessor, **{k: record[k] for k in ("verdict", "insufficient_evidence_reason",
                                                                     "evidence_certainty", "evidence_basis") if k in record}}
        return {"assessments": [{"claim_group_id": g["claim_group_id"], "first": blind(g, "asr-a"),
                                 "second": blind(g, "asr-b")} for g in self.groups]}

    @staticmethod
    def _group_record(group: dict) -> dict:
        verdict = group["verdict"]
        record = {"claim_group_id": group["claim_group_id"],
                  "statement_en": f"Synthetic assertion {group['claim_group_id']}.", "verdict": verdict}
        if verdict == "insufficient_evidence":
            record["insufficient_evidence_reason"] = "too_few_or_small_studies"
        if verdict != "not_assessable":
            record |= {"evidence_certainty": "low", "evidence_basis": "systematic_review"}
        record["rationale"] = "Synthetic rationale."
        record["sources"] = [{"reference_id": key, "stance": STANCES.get(verdict, "context"),
                              "finding": "Synthetic finding."} for key in group["reference_ids"]]
        return record


def rating_assessments(source_files: list[str]) -> dict:
    """A second rating of every article: the same middle score throughout (agreement is not what this corpus tests)."""
    return {"rater": "ann-b", "guideline_version": "2.0", "articles": [
        {"source_file": source_file,
         "discern": [{"item": f"DISCERN_Q{q}", "score": 3, "justification": "Synthetic second rating."} for q in range(1, 17)],
         "jama": [{"criterion": c, "met": False, "justification": "Synthetic second judgement."} for c in JAMA]}
        for source_file in source_files]}


def generate(articles: int, out: Path, seed: int = 6, doubly_annotated: int = DOUBLY_ANNOTATED) -> dict:
    """Write the corpus into `out` (created; must not hold anything yet); return its counts."""
    if articles < 1:
        raise ValueError("generate at least one article")
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; pass a new folder")
    corpus = Corpus(articles, seed)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    (out / "agreement").mkdir(exist_ok=True)
    claims = mentions = 0
    source_files = []
    for index in range(articles):
        stem, text, record, _ = corpus.article(index)
        source_files.append(record["source_file"])
        (out / "articles" / f"{stem}.txt").write_bytes(text.encode("utf-8"))
        dump(record, out / "articles" / f"{stem}.yaml")
        claims += len(record["claims"])
        mentions += len(record["mentions"])
        if index < doubly_annotated:
            for annotator in ("ann-a", "ann-b"):
                dump(corpus.second_annotation(text, record, annotator), out / "agreement" / f"{stem}.{annotator}.yaml")
    dump(corpus.conditions_file(), out / "conditions.yaml")
    dump(corpus.bibliography_file(), out / "bibliography.yaml")
    dump(corpus.claim_groups_file(), out / "claim_groups.yaml")
    dump(corpus.verdict_assessments_file(), out / "verdict_assessments.yaml")
    dump(rating_assessments(source_files), out / "rating_assessments.yaml")
    return {"articles": articles, "claims": claims, "mention_entries": mentions, "conditions": corpus.concept_count,
            "claim_groups": len(corpus.groups), "references": corpus.reference_count,
            "agreement_files": 2 * min(doubly_annotated, articles)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="new folder to write the raw corpus into")
    parser.add_argument("--seed", type=int, default=6, help="seed of the generator (default 6)")
    arguments = parser.parse_args(argv)
    figures = generate(arguments.articles, arguments.out, arguments.seed)
    print(", ".join(f"{value} {key.replace('_', ' ')}" for key, value in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
