"""Write release files deterministically, and publish a staged release atomically and immutably."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
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
    """A fresh hidden folder beside the releases, on the same file system, so publishing is one rename.

    Staging folders left by builds that were killed (their process is gone) are swept away first.
    """
    out_root.mkdir(parents=True, exist_ok=True)
    for leftover in out_root.glob(".staging-*"):
        pid = leftover.name.rsplit("-", 1)[-1].removesuffix(".old")
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)
    folder = out_root / f".staging-{version}-{os.getpid()}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    return folder


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def sync_tree(folder: Path) -> None:
    """Flush every file of a folder, and the folder itself, to disk, so a rename never publishes unwritten data."""
    for path in sorted(folder.rglob("*"), reverse=True):
        _fsync(path)
    _fsync(folder)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems cannot sync a directory; the files themselves are synced
    finally:
        os.close(descriptor)


@contextmanager
def publishing_lock(out_root: Path) -> Iterator[None]:
    """Hold an exclusive lock on out_root while a build checks and renames, so two builds cannot race."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: the rename still refuses to replace a folder that is not empty
        yield
        return
    descriptor = os.open(out_root, os.O_RDONLY)  # the folder itself is locked, so no lock file is left behind
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


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
        sync_tree(staged)
        with publishing_lock(target.parent):
            return _publish_locked(staged, target, replace)
    finally:
        if staged.exists():
            shutil.rmtree(staged)


def _publish_locked(staged: Path, target: Path, replace: bool) -> bool:
    if target.is_symlink() and not target.exists():
        raise ReleaseConflict(f"{target} is a link to nothing; remove it, then build again")
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
    try:
        os.rename(staged, target)
    except OSError as error:
        if error.errno not in (errno.ENOTEMPTY, errno.EEXIST):
            raise
        return _publish_locked(staged, target, replace)  # another build won the race: compare with its release
    _fsync(target.parent)
    return True
