"""Typed errors of the library; the command line turns them into one-line messages and exit codes."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as the input allows.

    Rendered as ``path:line:col: field: what is wrong; how to fix it``; the column is left out where
    the input has none (a line of JSON Lines), and both where the problem is the whole file.
    """

    path: str
    line: int | None
    column: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        field = f" {self.field}:" if self.field else ""
        return _visible(f"{where}:{field} {self.message}")


def _visible(text: str) -> str:
    """Control and format characters (line breaks, terminal escapes, bidirectional marks) as \\u escapes, so a
    message stays one line and cannot repaint the terminal it is printed to."""
    return "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text)


class DatasetError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code = 1


class InvalidData(DatasetError):
    """The raw annotations break one or more rules; every problem found is listed."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_problem_order)
        super().__init__(f"{len(self.problems)} problem(s) in the raw data")


class UsageError(DatasetError):
    """The command was called with arguments that cannot work, whatever the data."""

    exit_code = 2


class ReleaseConflict(DatasetError):
    """A release of this version exists already and differs from what the sources build."""


class ReleaseInvalid(DatasetError):
    """A published release fails verification; every failure found is listed."""

    def __init__(self, failures: list[str]):
        self.failures = failures
        super().__init__(f"{len(failures)} check(s) failed")



def _problem_order(problem: Problem) -> tuple:
    return (problem.path, problem.line or 0, problem.column or 0, problem.field, problem.message)
