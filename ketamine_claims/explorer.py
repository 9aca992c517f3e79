"""A self-contained HTML explorer of a release (placeholder until the explorer lands)."""

from __future__ import annotations

from pathlib import Path


def write_explorer(release: Path) -> None:
    """Write release/explorer.html from the release's Parquet files."""
    return None
