"""Help in both languages: the user guide (one Markdown source per page and language in
resources/guide/), the first-run tour and What's new. `HelpCentre` is the one entry point."""

from qms_desktop.ui.help.centre import HelpCentre

__all__ = ["HelpCentre"]
