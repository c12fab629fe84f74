"""Reading a library-made record's values as the datasets code them."""

from __future__ import annotations

import datetime as dt

from ..model.agreement import Agreement
from ..model.when import Moment, PartialDate, get_zone

__all__ = ["moment_date", "split"]


def moment_date(a: Agreement, m: Moment | None) -> PartialDate | None:
    """The local date (in the agreement's zone) of a moment, at its own precision."""
    if m is None:
        return None
    if m.at is not None:
        local = m.at.astimezone(get_zone(a.zone)).date()
        return PartialDate(year=local.year, month=local.month, day=local.day)
    assert m.date is not None
    if m.time is not None and m.zone is not None and m.zone != a.zone:
        from ..dates.arithmetic import localize
        from ..model.conventions import DstPolicy

        local_dt = localize(
            dt.datetime.combine(m.date.to_date(), m.time), get_zone(m.zone), DstPolicy.EARLIER
        ).astimezone(get_zone(a.zone))
        return PartialDate(year=local_dt.year, month=local_dt.month, day=local_dt.day)
    return m.date


def split(p: PartialDate | None) -> tuple[str, str, str]:
    """A partial date as year/month/day cells with -1 for each unknown part."""
    if p is None:
        return ("-1", "-1", "-1")
    return (
        str(p.year),
        "-1" if p.month is None else str(p.month),
        "-1" if p.day is None else str(p.day),
    )
