"""The real corpus: it validates, the committed release is exactly what it builds, and its invariants hold."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import ROOT
from ketamine_claims.reading.raw_loader import load_raw
from ketamine_claims.publishing.release import build_release
from ketamine_claims.publishing.verify import verify_release
from ketamine_claims.versions import LATEST_RELEASE, RELEASE_DATES, RELEASE_NOTES, SOURCE_COMMITS, VERSION
from ketamine_claims.publishing.writer import release_files

RAW, SEEDS = ROOT / "raw", ROOT.parent / "shared" / "seeds"
COMMITTED = ROOT / "dist" / LATEST_RELEASE


@pytest.fixture(scope="module")
def loaded():
    """The validated corpus, and every article as load_raw hands it on (record, text and spans)."""
    articles = []
    corpus = load_raw(RAW, lambda article, _: articles.append(article))
    return corpus, articles


@pytest.fixture(scope="module")
def corpus(loaded):
    return loaded[0]


def test_article_texts_are_the_seeds_byte_for_byte(loaded):
    corpus, articles = loaded
    assert [a.path for a in articles] == [a.path for a in corpus.articles]
    for article in articles:
        text = RAW / "articles" / article.record.source_file
        assert hashlib.sha256(text.read_bytes()).hexdigest() == article.record.text_sha256
        seed = SEEDS / article.record.source_file
        if seed.exists():  # ../shared sits beside the checkout in CI and on developer machines
            assert seed.read_bytes() == text.read_bytes()


def test_three_languages_and_double_annotation_in_each(corpus):
    assert sorted(a.language for a in corpus.articles) == ["en", "en", "en", "es", "pl"]
    doubly = {a.record.article_id for a in corpus.independent_annotations}
    languages = {a.language for a in corpus.articles if a.article_id in doubly}
    assert languages == {"es", "en", "pl"}


def test_the_two_versions_of_one_original_are_aligned(corpus):
    by_id = {a.article_id: a for a in corpus.articles}
    spanish, english = by_id["es-fibromyalgia-iv-ketamine"], by_id["en-fibromyalgia-iv-ketamine"]
    groups_es = {c.claim_group_id for c in spanish.claims}
    groups_en = {c.claim_group_id for c in english.claims}
    assert len(groups_es & groups_en) >= 0.9 * len(groups_es)


def test_groups_link_claims_across_unrelated_articles(corpus):
    articles_of = defaultdict(set)
    for article in corpus.articles:
        for claim in article.claims:
            articles_of[claim.claim_group_id].add(article.article_id)
    linked = {g for g, ids in articles_of.items() if len(ids - {"en-fibromyalgia-iv-ketamine"}) >= 2}
    assert len(linked) >= 5


def test_every_published_release_has_its_source_commit():
    assert sorted(SOURCE_COMMITS) == sorted(RELEASE_DATES)
    assert sorted(path.name for path in (ROOT / "dist").iterdir() if not path.name.startswith(".")) == sorted(RELEASE_DATES)


def test_main_builds_a_preview_of_the_next_version(tmp_path: Path):
    assert VERSION not in RELEASE_DATES
    preview = build_release(RAW, tmp_path / "preview", ROOT / "DATASET_CARD.md").folder
    assert json.loads((preview / "metadata.json").read_text(encoding="utf-8"))["version"] == VERSION


@pytest.mark.parametrize("version", sorted(SOURCE_COMMITS))
def test_every_published_release_rebuilds_from_its_source_commit(version: str, tmp_path: Path):
    """Each release is rebuilt from the tree of the commit that made it, with that commit's own code."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the source commits cannot be read")
    from ketamine_claims.publishing.rebuild import rebuild_from_commit

    fresh, published = rebuild_from_commit(SOURCE_COMMITS[version], ROOT, tmp_path) / version, ROOT / "dist" / version
    assert release_files(fresh) == release_files(published)
    different = [n for n in release_files(fresh) if (fresh / n).read_bytes() != (published / n).read_bytes()]
    assert different == [], f"dist/{version} differs from what commit {SOURCE_COMMITS[version]} builds: {different}"


@pytest.fixture(scope="module")
def current(tmp_path_factory) -> Path:
    """What main's sources build: the preview of the next release."""
    return build_release(RAW, tmp_path_factory.mktemp("preview"), ROOT / "DATASET_CARD.md").folder


def test_what_main_builds_verifies(current: Path):
    counts = verify_release(current)
    assert counts == {"articles": 5, "claims": 264, "claim_groups": 195, "conditions": 42, "mentions": 212}


def test_a_published_release_is_verified_by_its_own_commit_not_by_main():
    from ketamine_claims.errors import UsageError

    with pytest.raises(UsageError, match=rf"is release {LATEST_RELEASE}, built by the code and schema of commit "
                                         rf"{SOURCE_COMMITS[LATEST_RELEASE][:12]}"):
        verify_release(COMMITTED)


