"""Which paths under raw/ may be read: regular files inside the folder, of a bounded size, never links."""

from __future__ import annotations

import stat
from pathlib import Path

#: Largest file the reader accepts; far above any real annotation file, low enough to refuse a
#: runaway file before parsing spends minutes and gigabytes on it.
MAX_FILE_BYTES = 64 * 1024 * 1024


def unreadable_reason(path: Path) -> str | None:
    """Why `path` must not be read (a link, not a regular file, too large, unreadable), or None when it may."""
    try:
        info = path.lstat()
    except OSError as error:
        return f"cannot be read ({error.strerror.lower()}); check that it exists and its permissions"
    if stat.S_ISLNK(info.st_mode):
        return "is a symbolic link; raw/ reads only regular files, so copy the file itself here"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a folder, pipe or device); remove it or replace it with a file"
    if info.st_size > MAX_FILE_BYTES:
        return (f"is {info.st_size:,} bytes, over the limit of {MAX_FILE_BYTES:,}; split it or check that it is "
                "the right file")
    try:
        with path.open("rb"):
            pass
    except OSError as error:
        return f"cannot be read ({error.strerror.lower()}); check its permissions"
    return None
