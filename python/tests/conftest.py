"""Shared fixtures: repository paths, the bundled demo corpus, the seeds from ../shared."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Dict, List

import pytest

import pressespiegel as ps

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "data" / "demo" / "wikinews-de.jsonl"


def _ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1")


def shared_dir() -> Path:
    """``../shared`` beside the repository (or ``$PRESSESPIEGEL_SHARED``); skips the test when
    missing, fails under ``CI=true``."""
    d = Path(os.environ.get("PRESSESPIEGEL_SHARED", REPO.parent / "shared"))
    if (d / "seeds").is_dir():
        return d
    message = f"shared data folder {d} not found (set PRESSESPIEGEL_SHARED to run this test)"
    if _ci():
        pytest.fail(f"CI=true but {message}")
    pytest.skip(message)


@pytest.fixture(scope="session")
def demo_articles() -> List[Dict]:
    with DEMO.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="module")
def demo_index(demo_articles) -> ps.Index:
    index = ps.Index.create()
    report = index.add(demo_articles)
    assert report.ok, report.errors
    return index


@pytest.fixture(scope="session")
def seeds() -> Dict[str, str]:
    """The five seed articles as ``{"000": text, …}`` (raw files: without the ingest module the
    dateline/date header stays part of the text)."""
    files = sorted((shared_dir() / "seeds").glob("*.txt"))
    assert len(files) == 5, files
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in files}
