"""The command line: exit codes and one-line messages for usage errors, internal errors and interrupts."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from ketamine_claims import cli
from ketamine_claims.versions import VERSION


def test_an_unknown_version_is_a_usage_error(tmp_path: Path, capsys):
    code = cli.main(["build", "--out", str(tmp_path / "dist"), "--version", "9.9.9"])
    assert code == 2
    assert capsys.readouterr().err == (
        "error: version 9.9.9 has no release note in ketamine_claims/versions.py; "
        "choose one of 1.0.0, 2.0.0 or add its note there\n")
    assert not (tmp_path / "dist").exists()


def test_an_unpublished_version_never_goes_into_dist(capsys):
    assert cli.main(["build", "--out", str(ROOT / "dist"), "--version", VERSION]) == 2
    assert capsys.readouterr().err == (
        f"error: version {VERSION} is not published (no date in ketamine_claims/versions.py), so it cannot go into "
        "dist/; build it into preview/ (the default) or another --out folder\n")
    assert not (ROOT / "dist" / VERSION).exists()


def test_a_preview_is_replaced_by_each_rebuild(tmp_path: Path, capsys):
    from conftest import VALID_RAW

    out = tmp_path / "preview"
    arguments = ["build", "--raw", str(VALID_RAW), "--out", str(out)]
    assert cli.main(arguments) == 0
    assert "preview written" in capsys.readouterr().out
    (out / VERSION / "README.md").write_text("stale\n", encoding="utf-8")
    assert cli.main(arguments) == 0
    assert "preview written" in capsys.readouterr().out
    assert (out / VERSION / "README.md").read_text(encoding="utf-8") != "stale\n"
    assert sorted(path.name for path in out.iterdir()) == [VERSION]
    assert cli.main(arguments) == 0
    assert "unchanged (an identical build exists)" in capsys.readouterr().out


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


@pytest.mark.parametrize("card, message", [
    ("missing.md", "card template not found; pass --card with the hand-written DATASET_CARD.md"),
    ("latin1.md", "the card template is not UTF-8 text (invalid continuation byte at byte 0); save it as UTF-8"),
])
def test_a_wrong_card_is_a_usage_error_before_any_work(tmp_path: Path, capsys, card: str, message: str):
    from conftest import VALID_RAW

    (tmp_path / "latin1.md").write_bytes(b"\xe9t\xe9\n")
    code = cli.main(["build", "--raw", str(VALID_RAW), "--out", str(tmp_path / "out"), "--card", str(tmp_path / card)])
    assert code == 2
    assert capsys.readouterr().err == f"error: {tmp_path / card}: {message}\n"
    assert not (tmp_path / "out").exists()


def test_an_out_folder_under_a_file_is_a_usage_error(tmp_path: Path, capsys):
    from conftest import VALID_RAW

    (tmp_path / "file").write_text("not a folder\n", encoding="utf-8")
    code = cli.main(["build", "--raw", str(VALID_RAW), "--out", str(tmp_path / "file" / "out")])
    assert code == 2
    assert capsys.readouterr().err == (f"error: cannot write into {tmp_path / 'file' / 'out'}: Not a directory; "
                                       "choose an --out folder you can write to\n")


def test_control_characters_from_the_data_are_shown_escaped():
    from ketamine_claims.errors import Problem

    shown = str(Problem("raw/x.yaml", 3, 7, "claims[0].quote", "no match for 'red\x1b[31m\nline\u202e'; fix it"))
    assert shown == "raw/x.yaml:3:7: claims[0].quote: no match for 'red\\u001b[31m\\u000aline\\u202e'; fix it"


def test_an_unknown_card_placeholder_is_a_usage_error_and_publishes_nothing(tmp_path: Path, capsys):
    from conftest import VALID_RAW

    card = tmp_path / "card.md"
    card.write_text((ROOT / "DATASET_CARD.md").read_text(encoding="utf-8") + "\n{{ no_such_value }}\n", encoding="utf-8")
    code = cli.main(["build", "--raw", str(VALID_RAW), "--out", str(tmp_path / "out"), "--card", str(card)])
    assert code == 2
    error = capsys.readouterr().err
    assert error.startswith("error: DATASET_CARD.md uses {{ no_such_value }}, which the card renderer does not know")
    assert "Traceback" not in error and not (tmp_path / "out" / VERSION).exists()
