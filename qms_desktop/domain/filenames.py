"""File names that came from elsewhere (an evidence file's stored name, a library title)
made safe to offer as a name in a folder: one base name, no separators or device names."""

from __future__ import annotations

import re
import unicodedata

_DEVICES = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u2028\u2029\u0085]')
MAX_NAME_BYTES = 200


def safe_file_name(name: str, fallback: str = "evidence") -> str:
    """A base name fit for any of Windows, macOS and Linux: the last path component only,
    no control or reserved characters, no device name, not hidden, at most 200 bytes
    (the extension kept)."""
    name = unicodedata.normalize("NFC", str(name))
    name = re.split(r"[/\\]", name)[-1]
    name = _FORBIDDEN.sub("_", name).strip().strip(".").strip()
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if stem.split(".")[0].upper() in _DEVICES:
        stem = "_" + stem
    if len(ext.encode()) > 20:
        stem, ext = f"{stem}.{ext}" if stem else ext, ""
    suffix = f".{ext}" if ext else ""
    while stem and len((stem + suffix).encode()) > MAX_NAME_BYTES:
        stem = stem[:-1]
    name = (stem + suffix).strip()
    if not stem or not name.strip("._ "):
        return fallback + suffix if suffix and len(suffix) > 1 else fallback
    return name
