"""The Help menu's work: the guide (F1 opens the page for where the user is), the method
explained, the tour (once by itself, on the first run) and What's new."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from qms_desktop.ui.help.guide import topic_for
from qms_desktop.ui.help.tour import TourDialog
from qms_desktop.ui.help.viewer import GuideWindow

if TYPE_CHECKING:
    from qms_desktop.ui.main_window import MainWindow


class HelpCentre(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._w = window
        self.guide: GuideWindow | None = None
        self.tour: TourDialog | None = None

    def _lang(self) -> str:
        return self._w.languages.language

    def show_guide(self, slug: str = "index") -> GuideWindow:
        """The guide window (one, kept), raised, at `slug`, in the interface's language."""
        if self.guide is None:
            self.guide = GuideWindow(self._lang(), self._w)
        self.guide.set_language(self._lang())
        self.guide.show_page(slug)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()
        return self.guide

    def show_context_help(self) -> GuideWindow:
        """F1: the page about the page on screen (the welcome screen: the first manual)."""
        return self.show_guide(topic_for(self._w.help_topic()))

    def show_method(self) -> GuideWindow:
        return self.show_guide("method")

    def show_whats_new(self) -> GuideWindow:
        return self.show_guide("whats-new")

    def show_tour(self) -> TourDialog:
        if self.tour is not None:
            self.tour.close()
            self.tour.deleteLater()
        self.tour = TourDialog(self._lang(), self._w)
        self.tour.guideRequested.connect(lambda: self.show_guide("first-manual"))
        self.tour.show()
        self._w.settings.tour_shown = True
        return self.tour

    def show_tour_on_first_run(self) -> TourDialog | None:
        """The tour once, the first time the app starts for this user."""
        if self._w.settings.tour_shown:
            return None
        return self.show_tour()