def test_every_version_has_release_notes():
    assert VERSION in RELEASE_NOTES and set(RELEASE_DATES) <= set(RELEASE_NOTES)
    assert all(note.strip() for note in RELEASE_NOTES.values())


def test_the_croissant_validates_and_reads(current: Path):
    import itertools

    import mlcroissant as mlc

    dataset = mlc.Dataset(jsonld=str(current / "croissant.json"))
    for record_set in ("articles", "claims", "conditions", "mentions"):
        assert list(itertools.islice(dataset.records(record_set=record_set), 3))
    metadata = dataset.metadata
    for rai in ("data_collection", "data_annotation_protocol", "annotator_demographics", "machine_annotation_tools",
                "personal_sensitive_information", "data_biases", "data_limitations", "data_use_cases",
                "data_release_maintenance_plan"):
        assert getattr(metadata, rai), rai
    assert metadata.creators and len(metadata.license) == 2
    for file_object in metadata.distribution:  # every file carries the SHA-256 of its bytes
        assert file_object.sha256 == hashlib.sha256((current / file_object.content_url).read_bytes()).hexdigest()
    warnings = [str(w) for w in metadata.ctx.issues.warnings]
    assert all("datePublished" in w for w in warnings), warnings  # a preview has no publication date yet


def test_the_release_loads_with_datasets(current: Path, tmp_path: Path):
    from datasets import load_dataset

    claims = load_dataset(str(current), "claims", split="train", cache_dir=str(tmp_path / "cache"))
    articles = load_dataset(str(current), "articles", split="train", cache_dir=str(tmp_path / "cache"))
    texts = {a["article_id"]: a["text"] for a in articles}
    assert all(texts[c["article_id"]][c["start"]:c["end"]] == c["text"] for c in claims)


def test_the_gold_of_the_corpus_scores_perfectly_on_every_task(current: Path, tmp_path: Path):
    import json

    from ketamine_claims.evaluating.baselines import gold_as_predictions
    from ketamine_claims.evaluating.scorer import evaluate

    from ketamine_claims.evaluating.tasks import TASKS

    for task, lines in gold_as_predictions(current).items():
        path = tmp_path / f"{task}.jsonl"
        path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
        figures = evaluate(task, path, current)
        assert figures[TASKS[task].headline] == 1.0, (task, figures)
        assert all(value == 1.0 for name, value in figures.items() if name.endswith("f1")), (task, figures)


def test_a_stratified_split_works_on_the_closed_label_sets(current: Path, tmp_path: Path):
    from datasets import load_dataset

    claims = load_dataset(str(current), "claims", split="train", cache_dir=str(tmp_path / "cache"))
    split = claims.train_test_split(test_size=0.2, stratify_by_column="verdict", seed=0)
    assert split["train"].num_rows + split["test"].num_rows == 264


def test_verify_rebuild_checks_a_release_against_its_sources(current: Path, tmp_path: Path, capsys):
    import shutil

    from ketamine_claims import cli

    current = Path(shutil.copytree(current, tmp_path / VERSION))
    assert cli.main(["verify", str(current), "--rebuild"]) == 0
    assert capsys.readouterr().out == f"{current}: rebuilt from its sources, identical\n"
    (current / "metadata.json").write_text((current / "metadata.json").read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert cli.main(["verify", str(current), "--rebuild"]) == 1
    assert "metadata.json: differs from what the sources build" in capsys.readouterr().err


def test_the_mentions_view_answers_duckdb_polars_and_datasets(current: Path, tmp_path: Path):
    import duckdb
    import polars as pl
    from datasets import load_dataset

    pattern = str(current / "mentions" / "*.parquet")
    assert duckdb.sql(f"SELECT count(*) FROM '{pattern}'").fetchall()[0][0] == 212
    frame = pl.read_parquet(pattern)
    assert frame.filter(pl.col("condition_id") == "fibromyalgia").height > 0
    mentions = load_dataset(str(current), "mentions", split="train", cache_dir=str(tmp_path / "cache"))
    texts = {a["article_id"]: a["text"] for a in load_dataset(str(current), "articles", split="train",
                                                            cache_dir=str(tmp_path / "cache"))}
    assert all(texts[m["article_id"]][m["start"]:m["end"]] == m["text"] for m in mentions)


def test_the_claim_groups_view_answers_duckdb_polars_and_datasets(current: Path, tmp_path: Path):
    import duckdb
    import polars as pl
    from datasets import load_dataset

    pattern = str(current / "claim_groups" / "*.parquet")
    assert duckdb.sql(f"SELECT count(*) FROM '{pattern}'").fetchall()[0][0] == 195
    frame = pl.read_parquet(pattern)
    assert frame["claim_ids"].list.len().sum() == 264
    groups = load_dataset(str(current), "claim_groups", split="train", cache_dir=str(tmp_path / "cache"))
    assert sorted(set(groups["fold"])) == [0, 1, 2, 3, 4]
