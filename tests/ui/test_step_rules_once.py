"""One change, one computation of the rules it touches: the navigator, the dashboard and
a visible step page all read the steps' summaries after a change, from one cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from qms_desktop.domain.steps import Step
from qms_desktop.services import steps
from qms_desktop.ui.main_window import MainWindow


@pytest.mark.parametrize("page", ["dashboard", "summarise"])
def test_a_register_edit_computes_the_steps_reading_it_once(
    page: str, window: MainWindow, demo_file: Path, monkeypatch: pytest.MonkeyPatch
):
    assert window.open_path(demo_file)
    window.go_to(page)
    calls: dict[Step, int] = dict.fromkeys(Step, 0)
    for step, (fn, reads) in list(steps.RULES.items()):

        def counted(ws, today, fn=fn, step=step):  # noqa: ANN001, ANN202
            calls[step] += 1
            return fn(ws, today)

        monkeypatch.setitem(steps.RULES, step, (counted, reads))
    record = window.controller.ops.add_record(
        "Add lesson",
        "lesson",
        {"source": "complaint", "what_happened": "A long wait", "lesson": "Two desks"},
    )
    assert record is not None
    assert calls == {step: int(step is Step.SUMMARISE) for step in Step}
    # what the navigator shows is the summary of the workspace as it now is
    fresh = steps.step_summaries(window.controller.ws())[Step.SUMMARISE]
    assert window.navigator_model._summaries[Step.SUMMARISE] == fresh
