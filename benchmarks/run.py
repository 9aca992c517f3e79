#!/usr/bin/env python3
"""Benchmark validate and build against the unavoidable-work baseline on synthetic corpora, in one run.

    .venv/bin/python benchmarks/run.py --articles 1000 10000 --json benchmarks/results.json

For each size: generate a corpus into a temporary folder (benchmarks/generate.py), then run,
each as its own process so wall time and peak RSS belong to that step alone (the child's
rusage comes from os.wait4):

- validate: ``build_dataset.py validate --raw DIR``
- build:    ``build_dataset.py build --raw DIR --out TMP`` (figures, explorer and card included)
- phases:   the same build once more through benchmarks/phases.py, for the time of each step
            (extras = figures + explorer + card); skip with --no-phases
- baseline: benchmarks/baseline.py on the same files (parse, one model validation, Parquet)

Prints a table and writes every figure to the JSON file. Also times ``validate`` on the
folders given by --validate-dirs (default: the test fixture and raw/; raw/ may be invalid
while annotators work, and its exit code is recorded). No figure is asserted here.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable
TARGETS = {"build_over_baseline_max": 1.3, "peak_rss_mb_max": 1536, "growth_1k_to_10k_max": 11.0,
           "validate_real_corpus_s_max": 1.0}


def measure(command: list[str], log: Path) -> dict:
    """Run one command as a child process; return wall seconds, peak RSS (MB) of that child and its exit code."""
    with open(log, "wb") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return {"wall_s": round(wall, 3), "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "exit_code": process.returncode,
            "output_tail": log.read_text(encoding="utf-8", errors="replace")[-600:].strip()}


def best(command: list[str], log: Path, repeat: int, before=None) -> dict:
    """The fastest of `repeat` runs (peak RSS is the largest seen); `before` runs ahead of each, e.g. to clean up."""
    runs = []
    for _ in range(repeat):
        if before:
            before()
        runs.append(measure(command, log))
    result = min(runs, key=lambda r: r["wall_s"])
    result["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
    result["runs_wall_s"] = [r["wall_s"] for r in runs]
    return result


def machine() -> dict:
    memory = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), None) if Path("/proc/meminfo").exists() else None
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    return {"nproc": os.cpu_count(), "memory_mb": memory, "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform()}


def run_size(articles: int, seed: int, repeat: int, phases: bool, keep: Path | None) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"bench-{articles}-"))
    raw, logs = work / "raw", work / "logs"
    logs.mkdir()
    try:
        result: dict = {"articles": articles}
        result["generate"] = measure([PYTHON, str(BENCH / "generate.py"), "--articles", str(articles), "--out", str(raw),
                                      "--seed", str(seed)], logs / "generate.log")
        if result["generate"]["exit_code"] != 0:
            raise RuntimeError(f"generate failed:\n{result['generate']['output_tail']}")
        result["corpus"] = result["generate"]["output_tail"].splitlines()[-1]
        result["raw_bytes"] = sum(p.stat().st_size for p in raw.rglob("*") if p.is_file())

        result["validate"] = best([PYTHON, "build_dataset.py", "validate", "--raw", str(raw)], logs / "validate.log", repeat)
        out = work / "dist"
        clean = lambda: shutil.rmtree(out, ignore_errors=True)  # noqa: E731  (every build publishes anew)
        result["build"] = best([PYTHON, "build_dataset.py", "build", "--raw", str(raw), "--out", str(out)],
                               logs / "build.log", repeat, before=clean)
        if phases:
            timings = work / "phases.json"
            clean()
            result["build_phases_run"] = measure([PYTHON, str(BENCH / "phases.py"), "--timings", str(timings), "build",
                                                  "--raw", str(raw), "--out", str(out)], logs / "phases.log")
            if timings.exists():
                result["build_phases"] = json.loads(timings.read_text())
                extras = [v for k, v in result["build_phases"].items() if k.startswith(("extras:", "card:"))]
                result["extras_s"] = round(sum(extras), 3)
        baseline_out = work / "baseline"
        result["baseline"] = best([PYTHON, str(BENCH / "baseline.py"), "--raw", str(raw), "--out", str(baseline_out)],
                                  logs / "baseline.log", repeat, before=lambda: shutil.rmtree(baseline_out, ignore_errors=True))
        for step in ("validate", "build", "baseline"):
            if result[step]["exit_code"] != 0:
                raise RuntimeError(f"{step} failed on {articles} articles:\n{result[step]['output_tail']}")
        built = re.search(r"(\d+) articles, (\d+) claims, (\d+) conditions, (\d+) mentions", result["build"]["output_tail"])
        floor = json.loads(result["baseline"]["output_tail"].splitlines()[-1])
        result["rows"] = dict(zip(("articles", "claims", "conditions", "mentions"), map(int, built.groups())))
        if result["rows"] != {config: floor[config] for config in result["rows"]}:  # the configs the build prints
            raise RuntimeError(f"the baseline wrote other row counts than the build: {floor} != {result['rows']}")
        result["build_over_baseline"] = round(result["build"]["wall_s"] / result["baseline"]["wall_s"], 3)
        return result
    finally:
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
            shutil.move(str(work), keep / work.name)
        else:
            shutil.rmtree(work, ignore_errors=True)


def print_table(report: dict) -> None:
    header = ["articles", "claims", "validate s", "validate MB", "build s", "build MB", "extras s", "baseline s",
              "baseline MB", "build/baseline"]
    lines = [header]
    for size in report["sizes"]:
        lines.append([f"{size['articles']:,}", f"{size['rows']['claims']:,}", f"{size['validate']['wall_s']:.2f}",
                      f"{size['validate']['peak_rss_mb']:.0f}", f"{size['build']['wall_s']:.2f}",
                      f"{size['build']['peak_rss_mb']:.0f}", f"{size.get('extras_s', float('nan')):.2f}",
                      f"{size['baseline']['wall_s']:.2f}", f"{size['baseline']['peak_rss_mb']:.0f}",
                      f"{size['build_over_baseline']:.2f}"])
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for number, line in enumerate(lines):
        print("  ".join(cell.rjust(width) for cell, width in zip(line, widths)))
        if number == 0:
            print("  ".join("-" * width for width in widths))
    for growth in report["growth"]:
        print(f"growth {growth['from']:,} -> {growth['to']:,} articles: build time x{growth['build_time']}, "
              f"validate time x{growth['validate_time']}, baseline time x{growth['baseline_time']}")
    for item in report["validate_dirs"]:
        print(f"validate {item['raw']}: {item['wall_s']:.2f} s, {item['peak_rss_mb']:.0f} MB, exit code {item['exit_code']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (default 1000 10000)")
    parser.add_argument("--json", type=Path, default=None, help="write every figure to this JSON file")
    parser.add_argument("--seed", type=int, default=6, help="seed of the generator (default 6)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each step; the fastest counts (default 1)")
    parser.add_argument("--no-phases", dest="phases", action="store_false", help="skip the timed build that splits the time by step")
    parser.add_argument("--keep", type=Path, default=None, help="keep each size's corpus, logs and outputs in this folder")
    parser.add_argument("--validate-dirs", type=Path, nargs="*",
                        default=[ROOT / "tests" / "fixtures" / "valid" / "raw", ROOT / "raw"],
                        help="also time `validate` on these raw folders (default: the test fixture and raw/)")
    arguments = parser.parse_args(argv)
    report: dict = {"command": " ".join([Path(PYTHON).name, *sys.argv]) if argv is None else f"run.py {' '.join(argv)}",
                    "machine": machine(), "targets": TARGETS, "sizes": [], "growth": [], "validate_dirs": []}
    for articles in sorted(set(arguments.articles)):
        print(f"{articles} articles ...", file=sys.stderr, flush=True)
        report["sizes"].append(run_size(articles, arguments.seed, arguments.repeat, arguments.phases, arguments.keep))
    for small, large in zip(report["sizes"], report["sizes"][1:]):
        report["growth"].append({
            "from": small["articles"], "to": large["articles"],
            **{f"{step}_time": round(large[step]["wall_s"] / small[step]["wall_s"], 2)
               for step in ("build", "validate", "baseline")}})
    with tempfile.TemporaryDirectory() as scratch:
        for raw in arguments.validate_dirs:
            if raw.is_dir():
                item = best([PYTHON, "build_dataset.py", "validate", "--raw", str(raw)], Path(scratch) / "v.log",
                            max(3, arguments.repeat))
                report["validate_dirs"].append({"raw": str(raw.relative_to(ROOT) if raw.is_relative_to(ROOT) else raw),
                                                **item})
    print_table(report)
    if arguments.json:
        arguments.json.parent.mkdir(parents=True, exist_ok=True)
        arguments.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
