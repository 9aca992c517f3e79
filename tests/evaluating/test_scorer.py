"""The benchmark scorer: hand-computed scores for perfect, empty, partial and malformed predictions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ketamine_claims import cli
from ketamine_claims.errors import InvalidData
from ketamine_claims.evaluating.gold import Gold
from ketamine_claims.evaluating.tasks import TASKS


def _claim(claim_id, article, start, end, group, verdict="supported", claim_type="efficacy"):
    return {"claim_id": claim_id, "article_id": article, "start": start, "end": end, "claim_group_id": group,
            "claim_type": claim_type, "certainty": "asserted", "evidence_cited": "none", "verdict": verdict}


GOLD = Gold(
    claims=[_claim("en:c01", "en", 0, 10, "g1"), _claim("en:c02", "en", 20, 30, "g2", "contradicted"),
            _claim("es:c01", "es", 0, 10, "g1"), _claim("pl:c01", "pl", 5, 15, "g1"),
            _claim("pl:c02", "pl", 20, 25, "g3", "insufficient_evidence", "mechanism")],
    mentions=[{"article_id": "en", "start": 2, "end": 6, "condition_id": "crps"},
              {"article_id": "pl", "start": 7, "end": 9, "condition_id": "fibromyalgia"}],
    related_articles=frozenset({frozenset({"en", "es"})}),
)


def score(task: str, lines: list[dict]) -> dict:
    model = TASKS[task].prediction
    return TASKS[task].score(GOLD, [(n, model.model_validate(line)) for n, line in enumerate(lines, 1)], "p.jsonl")


def test_detection_perfect_partial_and_empty():
    perfect = [{"article_id": c["article_id"], "start": c["start"], "end": c["end"]} for c in GOLD.claims]
    assert score("claim_detection", perfect)["exact_f1"] == 1.0
    # one exact hit, one overlapping hit, one miss: exact P 1/3 R 1/5; overlap P 2/3 R 2/5 -> F1 1/2
    partial = score("claim_detection", [{"article_id": "en", "start": 0, "end": 10},
                                        {"article_id": "en", "start": 25, "end": 40},
                                        {"article_id": "es", "start": 50, "end": 60}])
    assert (partial["exact_precision"], partial["exact_recall"], partial["exact_f1"]) == (0.333, 0.2, 0.25)
    assert (partial["overlap_precision"], partial["overlap_recall"], partial["overlap_f1"]) == (0.667, 0.4, 0.5)
    assert score("claim_detection", [])["overlap_f1"] == 0.0


def test_verification_counts_each_group_once():
    # g1 has three claims. All three right, the rest wrong: accuracy 3/5, but per group one of three.
    lines = [{"claim_id": c["claim_id"], "verdict": "supported"} for c in GOLD.claims]
    figures = score("claim_verification", lines)
    assert figures["accuracy"] == 0.6 and figures["missing"] == 0
    # per claim: supported P 3/5 R 1 F 0.75; contradicted and insufficient F 0 -> macro 0.25
    assert figures["macro_f1"] == 0.25
    # per group (weights 1/3 for g1): supported P 1/3 R 1 F 0.5; others 0 -> macro 0.167
    assert figures["macro_f1_per_group"] == 0.167
    gold_lines = [{"claim_id": c["claim_id"], "verdict": c["verdict"]} for c in GOLD.claims]
    perfect = score("claim_verification", gold_lines)
    assert perfect["macro_f1"] == perfect["macro_f1_per_group"] == perfect["weighted_kappa_on_scale"] == 1.0


def test_verification_counts_a_missing_claim_as_wrong():
    figures = score("claim_verification", [{"claim_id": "en:c01", "verdict": "supported"}])
    assert figures["missing"] == 4 and figures["accuracy"] == 0.2


def test_attributes_perfect_and_missing():
    lines = [{"claim_id": c["claim_id"], "claim_type": c["claim_type"], "certainty": c["certainty"],
              "evidence_cited": c["evidence_cited"]} for c in GOLD.claims]
    assert score("claim_attributes", lines)["claim_type_macro_f1"] == 1.0
    assert score("claim_attributes", [])["claim_type_accuracy"] == 0.0


def test_mentions_detection_and_normalisation():
    figures = score("condition_mentions", [{"article_id": "en", "start": 2, "end": 6, "condition_id": "crps"},
                                           {"article_id": "pl", "start": 6, "end": 9, "condition_id": "crps"}])
    # both detected by overlap, one exactly; only the first has the right concept
    assert figures["detection_exact_f1"] == 0.5 and figures["detection_overlap_f1"] == 1.0
    assert figures["normalisation_exact_f1"] == 0.5 and figures["normalisation_overlap_f1"] == 0.5


def test_matching_mrr_and_the_hard_subset_without_the_translation():
    ranked = {"en:c01": ["es:c01", "pl:c01"], "es:c01": ["en:c02", "pl:c01", "en:c01"], "pl:c01": ["pl:c02"]}
    figures = score("claim_matching", [{"claim_id": q, "ranked_claim_ids": r} for q, r in ranked.items()])
    # all: en:c01 rank 1, es:c01 rank 2, pl:c01 not found -> MRR (1 + 1/2 + 0) / 3
    assert figures["all_queries"] == 3 and figures["all_mrr"] == 0.5 and figures["all_recall_at_1"] == 0.333
    # hard: en and es are a translated pair, so candidates from the twin article are skipped. en:c01's
    # positive pl:c01 moves to rank 1, es:c01's (pl:c01) too once en:c02 is skipped, pl:c01's are not
    # found -> MRR (1 + 1 + 0) / 3
    assert figures["hard_queries"] == 3 and figures["hard_mrr"] == 0.667


def test_unknown_and_repeated_claims_are_located_errors():
    model = TASKS["claim_verification"].prediction
    records = [(1, model(claim_id="en:c01", verdict="supported")), (2, model(claim_id="xx:c09", verdict="supported")),
               (3, model(claim_id="en:c01", verdict="contradicted"))]
    with pytest.raises(InvalidData) as raised:
        TASKS["claim_verification"].score(GOLD, records, "p.jsonl")
    assert [str(p) for p in raised.value.problems] == [
        "p.jsonl:2: claim_id: unknown claim 'xx:c09'; predict only claims of the release",
        "p.jsonl:3: claim_id: 'en:c01' is predicted again (first on line 1); keep one line per claim"]


def test_the_command_scores_the_gold_as_perfect_and_writes_json(built_fixture_release: Path, tmp_path: Path, capsys):
    import pyarrow.parquet as pq
    from ketamine_claims.release_layout import find_data_file

    claims = pq.read_table(find_data_file(built_fixture_release, "claims")).to_pylist()
    predictions = tmp_path / "verdicts.jsonl"
    predictions.write_text("".join(json.dumps({"claim_id": c["claim_id"], "verdict": c["verdict"]}) + "\n"
                                   for c in claims), encoding="utf-8")
    out = tmp_path / "scores.json"
    assert cli.main(["evaluate", "claim_verification", str(predictions), "--release", str(built_fixture_release),
                     "--json", str(out)]) == 0
    assert "| macro_f1 | 1.0 |" in capsys.readouterr().out
    assert json.loads(out.read_text())["accuracy"] == 1.0


def test_a_malformed_predictions_file_gets_located_errors(built_fixture_release: Path, tmp_path: Path, capsys):
    predictions = tmp_path / "bad.jsonl"
    predictions.write_text('{"claim_id": "en-fixture-article:c01", "verdict": "unsupported"}\n'
                           '[1, 2]\n{"claim_id": \n\n{"verdict": "supported"}\n', encoding="utf-8")
    assert cli.main(["evaluate", "claim_verification", str(predictions), "--release", str(built_fixture_release)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{predictions}:1: verdict: input should be 'contradicted', 'insufficient_evidence', 'partially_supported', "
        "'supported' or 'not_assessable', got 'unsupported'; correct the value",
        f"{predictions}:2:1: a JSON list, not an object; write one object per line with the fields of the task",
        f"{predictions}:3:14: not valid JSON (Expecting value); write one JSON object per line",
        f"{predictions}:5: claim_id: required key is missing; add `claim_id`",
        "error: 4 problem(s); nothing was written"]


def test_an_unknown_task_is_a_usage_error(tmp_path: Path, capsys):
    (tmp_path / "p.jsonl").write_text("", encoding="utf-8")
    assert cli.main(["evaluate", "fact_checking", str(tmp_path / "p.jsonl")]) == 2
    assert capsys.readouterr().err == ("error: unknown task 'fact_checking'; choose one of claim_detection, "
                                       "claim_attributes, condition_mentions, claim_verification, claim_matching\n")


def test_the_gold_scores_perfectly_on_every_task(built_fixture_release: Path, tmp_path: Path):
    from ketamine_claims.evaluating.baselines import gold_as_predictions
    from ketamine_claims.evaluating.scorer import evaluate

    perfect = {"claim_detection": ["exact_f1", "overlap_f1"], "claim_attributes": ["claim_type_macro_f1", "certainty_macro_f1",
               "evidence_cited_macro_f1"], "condition_mentions": ["detection_exact_f1", "normalisation_exact_f1"],
               "claim_verification": ["accuracy", "macro_f1", "macro_f1_per_group"], "claim_matching": []}
    for task, lines in gold_as_predictions(built_fixture_release).items():
        path = tmp_path / f"{task}.jsonl"
        path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
        figures = evaluate(task, path, built_fixture_release)
        assert all(figures[name] == 1.0 for name in perfect[task]), (task, figures)


def test_every_baseline_runs_and_is_scored(built_fixture_release: Path, tmp_path: Path, capsys):
    assert cli.main(["baselines", "--release", str(built_fixture_release), "--out", str(tmp_path)]) == 0
    scores = json.loads((tmp_path / "scores.json").read_text())
    assert sorted(scores) == sorted(TASKS)
    assert sorted(p.name for p in tmp_path.glob("*.jsonl")) == sorted(f"{task}.jsonl" for task in TASKS)
    # the fixture's one article: sentences include both claims' sentences, so overlap recall is 1
    assert scores["claim_detection"]["overlap_recall"] == 1.0
    assert "| claim_verification | value |" in capsys.readouterr().out
