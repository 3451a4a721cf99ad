"""Step 3, Compare (对照): the gap checklist — library tree, filtered requirement table,
detail form; keyboard-first, every edit stored at once and undoable.

    page.py         ComparePage: the checklist tab and the guidance tab
    panel.py        ChecklistPanel: composes the parts below, follows stored changes
    assessments.py  the assessment picker; new, rename, delete
    filters.py      search and filter combos, the library section tree
    table.py        the requirement table (keys 0–4, Enter, drops) and the evidence list
    detail.py       the form of one requirement; a field is stored when left
    evidence.py     attach, save a copy, remove evidence files
    exchange.py     export to and import from Excel or CSV
"""

from qms_desktop.ui.steps.compare.page import ComparePage
from qms_desktop.ui.steps.compare.panel import ChecklistPanel

__all__ = ["ChecklistPanel", "ComparePage"]
