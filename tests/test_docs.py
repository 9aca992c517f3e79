"""The README's promises: its first two commands, the CI script that runs one of them, the validate path."""

import re
import subprocess
import sys

from conftest import ROOT
from ketamine_claims.presenting.card import size_category


def _readme_commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text())[:2]


def test_the_readme_starts_with_a_build_and_a_test_command():
    build, test = _readme_commands()
    assert build.startswith("python3 -m venv .venv && ") and build.endswith("build_dataset.py build")
    assert test.startswith("python3 -m venv .venv && ") and test.endswith("-m pytest")


def test_ci_runs_the_readmes_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text()
    assert _readme_commands()[1] in ci.splitlines()
    assert "set -euo pipefail" in ci  # pytest's exit code 5 (no tests) fails CI


def test_validate_keeps_pyarrow_and_datasets_off_its_path():
    code = ("import sys; from ketamine_claims.cli import main; code = main(['validate']); "
            "print(code, 'pyarrow' in sys.modules, 'datasets' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "0 False False", result.stderr


def test_size_categories_follow_the_hub_buckets():
    assert [size_category(n) for n in (5, 999, 1_000, 261_000)] == ["n<1K", "n<1K", "1K<n<10K", "100K<n<1M"]
