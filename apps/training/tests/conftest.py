"""Small LHEO feeds written by the demo generator (the same code that writes the demo offer)."""

from datetime import date
from pathlib import Path

import pytest

from apps.training.demo import write_demo_feed


@pytest.fixture
def small_feed(tmp_path) -> Path:
    path = tmp_path / "offre.xml"
    write_demo_feed(path, trainings=40, start=date(2026, 11, 26))
    return path


def broken(path: Path, old: str, new: str, count: int = 1) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text
    out = path.with_name("casse.xml")
    out.write_text(text.replace(old, new, count), encoding="utf-8")
    return out


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
