"""Shrink Qt's ICU data library (Linux) to the languages the app offers.

PySide6's Linux wheels carry ICU's full data, 32 MB of collation, time-zone names,
currencies, units and spelled-out numbers for some 800 locales: a fifth of the bundle. QMS
Desktop speaks English and Simplified Chinese, so the bundle keeps the root locale and the
en* and zh* locales, every non-locale item (normalisation, properties, converters, break
rules, the Chinese/Japanese word dictionary, time-zone rules), and drops the other locales,
transliteration and the South-East Asian word dictionaries. The result is the same common
data format ("CmnD": header, sorted table of contents, items), linked into a library of the
same name that exports the same symbol.

    python packaging/pyinstaller/icu_subset.py LIBICUDATA OUT_DIR   # prints the new library
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LOCALES = re.compile(r"^(root|en|en_\w+|zh|zh_\w+)$")
# language[_Script][_REGION][_VARIANT]: zh_Hans_CN, en_US_POSIX, es_419 (not res_index).
LOCALE_NAME = re.compile(r"^[a-z]{2,3}(_[A-Z][a-z]{3})?(_([A-Z]{2}|[0-9]{3}))?(_[A-Z0-9]+)*$")
DROPPED_ITEMS = re.compile(r"^(translit/|brkitr/(khmer|burmese|lao|thai)dict\.dict$)")
ALIGN = 16


def elf_symbol(library: Path, symbol: str) -> tuple[int, int]:
    """(file offset, size) of `symbol`'s bytes in the library."""
    symbols = subprocess.run(
        ["readelf", "--dyn-syms", "-W", str(library)], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(rf"^\s*\d+: ([0-9a-f]+)\s+(\S+)\s+OBJECT\s+GLOBAL\s+\S+\s+(\d+)\s+{symbol}$",
                      symbols, re.M)  # fmt: skip
    if match is None:
        raise ValueError(f"{library}: no symbol {symbol}")
    address, size_text, section = int(match[1], 16), match[2], int(match[3])
    size = int(size_text, 16) if size_text.startswith("0x") else int(size_text)
    sections = subprocess.run(
        ["readelf", "-S", "-W", str(library)], capture_output=True, text=True, check=True
    ).stdout
    row = re.search(rf"\[\s*{section}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if row is None:
        raise ValueError(f"{library}: no section {section}")
    return address - int(row[1], 16) + int(row[2], 16), size


def read_items(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The data header and the (name, bytes) items of ICU common data."""
    header_size = struct.unpack_from("<H", data, 0)[0]
    if data[2:4] != b"\xda\x27" or data[12:16] != b"CmnD":
        raise ValueError("not ICU common data")
    toc = data[header_size:]
    count = struct.unpack_from("<I", toc, 0)[0]
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_offset, data_offset) in enumerate(entries):
        end = entries[i + 1][1] if i + 1 < count else len(toc)
        name = toc[name_offset : toc.index(b"\0", name_offset)].decode("ascii")
        items.append((name, toc[data_offset:end]))
    return data[:header_size], items


def write_items(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    table_size = 4 + 8 * len(items)
    offset = table_size + len(names)
    offset += -offset % ALIGN
    table, blobs, name_offset = [struct.pack("<I", len(items))], [], table_size
    for name, blob in items:
        table.append(struct.pack("<II", name_offset, offset))
        name_offset += len(name) + 1
        padded = blob + b"\0" * (-len(blob) % ALIGN)
        blobs.append(padded)
        offset += len(padded)
    body = b"".join(table) + names
    body += b"\0" * (-len(body) % ALIGN)
    return header + body + b"".join(blobs)


def keep(name: str) -> bool:
    """`icudt73l/coll/zh.res` -> kept; `icudt73l/coll/de.res` -> dropped."""
    path = name.split("/", 1)[1] if "/" in name else name
    if DROPPED_ITEMS.match(path):
        return False
    stem = path.rsplit("/", 1)[-1]
    if stem.endswith(".res"):
        locale = stem[: -len(".res")]
        if LOCALE_NAME.match(locale):
            return bool(KEEP_LOCALES.match(locale))
    return True


def subset(data: bytes) -> bytes:
    header, items = read_items(data)
    kept = [(name, blob) for name, blob in items if keep(name)]
    return write_items(header, kept)


def build_library(original: Path, out_dir: Path) -> Path | None:
    """The smaller library in `out_dir` (same file name), or None when this cannot be done
    here (no compiler, an unexpected library): the bundle then keeps the original."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None or shutil.which("readelf") is None:
        return None
    match = re.match(r"libicudata\.so\.(\d+)", original.name)
    if match is None:
        return None
    symbol = f"icudt{match[1]}_dat"
    offset, size = elf_symbol(original, symbol)
    with original.open("rb") as f:
        f.seek(offset)
        data = f.read(size)
    smaller = subset(data)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / original.name
    with tempfile.TemporaryDirectory() as tmp:
        blob = Path(tmp) / "icudata.dat"
        blob.write_bytes(smaller)
        source = Path(tmp) / "icudata.S"
        source.write_text(
            f"\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n"
            f'\t.balign 16\n{symbol}:\n\t.incbin "{blob}"\n'
            f"\t.size {symbol}, .-{symbol}\n"
            '\t.section .note.GNU-stack,"",@progbits\n'
        )
        subprocess.run(
            [compiler, "-shared", "-nostdlib", f"-Wl,-soname,{original.name}", "-o",
             str(target), str(source)],
            check=True,
        )  # fmt: skip
    return target


if __name__ == "__main__":
    built = build_library(Path(sys.argv[1]), Path(sys.argv[2]))
    print(built or "not built (no compiler or readelf)")
