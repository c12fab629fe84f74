"""The timeline plot, rendered with the Agg backend: bars, markers, labels, the as-of line,
the zone, and a PNG written to examples/output/ for a person to look at."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import ceasefire_terms as ct
from ceasefire_terms.integrations.plot import plot_timeline, save_timeline_png

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg", force=True)

from matplotlib.axes import Axes  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.dates import date2num, num2date  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

OUTPUT = Path(__file__).resolve().parent.parent / "examples" / "output"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def ax() -> Iterator[Axes]:
    fig = Figure(figsize=(11, 6))
    FigureCanvasAgg(fig)
    yield fig.add_subplot()


def _gids(ax: Axes, prefix: str) -> list[str]:
    found = [a.get_gid() for a in [*ax.patches, *ax.lines]]
    return [g for g in found if g is not None and g.startswith(prefix)]


def _texts(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.texts]


def test_one_bar_per_phase_with_its_name(gaza: ct.Agreement, ax: Axes) -> None:
    plot_timeline(gaza, as_of=None, ax=ax)
    assert _gids(ax, "phase:") == [f"phase:{p.id}" for p in gaza.phases]
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks[: len(gaza.phases)] == [p.name for p in gaza.phases]
    assert {"Agreement", "Deadlines", "Exchanges"} <= set(ticks)


def test_bars_span_the_phase_days(gaza: ct.Agreement, ax: Axes) -> None:
    plot_timeline(gaza, as_of=None, ax=ax)
    bars = {p.get_gid(): p for p in ax.patches}
    phase1 = bars["phase:phase-1"]
    start = num2date(phase1.get_x(), tz=dt.UTC)
    end = num2date(phase1.get_x() + phase1.get_width(), tz=dt.UTC)
    # from the effective instant (11:15 local = 09:15 UTC) to the end of 1 March local
    assert start == dt.datetime(2025, 1, 19, 9, 15, tzinfo=dt.UTC)
    assert end == dt.datetime(2025, 3, 1, 22, 0, tzinfo=dt.UTC)
    assert any("19 Jan 2025 – 1 Mar 2025 (42 days)" in t for t in _texts(ax))
    # phase 3 has no end: drawn faded, and the label says so
    assert bars["phase:phase-3"].get_alpha() < 1
    assert any("end not stated" in t for t in _texts(ax))


def test_every_other_event_is_a_marker(gaza: ct.Agreement, ax: Axes) -> None:
    plot_timeline(gaza, as_of=None, ax=ax)
    t = gaza.timeline()
    phase_kinds = {ct.EventKind.PHASE_START, ct.EventKind.PHASE_END}
    expected = [f"event:{e.id}" for e in t.events if e.kind not in phase_kinds]
    assert sorted(_gids(ax, "event:")) == sorted(expected)
    labels = " | ".join(_texts(ax))
    assert "Phase-2 negotiations begin" in labels and "(3 Feb)" in labels
    assert "effective (19 Jan 11:15)" in labels


def test_as_of_line_and_status(gaza: ct.Agreement, ax: Axes) -> None:
    plot_timeline(gaza, as_of="2025-02-10", ax=ax)
    (line,) = [ln for ln in ax.lines if ln.get_gid() == "as-of"]
    x = line.get_xdata()[0]  # type: ignore[index]
    assert num2date(x, tz=dt.UTC).date() == dt.date(2025, 2, 10)
    assert line.get_label() == "as of 2025-02-10"
    assert any(t.startswith("as of 10 Feb 2025: Phase 1, day 23 (19 left)") for t in _texts(ax))


def test_zone_is_shown_on_the_axis_and_title(gaza: ct.Agreement, ax: Axes) -> None:
    plot_timeline(gaza, as_of=None, ax=ax)
    assert "Asia/Jerusalem" in ax.get_xlabel()
    assert "Asia/Jerusalem" in ax.get_title(loc="left") and gaza.title in ax.get_title(loc="left")


def test_no_line_when_as_of_is_none(gaza: ct.Agreement, ax: Axes) -> None:
    plot_timeline(gaza, as_of=None, ax=ax)
    assert _gids(ax, "as-of") == []


def test_today_outside_the_span_is_said_not_drawn(gaza: ct.Agreement, ax: Axes) -> None:
    today = dt.datetime.now(dt.UTC).date()
    last = gaza.timeline().events[-1].date
    if today <= last + dt.timedelta(days=60):  # pragma: no cover - only before mid-2025
        pytest.skip("today falls near the Gaza timeline")
    plot_timeline(gaza, ax=ax)
    assert _gids(ax, "as-of") == []
    assert "is after the plotted span" in ax.get_title(loc="left")


def test_explicit_as_of_outside_the_span_widens_the_axis(gaza: ct.Agreement, ax: Axes) -> None:
    plot_timeline(gaza, as_of=dt.date(2025, 6, 1), ax=ax)
    assert _gids(ax, "as-of") == ["as-of"]
    assert ax.get_xlim()[1] > date2num(dt.datetime(2025, 6, 1, tzinfo=dt.UTC))


def test_as_of_must_be_a_date_or_an_aware_instant(gaza: ct.Agreement, ax: Axes) -> None:
    with pytest.raises(ct.ParseError, match="'as_of'"):
        plot_timeline(gaza, as_of="10 February", ax=ax)
    with pytest.raises(ct.TimeZoneError):
        plot_timeline(gaza, as_of=dt.datetime(2025, 2, 10, 12, 0), ax=ax)


def test_returns_the_axes_it_drew_on(gaza: ct.Agreement, ax: Axes) -> None:
    assert plot_timeline(gaza.timeline(), as_of=None, ax=ax) is ax


def test_new_figure_through_pyplot(gaza: ct.Agreement) -> None:
    import matplotlib.pyplot as plt

    drawn = plot_timeline(gaza, as_of="2025-02-10")
    try:
        assert isinstance(drawn, Axes)
        assert _gids(drawn, "phase:") and _gids(drawn, "as-of")
    finally:
        plt.close(drawn.get_figure())  # type: ignore[arg-type]


def test_png_is_written(gaza: ct.Agreement, tmp_path: Path) -> None:
    """Also leaves examples/output/timeline.png (git-ignored) to look at."""
    OUTPUT.mkdir(exist_ok=True)
    for path in (tmp_path / "t.png", OUTPUT / "timeline.png"):
        save_timeline_png(gaza, path, as_of="2025-02-10")
        data = path.read_bytes()
        assert data.startswith(PNG_MAGIC) and len(data) > 20_000


def test_plot_names_the_extra_when_matplotlib_is_missing(
    gaza: ct.Agreement, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.dates", None)
    with pytest.raises(ImportError, match=r"ceasefire-terms\[plot\]"):
        plot_timeline(gaza)
