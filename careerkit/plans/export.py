"""Let both sides keep their development plan outside the app: Markdown and a printable page.

The calendar of its dates is careerkit.plans.calendar.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import unicodedata
from collections.abc import Callable
from datetime import date

from careerkit.languages import N_, _, current_language

from .editing import commitments
from .model import OWNER_LABELS, STATUS_LABELS, Action, CheckIn, Goal, Plan

# Labels are shown through _() in the language in use (the participant's).
KIND_LABELS = {"development": N_("Development"), "advancement": N_("Advancement")}
ORIENTATION_LABELS = KIND_LABELS | {
    "both": N_("Advancement and development"),
    "undecided": N_("Undecided"),
}
SIDES = ("employee", "manager")
GOAL_FIELDS = (
    ("why_employee", N_("Why it matters to the employee")),
    ("why_organization", N_("Why it matters to the organization")),
    ("measure", N_("How success is measured")),
)
NONE = "—"
_WAITING = {"employee": N_("Waiting for the employee"), "manager": N_("Waiting for the manager")}

Escape = Callable[[str], str]


def _day(value: date | None) -> str:
    return value.isoformat() if value else NONE


def _agreement(plan: Plan, esc: Escape) -> str:
    """Who confirmed the plan and when, or that nobody has yet."""
    if not plan.confirmations:
        return _("not yet confirmed")
    given = sorted(plan.confirmations, key=lambda c: SIDES.index(c.role))
    done = "; ".join(
        _("{side} {name} on {date}").format(
            side=_(OWNER_LABELS[c.role]), name=esc(c.name), date=c.at.date()
        )
        for c in given
    )
    missing = [r for r in SIDES if r not in {c.role for c in given}]
    state = _("Confirmed by both") if not missing else _(_WAITING[missing[0]])
    return f"{state} ({done})"


def _header(plan: Plan, esc: Escape) -> list[tuple[str, str]]:
    return [
        (_("Employee"), esc(plan.employee) or NONE),
        (_("Manager"), esc(plan.manager) or NONE),
        (_("Team"), esc(plan.team) or NONE),
        (_("Review date"), _day(plan.review_date)),
        (_("Orientation"), _(ORIENTATION_LABELS[plan.orientation]) if plan.orientation else NONE),
        (_("Agreement"), _agreement(plan, esc)),
    ]


def _title(plan: Plan, esc: Escape) -> str:
    if not plan.employee:
        return _("Development plan")
    return _("Development plan: {employee}").format(employee=esc(plan.employee))


def _side_title(plan: Plan, side: str, esc: Escape) -> str:
    name = plan.employee if side == "employee" else plan.manager
    return f"{_(OWNER_LABELS[side])}: {esc(name)}" if name else _(OWNER_LABELS[side])


def _detail(g: Goal, a: Action, esc: Escape) -> str:
    """The goal, due date and status that go with one commitment in the "who does what" lists."""
    together = _("; together") if a.owner == "both" else ""
    text = _("goal: {goal}; due {date}; {status}").format(
        goal=esc(g.title), date=_day(a.due), status=_(STATUS_LABELS[a.status])
    )
    return text + together


def _changes(plan: Plan, checkin: CheckIn) -> list[tuple[str, str, str]]:
    """(action title, old status, new status) for each change; a removed action keeps a marker."""
    titles = {a.id: a.title for g in plan.goals for a in g.actions}
    found = []
    for change in checkin.changes:
        title = titles.get(change.action_id, _("(action since removed)"))
        found.append((title, _(STATUS_LABELS[change.old]), _(STATUS_LABELS[change.new])))
    return found


def _checkins(plan: Plan) -> list[CheckIn]:
    return sorted(plan.checkins, key=lambda c: c.on)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_MD_LINE_START = re.compile(r"^(\d*)([-+=]|(?<=\d)[.)])")  # list items, setext underlines


def _md_lines(text: str) -> list[str]:
    """Non-blank lines with every character that could start markup backslash-escaped."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return [_MD_LINE_START.sub(r"\1\\\2", _MD_SPECIAL.sub(r"\\\1", ln)) for ln in lines]


