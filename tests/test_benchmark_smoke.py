"""The benchmark's generator and runner work end to end on a tiny corpus. No test here asserts a time."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, VALID_RAW

_spec = importlib.util.spec_from_file_location("benchmark_generate", ROOT / "benchmarks" / "generate.py")
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)

STEP_KEYS = {"wall_s", "cpu_s", "peak_rss_mb", "exit_code", "output_tail"}


def test_the_generator_is_deterministic_and_its_corpus_validates(tmp_path: Path):
    from ketamine_claims.reading.raw_loader import load_raw

    first = generate.generate(4, tmp_path / "a", seed=3)
    generate.generate(4, tmp_path / "b", seed=3)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    articles = []
    corpus = load_raw(tmp_path / "a", lambda article, _: articles.append(article))
    assert len(corpus.articles) == len(articles) == first["articles"] == 4
    assert sum(len(a.claims) for a in corpus.articles) == first["claims"] == 4 * generate.CLAIMS_PER_ARTICLE
    assert len(corpus.independent_annotations) == first["agreement_files"] == 6
    text = "".join(a.text for a in articles)
    assert any(c in text for c in "ñáé") and any(c in text for c in "łżąę")


def test_run_measures_every_step_and_writes_the_json(tmp_path: Path):
    out = tmp_path / "bench.json"
    finished = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--articles", "2", "5", "--json", str(out),
         "--validate-dirs", str(VALID_RAW)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report) == {"command", "machine", "targets", "sizes", "growth", "validate_dirs"}
    assert {"nproc", "memory_mb", "python"} <= set(report["machine"])
    assert [size["articles"] for size in report["sizes"]] == [2, 5]
    for size in report["sizes"]:
        for step in ("generate", "validate", "build", "baseline", "build_phases_run"):
            assert STEP_KEYS <= set(size[step]) and size[step]["exit_code"] == 0, step
        assert size["rows"]["articles"] == size["articles"]
        assert size["rows"]["claims"] == size["articles"] * generate.CLAIMS_PER_ARTICLE
        assert size["build_over_baseline"] > 0 and size["extras_s"] >= 0
        assert {"load_raw (validation and rows, streamed)", "rows: made and counted per article", "extras: figures",
                "extras: explorer"} <= set(size["build_phases"])
    assert set(report["growth"][0]) == {"from", "to", "build_time", "validate_time", "baseline_time"}
    assert report["validate_dirs"][0]["exit_code"] == 0
    assert "build/baseline" in finished.stdout
