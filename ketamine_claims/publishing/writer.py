"""Write release files deterministically, and publish a staged release atomically and immutably."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ketamine_claims.errors import ReleaseConflict
from ketamine_claims.release_layout import CHECKSUMS, data_file

#: Fixed writer options: with a pinned pyarrow, the same table always gives the same bytes.
PARQUET_OPTIONS = dict(
    compression="zstd", compression_level=3, use_dictionary=True, write_statistics=True,
    store_schema=True, version="2.6", data_page_version="1.0", row_group_size=100_000,
)


def write_parquet(table: pa.Table, path: Path) -> None:
    """Write a table with the fixed options."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, **PARQUET_OPTIONS)
    pa.default_memory_pool().release_unused()  # hand the encoder's scratch memory back before the next step


def write_config_table(table: pa.Table, folder: Path, config: str) -> str:
    """Write a config's table under the name its content digest gives it; return that name inside the release."""
    staged = folder / config / "staged.parquet"
    write_parquet(table, staged)
    name = data_file(config, sha256_of(staged))
    staged.rename(folder / name)
    return name


def write_json(data: object, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")


def write_text(text: str, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def release_files(folder: Path) -> list[str]:
    """Every file of a release, as sorted POSIX paths relative to it."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def write_checksums(folder: Path) -> None:
    """checksums.tsv: path, bytes and sha256 of every other file of the release."""
    lines = ["path\tbytes\tsha256"]
    for name in release_files(folder):
        if name != CHECKSUMS:
            path = folder / name
            lines.append(f"{name}\t{path.stat().st_size}\t{sha256_of(path)}")
    write_text("\n".join(lines) + "\n", folder / CHECKSUMS)


def staging_folder(out_root: Path, version: str) -> Path:
    """A fresh hidden folder beside the releases, on the same file system, so publishing is one rename."""
    out_root.mkdir(parents=True, exist_ok=True)
    folder = out_root / f".staging-{version}-{os.getpid()}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    return folder


def differing_files(left: Path, right: Path) -> list[str]:
    """Files that are missing on one side or differ in content."""
    names = sorted(set(release_files(left)) | set(release_files(right)))
    return [name for name in names
            if not (left / name).is_file() or not (right / name).is_file()
            or (left / name).read_bytes() != (right / name).read_bytes()]


def publish(staged: Path, target: Path, replace: bool = False) -> bool:
    """Move a staged release into place; return False when an identical release is already there.

    A release that exists with other content is never overwritten: ReleaseConflict says to
    bump the version. With `replace` (previews only) it is swapped out for the staged one instead.
    The staged folder is removed in every case.
    """
    try:
        if target.exists():
            changed = differing_files(staged, target)
            if changed and replace:
                retired = staged.with_name(staged.name + ".old")
                os.rename(target, retired)
                os.rename(staged, target)
                shutil.rmtree(retired)
                return True
            if changed:
                shown = ", ".join(changed[:5]) + (" ..." if len(changed) > 5 else "")
                raise ReleaseConflict(
                    f"{target} exists and differs from what the sources build ({shown}); published releases are "
                    "immutable: bump VERSION and add a release note in ketamine_claims/versions.py"
                )
            return False
        os.rename(staged, target)
        return True
    finally:
        if staged.exists():
            shutil.rmtree(staged)