def _md(text: str) -> str:
    """User text as inline Markdown on one line: safe in headings, list items and table cells."""
    return " ".join(_md_lines(text))


def _md_block(text: str, indent: str = "  ") -> str:
    """User text of several lines kept as hard line breaks inside one list item or paragraph."""
    return f"  \n{indent}".join(_md_lines(text))


def plan_markdown(plan: Plan) -> str:
    """The plan as a Markdown document: header, goals with their actions, who does what, check-ins."""
    title = _title(plan, _md)
    out = [f"# {title}", ""]
    out += [f"- **{label}:** {value}" for label, value in _header(plan, _md)]
    out += ["", "## " + _("Goals"), ""]
    if not plan.goals:
        out += ["_" + _("No goals yet.") + "_", ""]
    for n, goal in enumerate(plan.goals, 1):
        out += [f"### {n}. {_md(goal.title)} ({_(KIND_LABELS[goal.kind])})", ""]
        for field, label in GOAL_FIELDS:
            out.append(f"- **{_(label)}:** {_md_block(getattr(goal, field)) or NONE}")
        out += ["- **" + _("Target date") + f":** {_day(goal.target)}", ""]
        if not goal.actions:
            out += ["_" + _("No actions yet.") + "_", ""]
            continue
        heads = (_("Action"), _("Owner"), _("Due"), _("Status"))
        out += ["| " + " | ".join(heads) + " |", "| --- | --- | --- | --- |"]
        out += [
            f"| {_md(a.title)} | {_(OWNER_LABELS[a.owner])} | {_day(a.due)} | {_(STATUS_LABELS[a.status])} |"
            for a in goal.actions
        ]
        out.append("")
    out += ["## " + _("Who does what"), ""]
    for side, items in commitments(plan).items():
        out += [f"### {_side_title(plan, side, _md)}", ""]
        rows = [f"- {_md(a.title)} ({_detail(g, a, _md)})" for g, a in items]
        out += rows or ["_" + _("Nothing yet.") + "_"]
        out.append("")
    out += ["## " + _("Check-ins"), ""]
    if not plan.checkins:
        out += ["_" + _("No check-ins yet.") + "_", ""]
    for checkin in _checkins(plan):
        out += [f"### {checkin.on.isoformat()}", "", _md_block(checkin.note, ""), ""]
        changes = _changes(plan, checkin)
        out += [f"- {_md(t)}: {old} → {new}" for t, old, new in changes]
        out += [""] if changes else []
    return "\n".join(out).rstrip("\n") + "\n"


