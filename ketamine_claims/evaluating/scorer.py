"""Score a predictions file against a release for one task, and show the figures as a table."""

from __future__ import annotations

from pathlib import Path

from ketamine_claims.errors import UsageError
from ketamine_claims.evaluating.gold import read_gold
from ketamine_claims.evaluating.predictions import read_predictions
from ketamine_claims.evaluating.tasks import TASKS


def evaluate(task_name: str, predictions: Path, release: Path) -> dict:
    """The task's figures for `predictions`; InvalidData for a malformed file, UsageError for a wrong task or release."""
    task = TASKS.get(task_name)
    if task is None:
        raise UsageError(f"unknown task {task_name!r}; choose one of {', '.join(TASKS)}")
    gold = read_gold(release)
    return task.score(gold, read_predictions(predictions, task.prediction), str(predictions))


def as_table(task_name: str, figures: dict) -> str:
    """The figures as a two-column Markdown table."""
    rows = [f"| {name} | {'n/a' if value is None else value} |" for name, value in figures.items()]
    return "\n".join([f"| {task_name} | value |", "| --- | --- |", *rows])


def run_baselines(release: Path, out: Path) -> dict[str, dict]:
    """Write each task's baseline predictions to out/<task>.jsonl and all figures to out/scores.json; return them."""
    import json

    from ketamine_claims.evaluating.baselines import BASELINES

    out.mkdir(parents=True, exist_ok=True)
    results = {}
    for task_name, (_, make) in BASELINES.items():
        path = out / f"{task_name}.jsonl"
        path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in make(release)), encoding="utf-8")
        results[task_name] = evaluate(task_name, path, release)
    (out / "scores.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results
