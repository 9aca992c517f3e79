"""Read a predictions file (JSON Lines) into validated records, or raise InvalidData with every bad line located."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ketamine_claims.errors import InvalidData, Problem
from ketamine_claims.reading.model_errors import explain
from ketamine_claims.reading.safe_files import unreadable_reason


def read_predictions(path: Path, model: type[BaseModel], shown: str | None = None) -> list[tuple[int, BaseModel]]:
    """Every line of `path` as (line number, record); blank lines are skipped."""
    shown = shown or str(path)
    reason = unreadable_reason(path)
    if reason is not None:
        raise InvalidData([Problem(shown, None, None, "", reason)])
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as error:
        raise InvalidData([Problem(shown, None, None, "", f"not UTF-8 text ({error.reason} at byte {error.start}); "
                                                          "save the file as UTF-8")]) from None
    records, problems = [], []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(Problem(shown, number, error.colno, "", f"not valid JSON ({error.msg}); write one JSON "
                                                                   "object per line"))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(shown, number, 1, "", f"a JSON {type(data).__name__}, not an object; write one "
                                                          "object per line with the fields of the task"))
            continue
        try:
            records.append((number, model.model_validate(data)))
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                field = ".".join(str(part) for part in detail["loc"])
                problems.append(Problem(shown, number, None, field, explain(model, detail)))
    if problems:
        raise InvalidData(problems)
    return records
