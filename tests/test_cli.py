"""The command line: exit codes and one-line messages for usage errors, internal errors and interrupts."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from ketamine_claims import cli


def test_an_unknown_version_is_a_usage_error(tmp_path: Path, capsys):
    code = cli.main(["build", "--out", str(tmp_path / "dist"), "--version", "9.9.9"])
    assert code == 2
    assert capsys.readouterr().err == (
        "error: version 9.9.9 has no release note or date in ketamine_claims/versions.py; "
        "choose one of 1.0.0 or add its note and date there\n")
    assert not (tmp_path / "dist").exists()


@pytest.mark.parametrize("raised, code, message", [
    (RuntimeError("boom"), 3, "internal error: RuntimeError: boom; " + cli.BUG_REPORT + "\n"),
    (KeyboardInterrupt(), 130, "error: interrupted; nothing was published\n"),
])
def test_an_unforeseen_failure_is_one_line_with_its_own_exit_code(monkeypatch, capsys, raised, code, message):
    def fail(*_args, **_kwargs):
        raise raised

    monkeypatch.setattr("ketamine_claims.reading.raw_loader.load_raw", fail)
    assert cli.main(["validate", "--raw", str(ROOT / "raw")]) == code
    captured = capsys.readouterr()
    assert captured.err == message and "Traceback" not in captured.err
