"""The bundle's ICU data keeps what English and Chinese need (collation, converters,
time-zone names) and behaves like the full data for them."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="only Linux bundles carry ICU"
)


def _icu_subset() -> ModuleType:
    path = ROOT / "packaging" / "pyinstaller" / "icu_subset.py"
    spec = importlib.util.spec_from_file_location("icu_subset", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _qt_icu() -> Path:
    import PySide6

    (library,) = (Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*")
    return library


@pytest.fixture(scope="module")
def smaller(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = _icu_subset().build_library(_qt_icu(), tmp_path_factory.mktemp("icu"))
    assert built is not None
    return built


def test_the_subset_keeps_english_chinese_and_every_non_locale_item(smaller: Path) -> None:
    icu = _icu_subset()
    original = icu.read_items(_read(_qt_icu(), icu))[1]
    kept = icu.read_items(_read(smaller, icu))[1]
    names = [name.split("/", 1)[1] for name, _ in kept]
    for needed in ("root.res", "en.res", "zh.res", "zh_Hans_CN.res", "coll/zh.res",
                   "coll/ucadata.icu", "brkitr/cjdict.dict", "gb18030.cnv", "zone/zh.res",
                   "nfkc.nrm", "cnvalias.icu", "zoneinfo64.res", "pool.res", "res_index.res", "coll/res_index.res"):  # fmt: skip
        assert needed in names, needed
    for dropped in ("de.res", "coll/de.res", "zone/ja.res", "es_419.res", "translit/root.res"):
        assert dropped not in names, dropped
    assert [n for n, _ in kept] == [n for n, _ in original if icu.keep(n)]  # order kept
    kept_blobs = dict(kept)
    assert all(kept_blobs[n] == b for n, b in original if n in kept_blobs)  # bytes unchanged
    assert smaller.stat().st_size < 0.5 * _qt_icu().stat().st_size
    # Nothing else goes: each dropped item is another language's data or a listed extra.
    for name, _ in original:
        if not icu.keep(name):
            path = name.split("/", 1)[1]
            stem = path.rsplit("/", 1)[-1].removesuffix(".res")
            assert icu.LOCALE_NAME.match(stem) or icu.DROPPED_ITEMS.match(path), name


def _read(library: Path, icu: ModuleType) -> bytes:
    offset, size = icu.elf_symbol(library, "icudt" + library.name.rsplit(".", 1)[-1] + "_dat")
    with library.open("rb") as f:
        f.seek(offset)
        return f.read(size)


CHECK = """
from functools import cmp_to_key
from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone
zh = QCollator(QLocale("zh_CN"))
print("".join(sorted(["张", "阿", "李", "王", "陈", "白"], key=cmp_to_key(zh.compare))))
print(QStringDecoder("GB18030").isValid(), QStringDecoder("Big5").isValid())
tz = QTimeZone(b"Asia/Shanghai")
kind, name = QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName
print(tz.displayName(kind, name, QLocale("zh_CN")), "/", tz.displayName(kind, name, QLocale("en")))
"""


def test_qt_behaves_the_same_on_the_subset(smaller: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    full = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True, text=True)
    env["LD_PRELOAD"] = str(smaller)  # the same soname: Qt takes this one
    sub = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True, text=True)
    assert full.returncode == 0 and sub.returncode == 0, full.stderr + sub.stderr
    assert sub.stdout == full.stdout
    assert sub.stdout.splitlines() == [
        "阿白陈李王张",
        "True True",
        "中国标准时间 / China Standard Time",
    ]