_CSS = """
@page { size: A4; margin: 16mm 15mm; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 system-ui, "Segoe UI", Helvetica, Arial, sans-serif; color: #1d2329;
  max-width: 190mm; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin: 0 0 .4em; }
h2 { font-size: 1.2em; border-bottom: 2px solid #2b5f8a; padding-bottom: .15em; margin-top: 1.6em; }
h3 { font-size: 1.05em; margin: 1em 0 .3em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; margin: 0; }
dt { font-weight: 600; } dd { margin: 0; }
.kind { font-size: .8em; font-weight: 400; color: #2b5f8a; border: 1px solid #2b5f8a;
  border-radius: 3px; padding: 0 .35em; margin-left: .4em; }
.goal dl { display: grid; grid-template-columns: 16em 1fr; gap: .15em 1em; }
.text { white-space: pre-line; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; margin: .5em 0 1em; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #c9d1d9;
  padding: .25em .4em; overflow-wrap: anywhere; }
th { background: #eef3f7; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2em; }
.side { border: 1px solid #c9d1d9; border-radius: 4px; padding: .2em .9em .6em; }
.side ul { padding-left: 1.1em; margin: .3em 0; }
.muted, small { color: #5b6570; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  .goal, .side, .checkin, tr { break-inside: avoid; }
  th { background: none; }
}
"""
_CSS_HASH = base64.b64encode(hashlib.sha256(_CSS.encode()).digest()).decode()
CSP = (
    f"default-src 'none'; script-src 'none'; style-src 'sha256-{_CSS_HASH}'; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _text(text: str, tag: str = "span") -> str:
    """User text that keeps its line breaks (CSS pre-line), escaped."""
    return f'<{tag} class="text">{_h(text)}</{tag}>' if text else NONE


def plan_html(plan: Plan) -> str:
    """The plan as one self-contained, printable HTML page; no scripts, nothing fetched."""
    title = _title(plan, str)
    out = [
        f'<!DOCTYPE html>\n<html lang="{current_language()}">\n<head>\n<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>",
        f'<header>\n<h1>{_h(title)}</h1>\n<dl class="facts">',
    ]
    out += [f"<dt>{label}</dt><dd>{value}</dd>" for label, value in _header(plan, _h)]
    out += ["</dl>\n</header>", '<section class="goals">\n<h2>' + _h(_("Goals")) + "</h2>"]
    if not plan.goals:
        out.append('<p class="muted">' + _h(_("No goals yet.")) + "</p>")
    for n, goal in enumerate(plan.goals, 1):
        out += [
            '<article class="goal">',
            f'<h3>{n}. {_h(goal.title)}<span class="kind">{_h(_(KIND_LABELS[goal.kind]))}</span></h3>',
            "<dl>",
        ]
        out += [
            f"<dt>{_h(_(lbl))}</dt><dd>{_text(getattr(goal, f))}</dd>" for f, lbl in GOAL_FIELDS
        ]
        out += ["<dt>" + _h(_("Target date")) + f"</dt><dd>{_day(goal.target)}</dd>", "</dl>"]
        if goal.actions:
            heads = "".join(f"<th>{_h(_(h))}</th>" for h in ("Action", "Owner", "Due", "Status"))
            out.append(f"<table>\n<thead><tr>{heads}</tr></thead>\n<tbody>")
            out += [
                f"<tr><td>{_h(a.title)}</td><td>{_(OWNER_LABELS[a.owner])}</td>"
                f"<td>{_day(a.due)}</td><td>{_(STATUS_LABELS[a.status])}</td></tr>"
                for a in goal.actions
            ]
            out.append("</tbody>\n</table>")
        else:
            out.append('<p class="muted">' + _h(_("No actions yet.")) + "</p>")
        out.append("</article>")
    who = _h(_("Who does what"))
    out += ["</section>", f'<section class="who">\n<h2>{who}</h2>\n<div class="columns">']
    for side, items in commitments(plan).items():
        out += [f'<section class="side side-{side}">', f"<h3>{_side_title(plan, side, _h)}</h3>"]
        rows = [f"<li>{_h(a.title)} <small>({_detail(g, a, _h)})</small></li>" for g, a in items]
        out += (
            ["<ul>", *rows, "</ul>"]
            if rows
            else ['<p class="muted">' + _h(_("Nothing yet.")) + "</p>"]
        )
        out.append("</section>")
    checkins = _h(_("Check-ins"))
    out += ["</div>\n</section>", f'<section class="checkins">\n<h2>{checkins}</h2>']
    if not plan.checkins:
        out.append('<p class="muted">' + _h(_("No check-ins yet.")) + "</p>")
    for checkin in _checkins(plan):
        out += ['<article class="checkin">', f"<h3>{checkin.on.isoformat()}</h3>"]
        out.append(_text(checkin.note, "p"))
        changes = _changes(plan, checkin)
        if changes:
            out += ["<ul>", *(f"<li>{_h(t)}: {o} → {n}</li>" for t, o, n in changes), "</ul>"]
        out.append("</article>")
    out += ["</section>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def file_name(plan: Plan, ext: str) -> str:
    """A safe download name such as development-plan-ann-smith.md: ASCII letters, digits, dashes."""
    suffix = re.sub(r"[^a-z0-9]", "", ext.lower())
    if not suffix:
        raise ValueError(f"not a file extension: {ext!r}")
    name = unicodedata.normalize("NFKD", plan.employee.replace("'", ""))
    ascii_name = name.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:60].strip("-")
    return f"development-plan-{slug}.{suffix}" if slug else f"development-plan.{suffix}"
