"""Fixtures the document tests share."""

from __future__ import annotations

from pathlib import Path

import pytest

from qms_desktop.services.demo import write_demo


@pytest.fixture(scope="module")
def demos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo organisation in each language, written once per test module (a module may
    change its copies)."""
    folder = tmp_path_factory.mktemp("demos")
    return {lang: write_demo(folder / f"{lang}.qms", lang) for lang in ("en", "zh_CN")}
