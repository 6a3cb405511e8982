"""The feedback deadline rules: days left and whether a consultation is overdue or due soon."""
from __future__ import annotations

import datetime as dt

from commenting.model import Consultation

#: a deadline this close (days) is flagged as due soon
SOON_DAYS = 3

#: statuses of a consultation that has been answered (never overdue)
ANSWERED = ("已反馈", "无意见")


def _parse_date(s: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s.strip()[:10]) if s and s.strip() else None
    except ValueError:
        return None


def days_left(c: Consultation, today: dt.date | None = None) -> int | None:
    """Days from ``today`` to the feedback deadline.

    Args:
        c: the consultation (its ``deadline`` is YYYY-MM-DD or empty).
        today: the reference day (default: today).

    Returns:
        The number of days, negative when the deadline is past; None without a (valid) deadline.
    """
    d = _parse_date(c.deadline)
    if d is None:
        return None
    return (d - (today or dt.date.today())).days


def deadline_state(c: Consultation, today: dt.date | None = None) -> str:
    """``"overdue"`` | ``"soon"`` (within :data:`SOON_DAYS` days) | ``"ok"``.

    Answered consultations (已反馈, 无意见) and those without a deadline are always ``"ok"``.
    """
    if c.status in ANSWERED:
        return "ok"
    n = days_left(c, today)
    if n is None:
        return "ok"
    if n < 0:
        return "overdue"
    if n <= SOON_DAYS:
        return "soon"
    return "ok"
