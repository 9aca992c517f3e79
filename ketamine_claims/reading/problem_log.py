"""The problems of one validation run; those known only by their field are located by re-reading their file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ketamine_claims.errors import Problem
from ketamine_claims.reading.yaml_loader import LoadedFile, LoadFailed, load_file, locate


@dataclass
class PendingProblem:
    """A problem found after parsing, located later by re-reading its file."""

    path: str
    loc: tuple
    message: str


class ProblemLog:
    """Collects problems; those known only by field location are placed by re-reading their file."""

    def __init__(self, raw_dir: Path):
        self.raw_dir = raw_dir
        self.problems: list[Problem] = []
        self.pending: list[PendingProblem] = []

    def shown(self, path: Path) -> str:
        """How a file under raw/ is named in messages."""
        return str(path.relative_to(self.raw_dir.parent))

    def shared_path(self, name: str) -> str:
        """How a file directly in raw/ is named in messages."""
        return f"{self.raw_dir.name}/{name}"

    def add(self, path: str, loc: tuple, message: str) -> None:
        self.pending.append(PendingProblem(path, loc, message))

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def count(self) -> int:
        """How many problems are logged so far."""
        return len(self.problems) + len(self.pending)

    def resolved(self) -> list[Problem]:
        by_path: dict[str, LoadedFile | None] = {}
        result = list(self.problems)
        for pending in self.pending:
            if pending.path not in by_path:
                try:
                    by_path[pending.path] = load_file(self.raw_dir.parent / pending.path, pending.path)
                except (LoadFailed, OSError):
                    by_path[pending.path] = None
            loaded = by_path[pending.path]
            if loaded is None:
                result.append(Problem(pending.path, None, None, _dotted(pending.loc), pending.message))
            else:
                line, column, dotted = locate(loaded.root, pending.loc)
                result.append(Problem(pending.path, line, column, dotted, pending.message))
        return result


def _dotted(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
