"""The conformity chart explains itself: a legend and each bar's figures in words."""

from PySide6.QtCore import QPointF

from qms_desktop.ui.charts import ConformityChart


def test_the_chart_has_a_legend_and_says_each_bars_figures(qtbot):
    chart = ConformityChart()
    qtbot.addWidget(chart)
    chart.resize(600, 150)
    chart.set_bars([("4", 0.62, 1.0), ("5", None, 0.0), ("6", 1.0, 0.5)])
    assert all(chart.legend())
    assert chart.bar_text(0) == "Clause 4: conformity 62%, 100% of its requirements assessed"
    assert "conformity —" in chart.bar_text(1)
    left, slot, _, bottom = chart._geometry()
    middle = [QPointF(left + slot * (i + 0.5), bottom - 5) for i in range(3)]
    assert [chart.bar_at(p) for p in middle] == [0, 1, 2]
    assert chart.bar_at(QPointF(1, bottom - 5)) is None  # on the axis labels
    image = chart.grab().toImage()
    assert not image.isNull()
