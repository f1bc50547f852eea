"""A development plan's dates as an .ics calendar: due actions, check-ins and the review."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from careerkit.languages import _

from .model import OWNER_LABELS, STATUS_LABELS, Plan


def _uid_key(code: str) -> str:
    """A stand-in for the plan code in UIDs: stable, but the code cannot be read back from it."""
    return hashlib.sha256(b"careerkit-plan-uid\x00" + code.encode()).hexdigest()[:32]


def _event(uid: str, day: date, summary: str, description: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))  # all-day: the end date is exclusive
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    if description:
        event.add("description", description)
    return event


def plan_ics(plan: Plan, stamp: datetime | None = None) -> bytes:
    """All-day calendar events for every dated action, every check-in and the review date."""
    now = (stamp or datetime.now(UTC)).astimezone(UTC)
    key = _uid_key(plan.code)
    whose = f" ({plan.employee})" if plan.employee else ""
    cal = Calendar()
    cal.add("prodid", "-//careerkit//Development plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("Development plan") + whose)
    for goal in plan.goals:
        for a in goal.actions:
            if a.due is None:
                continue
            summary = f"{_(OWNER_LABELS[a.owner])}: {a.title}"
            info = _("Goal: {goal}\nStatus: {status}").format(
                goal=goal.title, status=_(STATUS_LABELS[a.status])
            )
            event = _event(f"action-{a.id}.{key}@careerkit", a.due, summary, info, now)
            if a.status == "dropped":
                event.add("status", "CANCELLED")
            cal.add_component(event)
    for c in plan.checkins:
        uid = f"checkin-{c.id}.{key}@careerkit"
        summary = _("Development plan check-in") + whose
        cal.add_component(_event(uid, c.on, summary, c.note, now))
    if plan.review_date:
        uid = f"review.{key}@careerkit"
        summary = _("Development plan review") + whose
        cal.add_component(_event(uid, plan.review_date, summary, "", now))
    return bytes(cal.to_ical())
