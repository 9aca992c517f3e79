"""Check a release against its sources: rebuild it, from main's raw/ or from the commit that made it, and compare."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from ketamine_claims.errors import ReleaseInvalid, UsageError
from ketamine_claims.publishing.writer import differing_files
from ketamine_claims.versions import SOURCE_COMMITS, VERSION


def rebuild_from_commit(commit: str, repository: Path, work: Path) -> Path:
    """Build, with that commit's own code, the release its tree holds; return the folder of builds."""
    try:
        archive = subprocess.run(["git", "-C", str(repository), "archive", commit], capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise UsageError(f"cannot read commit {commit[:12]} from {repository} ({error}); rebuild in a git checkout "
                         "of the repository") from None
    source = work / "source"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tree:
        tree.extractall(source, filter="data")
    shared = repository.parent / "shared"
    if shared.exists():
        (work / "shared").symlink_to(shared)
    out = work / "out"
    result = subprocess.run([sys.executable, "build_dataset.py", "build", "--out", str(out)], cwd=source,
                            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(source)}, capture_output=True, text=True)
    if result.returncode != 0:
        raise ReleaseInvalid([f"commit {commit[:12]} does not build: {result.stderr.strip().splitlines()[-1:]}"])
    return out


def compare_with_sources(release: Path, raw_dir: Path, card: Path, repository: Path) -> list[str]:
    """The files in which `release` differs from what its sources build; empty when it is what they build."""
    try:
        version = json.loads((release / "metadata.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError, TypeError):
        raise ReleaseInvalid([f"{release}/metadata.json: missing or not valid JSON, so the version to rebuild is "
                              "unknown"]) from None
    with tempfile.TemporaryDirectory() as work:
        if version == VERSION:
            from ketamine_claims.publishing.release import build_release

            fresh = build_release(raw_dir, Path(work) / "out", card, version).folder
        elif version in SOURCE_COMMITS:
            fresh = rebuild_from_commit(SOURCE_COMMITS[version], repository, Path(work)) / version
        else:
            raise UsageError(f"{release} is version {version}, which neither main builds ({VERSION}) nor "
                             "SOURCE_COMMITS names; nothing can rebuild it")
        return differing_files(fresh, release)
