"""The dashboard as it was last shown, remembered per workspace file, so that a start-up
that reopens the workspace can put its content on screen before the database layer is
even imported (issue 17: content on screen within 3× a bare window).

What is remembered is a hint, never the truth: it is used only when the file is byte for
byte as it was when the view was computed (SQLite's file change counter, which every
committed write raises, the file's size and modification time) and by the same version of
the app; the workspace is opened for real on the next turn of the event loop and the
dashboard computed again from it. A view from an earlier day is shown all the same (the
first start of every day is the usual case): only the counts that move with the date, such
as overdue actions, can differ, for the moment the real opening takes. A damaged, foreign or
hostile remembered file is ignored. Nothing here imports SQLAlchemy or the services.

Where: `<user data folder>/views/<hash of the workspace's path>.json`, readable by the user
alone (it holds the organisation's name and progress)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qms_desktop.domain.messages import Message
from qms_desktop.domain.steps import RuleResult, ShownStatus, Step, StepState, StepSummary

log = logging.getLogger(__name__)

FORMAT = 1
MAX_BYTES = 4 * 1024 * 1024  # a remembered view is a few KB, plus the logo
MAX_LOGO = 1024 * 1024  # a bigger logo is not remembered (the real load shows it)
KEEP = 64  # views of the workspaces opened most lately; older ones are removed
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Readiness:
    audit_date: str
    open_actions: int
    overdue: int
    due_after_audit: int


@dataclass(frozen=True)
class GapView:
    assessment: str
    conformity: float | None
    progress: float
    readiness: Readiness | None
    bars: tuple[tuple[str, float | None, float], ...]


@dataclass(frozen=True)
class DashboardView:
    """Everything the dashboard and the navigator show of a workspace."""

    name: str
    scope: str
    logo: bytes
    steps: Mapping[Step, StepSummary]
    gap: GapView | None
    overdue_actions: int


class Unstorable(ValueError):
    """A value in the view that the remembered file cannot hold (it is then not written)."""


def file_key(path: Path) -> dict[str, Any] | None:
    """What must be unchanged for a remembered view to stand: None when the file is not an
    SQLite file this can read (no view is remembered or used for it)."""
    try:
        with open(path, "rb") as f:
            header = f.read(100)
            stat = os.fstat(f.fileno())
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return None
    from qms_desktop import __version__

    return {
        "format": FORMAT,
        "app": __version__,
        "path": str(path.resolve()),
        "counter": int.from_bytes(header[24:28], "big"),
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
    }


def _store(folder: Path, path: Path) -> Path:
    digest = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    return folder / "views" / f"{digest[:32]}.json"


def _default_folder() -> Path:
    from qms_desktop.paths import user_data_dir

    return user_data_dir()


# -- writing -------------------------------------------------------------------


def _encode(value: object) -> object:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Message):
        return {"m": value.code, "p": {str(k): _encode(v) for k, v in value.params.items()}}
    if isinstance(value, list | tuple):
        return {"l": [_encode(v) for v in value]}
    if isinstance(value, dt.date):
        return {"d": value.isoformat(), "t": isinstance(value, dt.datetime)}
    raise Unstorable(type(value).__name__)


def encode(view: DashboardView) -> dict[str, Any]:
    steps = {
        step.value: {
            "status": s.status.value,
            "progress": s.progress,
            "warning": _encode(s.warning),
            "missing": [_encode(m) for m in s.rule.missing[:5]],
        }
        for step, s in view.steps.items()
    }
    gap = None
    if view.gap is not None:
        r = view.gap.readiness
        gap = {
            "assessment": view.gap.assessment,
            "conformity": view.gap.conformity,
            "progress": view.gap.progress,
            "readiness": None
            if r is None
            else [r.audit_date, r.open_actions, r.overdue, r.due_after_audit],
            "bars": [list(b) for b in view.gap.bars],
        }
    logo = view.logo if len(view.logo) <= MAX_LOGO else b""
    return {
        "name": view.name,
        "scope": view.scope,
        "logo": base64.b64encode(logo).decode("ascii"),
        "steps": steps,
        "gap": gap,
        "overdue_actions": view.overdue_actions,
    }


def remember(path: Path, view: DashboardView, folder: Path | None = None) -> bool:
    """Keep `view` as the dashboard of the file at `path` as it is now. Never raises: a view
    that cannot be kept is simply not there next time."""
    key = file_key(path)
    if key is None:
        return False
    try:
        data = json.dumps({"key": key, "view": encode(view)}, ensure_ascii=False)
        target = _store(folder or _default_folder(), path)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".view-", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(target.parent)
    except (OSError, Unstorable, ValueError) as exc:
        log.debug("dashboard view of %s not remembered: %s", path, exc)
        return False
    return True


def _prune(views: Path) -> None:
    files = sorted(views.glob("*.json"), key=lambda f: f.stat().st_mtime_ns, reverse=True)
    for old in files[KEEP:]:
        old.unlink(missing_ok=True)


def forget_all(folder: Path | None = None) -> None:
    """Remove every remembered view (the user cleared the list of recent workspaces)."""
    views = (folder or _default_folder()) / "views"
    try:
        for f in views.glob("*.json"):
            f.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("remembered views not removed: %s", exc)


def is_current(path: Path, folder: Path | None = None) -> bool:
    """Whether the view remembered for `path` was computed from the file as it is now."""
    stored = _read_json(path, folder)
    return stored is not None and stored.get("key") == file_key(path)


# -- reading -------------------------------------------------------------------


class _Bad(ValueError):
    """The remembered file is not one this version wrote."""


def _want(value: object, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, float)):
        raise _Bad(repr(value)[:40])
    return value


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Bad(repr(value)[:40])
    return float(value)


def _decode(value: object) -> object:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict):
        if "m" in value:
            params = _want(value.get("p", {}), dict)
            return Message(_want(value["m"], str), {str(k): _decode(v) for k, v in params.items()})
        if "l" in value:
            return tuple(_decode(v) for v in _want(value["l"], list))
        if "d" in value:
            text = _want(value["d"], str)
            return (
                dt.datetime.fromisoformat(text) if value.get("t") else dt.date.fromisoformat(text)
            )
    raise _Bad(repr(value)[:40])


def _message(value: object) -> Message | None:
    decoded = _decode(value)
    if decoded is not None and not isinstance(decoded, Message):
        raise _Bad(repr(value)[:40])
    return decoded


def decode(data: Mapping[str, Any]) -> DashboardView:
    steps: dict[Step, StepSummary] = {}
    raw_steps = _want(data["steps"], dict)
    for step in Step:
        s = _want(raw_steps[step.value], dict)
        status = ShownStatus(_want(s["status"], str))
        progress = min(1.0, max(0.0, _number(s["progress"])))
        missing = tuple(m for m in map(_message, _want(s["missing"], list)) if m is not None)
        # The state and the rule's other flags are not shown by the dashboard or the
        # navigator; the real load a moment later brings them.
        steps[step] = StepSummary(
            step=step,
            state=StepState(step),
            rule=RuleResult(
                measured=True,
                started=status is not ShownStatus.NOT_STARTED,
                met=status is ShownStatus.DONE,
                progress=progress,
                missing=missing,
            ),
            status=status,
            progress=progress,
            warning=_message(s["warning"]),
        )
    gap = None
    if data["gap"] is not None:
        g = _want(data["gap"], dict)
        r = g["readiness"]
        readiness = None
        if r is not None:
            audit, open_, overdue, after = _want(r, list)
            dt.date.fromisoformat(_want(audit, str))
            readiness = Readiness(audit, _want(open_, int), _want(overdue, int), _want(after, int))
        bars = tuple(
            (
                _want(b[0], str),
                None if b[1] is None else _number(b[1]),
                _number(b[2]),
            )
            for b in (_want(x, list) for x in _want(g["bars"], list))
        )
        gap = GapView(
            _want(g["assessment"], str),
            None if g["conformity"] is None else _number(g["conformity"]),
            _number(g["progress"]),
            readiness,
            bars,
        )
    return DashboardView(
        name=_want(data["name"], str),
        scope=_want(data["scope"], str),
        logo=base64.b64decode(_want(data["logo"], str), validate=True),
        steps=steps,
        gap=gap,
        overdue_actions=_want(data["overdue_actions"], int),
    )


def _read_json(path: Path, folder: Path | None) -> dict[str, Any] | None:
    target = _store(folder or _default_folder(), path)
    try:
        with open(target, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return None
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def recall(path: Path, folder: Path | None = None) -> DashboardView | None:
    """The view remembered for the file at `path`, if the file is as it was then; else None
    (also for a remembered file that is damaged or not of this version)."""
    stored = _read_json(path, folder)
    if stored is None or stored.get("key") != file_key(path):
        return None
    try:
        return decode(_want(stored["view"], dict))
    except (KeyError, TypeError, ValueError, IndexError, RecursionError) as exc:
        log.debug("remembered view of %s unusable: %s", path, exc)
        return None
