"""Where each file sits in a release: the names that publishing writes and presenting and evaluating read.

Each config's Parquet file carries the first 16 hex digits of its own SHA-256 in its name, and the
card's front matter names that file. The `datasets` loader keys its cache on the front matter (not
on the files' contents), so any change of content changes the key and a stale copy is never
served. Queries printed in the card use `<config>/*.parquet`, which holds whatever the digest.
"""

from __future__ import annotations

from pathlib import Path

CHECKSUMS = "checksums.tsv"
DIGEST_LENGTH = 16


def data_file(config: str, digest: str) -> str:
    """Path, inside a release, of a config's single Parquet file with the given SHA-256."""
    return f"{config}/train-00000-of-00001-{digest[:DIGEST_LENGTH]}.parquet"


def data_files_pattern(config: str) -> str:
    """The pattern the card and Croissant give for a config's data."""
    return f"{config}/*.parquet"


def find_data_file(release: Path, config: str) -> Path:
    """The one Parquet file of a config in a release; FileNotFoundError when there is none or several."""
    found = sorted((release / config).glob("*.parquet"))
    if len(found) != 1:
        raise FileNotFoundError(f"{release / data_files_pattern(config)}: expected one file, found {len(found)}")
    return found[0]
