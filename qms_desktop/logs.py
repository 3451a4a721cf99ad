"""The application's log: a rotating file in the user-data folder (Help → Open Log Folder)."""

from __future__ import annotations

import logging
import platform
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from qms_desktop.paths import user_data_dir

LOG_FILE_NAME = "qms-desktop.log"
# Five files of 1 MB: weeks of normal use, and never a log that fills a laptop's disk.
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s %(name)s [pid %(process)d] %(message)s"


def log_dir() -> Path:
    return user_data_dir() / "logs"


def log_file() -> Path:
    return log_dir() / LOG_FILE_NAME


class _AppLogHandler(RotatingFileHandler):
    """Marks the handler this module installed, so a second setup replaces it."""


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send the `qms_desktop` loggers to the rotating file; None when the folder cannot be
    made (a read-only profile): the app then runs without a log rather than not at all."""
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler = _AppLogHandler(
            folder / LOG_FILE_NAME,
            maxBytes=MAX_BYTES,
            backupCount=BACKUP_COUNT,
            encoding="utf-8",
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    logger = logging.getLogger("qms_desktop")
    for old in [h for h in logger.handlers if isinstance(h, _AppLogHandler)]:
        logger.removeHandler(old)
        old.close()
    logger.addHandler(handler)
    logger.setLevel(level)
    from qms_desktop.identity import app_version

    logger.info(
        "QMS Desktop %s starting: Python %s on %s%s",
        app_version(),
        platform.python_version(),
        platform.platform(),
        " (bundle)" if getattr(sys, "frozen", False) else "",
    )
    return folder / LOG_FILE_NAME
