"""User preferences kept in QSettings: language, user name, geometry, recent files, whether
the first-run tour was shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10


class AppSettings:
    def __init__(self, settings: QSettings) -> None:
        self._s = settings

    @property
    def language(self) -> str:
        return str(self._s.value("ui/language", "en"))

    @language.setter
    def language(self, value: str) -> None:
        self._s.setValue("ui/language", value)

    @property
    def user_name(self) -> str:
        return str(self._s.value("user/name", "") or "")

    @user_name.setter
    def user_name(self, value: str) -> None:
        self._s.setValue("user/name", value)

    @property
    def tour_shown(self) -> bool:
        return str(self._s.value("help/tour_shown", "false")).lower() == "true"

    @tour_shown.setter
    def tour_shown(self, value: bool) -> None:
        self._s.setValue("help/tour_shown", "true" if value else "false")

    def geometry(self) -> QByteArray | None:
        value = self._s.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self._s.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._s.setValue("window/geometry", geometry)
        self._s.setValue("window/state", state)

    def recent_files(self) -> list[Path]:
        raw = self._s.value("files/recent", [])
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list):
            return []
        return [Path(str(p)) for p in raw if p]

    def add_recent(self, path: Path) -> None:
        resolved = Path(path).resolve()
        files = [p for p in self.recent_files() if p != resolved]
        self._s.setValue("files/recent", [str(p) for p in [resolved, *files][:MAX_RECENT]])

    def remove_recent(self, path: Path) -> None:
        files = [p for p in self.recent_files() if p != Path(path)]
        self._s.setValue("files/recent", [str(p) for p in files])

    def clear_recent(self) -> None:
        self._s.setValue("files/recent", [])

    def sync(self) -> None:
        self._s.sync()
