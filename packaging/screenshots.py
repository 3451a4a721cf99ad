"""Take screenshots of the real app on the demo organisation (for the README and for review).

Usage: python packaging/screenshots.py OUT_DIR [--lang en|zh_CN] [--all | --page KEY ...]

With --page, only the named pages (navigator keys: dashboard, profile, compare, ...), every
tab of each; shooting one page before and after a change is the quick way to see that
nothing moved.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="en", choices=["en", "zh_CN"])
    parser.add_argument("--all", action="store_true", help="every page, not just the dashboard")
    parser.add_argument(
        "--page",
        action="append",
        default=[],
        metavar="KEY",
        help="this page and its tabs (repeatable), e.g. --page compare",
    )
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="qms-shots-"))
    os.environ["QMS_DESKTOP_DATA"] = str(tmp / "data")
    os.environ["QMS_DESKTOP_SETTINGS"] = str(tmp / "settings.ini")

    from PySide6.QtWidgets import QApplication

    from qms_desktop.app import build_main_window
    from qms_desktop.ui.models.navigator import PAGE_KEYS

    unknown = [key for key in args.page if key not in PAGE_KEYS]
    if unknown:
        parser.error(f"unknown page {', '.join(unknown)}; one of {', '.join(PAGE_KEYS)}")
    window = build_main_window(lang=args.lang)
    window.resize(1280, 820)
    window.show()
    if not window.open_demo():
        return 1
    # the status bar names this machine's file path and user: not for published pictures
    window.statusBar().hide()
    app = QApplication.instance()
    args.out.mkdir(parents=True, exist_ok=True)
    keys = PAGE_KEYS if args.all else args.page or ["dashboard"]
    every_tab = args.all or bool(args.page)
    for key in keys:
        window.go_to(key)
        for _ in range(5):
            app.processEvents()
        target = args.out / f"{key}-{args.lang}.png"
        window.grab().save(str(target))
        print(target)
        tabs = getattr(window.pages.currentWidget(), "tabs", None)
        if every_tab and tabs is not None:
            for i in range(1, tabs.count()):
                tabs.setCurrentIndex(i)
                for _ in range(5):
                    app.processEvents()
                target = args.out / f"{key}-tab{i}-{args.lang}.png"
                window.grab().save(str(target))
                print(target)
            tabs.setCurrentIndex(0)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
