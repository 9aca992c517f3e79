"""Shared fixtures. The Hugging Face offline switches are set before anything imports datasets."""

from __future__ import annotations

import os

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_DATASETS_OFFLINE"] = "1"
os.environ.setdefault("MPLBACKEND", "Agg")

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VALID_RAW = Path(__file__).resolve().parent / "fixtures" / "valid" / "raw"
FIXTURE_ARTICLE = "raw/articles/001_0000000000000001.yaml"


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """A private copy of the tiny valid corpus, to mutate in a test."""
    target = tmp_path / "raw"
    shutil.copytree(VALID_RAW, target)
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a fixture file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture(scope="session")
def built_fixture_release(tmp_path_factory) -> Path:
    """The tiny corpus built once into a temporary dist folder."""
    from ketamine_claims.publishing.release import build_release

    out = tmp_path_factory.mktemp("release") / "dist"  # named like the repository's dist/ so card queries run as printed
    return build_release(VALID_RAW, out, ROOT / "DATASET_CARD.md").folder
