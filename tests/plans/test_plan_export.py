"""Development plan exports: Markdown, printable HTML, calendar file and download names."""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar

from careerkit.plans import editing as planning
from careerkit.plans.calendar import plan_ics
from careerkit.plans.export import file_name, plan_html, plan_markdown
from careerkit.plans.model import Plan

HOSTILE = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def _plan(text: str = "") -> Plan:
    """Two goals with actions for each side and both, a check-in and both confirmations."""
    plan = Plan(
        code=planning.new_plan_code(),
        employee=f"Ann Smith{text}",
        manager=f"Bob Jones{text}",
        team=f"Data team{text}",
        review_date=date(2025, 9, 30),
        orientation="advancement",
    )
    plan = planning.add_goal(
        plan,
        f"Lead a project{text}",
        kind="advancement",
        why_employee=f"I want to grow{text}",
        why_organization=f"We need leads{text}",
        measure=f"One project shipped{text}",
        target=date(2025, 12, 31),
    )
    lead = plan.goals[0].id
    plan = planning.add_action(plan, lead, f"Pick a project{text}", "employee", date(2025, 5, 1))
    plan = planning.add_action(plan, lead, f"Find a sponsor{text}", "manager", date(2025, 6, 1))
    plan = planning.add_action(plan, lead, f"Plan the kickoff{text}", "both", date(2025, 7, 1))
    plan = planning.add_goal(plan, f"Learn SQL{text}", kind="development")
    sql = plan.goals[1].id
    plan = planning.add_action(plan, sql, f"Take the course{text}", "employee")
    plan = planning.add_action(plan, sql, f"Approve the budget{text}", "manager", date(2025, 4, 15))
    plan = planning.confirm(
        plan, "employee", f"Ann Smith{text}", datetime(2025, 3, 3, 9, tzinfo=UTC)
    )
    plan = planning.confirm(
        plan, "manager", f"Bob Jones{text}", datetime(2025, 3, 4, 9, tzinfo=UTC)
    )
    first = plan.goals[0].actions[0].id
    return planning.add_checkin(plan, date(2025, 4, 2), f"Good start{text}", {first: "in_progress"})


def _section(text: str, start: str, end: str) -> str:
    """The part of a document between two markers."""
    return text.split(start, 1)[1].split(end, 1)[0]


def test_markdown_holds_every_goal_action_and_checkin() -> None:
    """The Markdown names every goal with its fields, every action row and the check-in."""
    plan = _plan()
    md = plan_markdown(plan)
    for goal in plan.goals:
        assert f". {goal.title} (" in md
        for action in goal.actions:
            assert re.search(rf"^\| {action.title} \| \w+ \| [-\d—]+ \| [\w ]+ \|$", md, re.M)
    for text in ("I want to grow", "We need leads", "One project shipped", "2025-12-31"):
        assert text in md
    assert "### 2025-04-02\n\nGood start\n\n- Pick a project: Not started → In progress" in md
    assert "| Pick a project | Employee | 2025-05-01 | In progress |" in md
    assert "| Take the course | Employee | — | Not started |" in md


def test_markdown_header_shows_people_dates_and_agreement() -> None:
    """The header names both people, the team, review date, orientation and who confirmed when."""
    md = plan_markdown(_plan())
    assert md.startswith("# Development plan: Ann Smith\n")
    for line in (
        "- **Employee:** Ann Smith",
        "- **Manager:** Bob Jones",
        "- **Team:** Data team",
        "- **Review date:** 2025-09-30",
        "- **Orientation:** Advancement",
        "- **Agreement:** Confirmed by both (Employee Ann Smith on 2025-03-03; "
        "Manager Bob Jones on 2025-03-04)",
    ):
        assert line + "\n" in md
    bare = Plan(code=planning.new_plan_code())
    assert "- **Agreement:** not yet confirmed" in plan_markdown(bare)


def test_markdown_lists_each_sides_commitments() -> None:
    """ "Who does what" lists each side's own actions and the shared ones on both sides."""
    md = plan_markdown(_plan())
    employee = _section(md, "### Employee: Ann Smith", "### Manager")
    manager = _section(md, "### Manager: Bob Jones", "## Check-ins")
    mine = re.findall(r"^- (.+?) \(goal:", employee, re.M)
    theirs = re.findall(r"^- (.+?) \(goal:", manager, re.M)
    assert mine == ["Pick a project", "Plan the kickoff", "Take the course"]
    assert theirs == ["Find a sponsor", "Plan the kickoff", "Approve the budget"]
    assert (
        "Plan the kickoff (goal: Lead a project; due 2025-07-01; Not started; together)" in manager
    )


def test_markdown_pipe_in_a_title_keeps_the_table_row_whole() -> None:
    """A `|` in an action title is escaped, so the row keeps exactly four cells."""
    plan = _plan()
    plan = planning.add_action(plan, plan.goals[0].id, "Read A | B | C", "both", date(2025, 8, 1))
    row = next(ln for ln in plan_markdown(plan).splitlines() if ln.startswith("| Read A"))
    assert row == r"| Read A \| B \| C | Both | 2025-08-01 | Not started |"
    assert len(re.findall(r"(?<!\\)\|", row)) == 5


def test_markdown_newlines_and_markup_in_user_text_stay_text() -> None:
    """Line breaks and Markdown syntax typed by users cannot start headings, lists or HTML."""
    plan = _plan()
    plan = planning.update_goal(plan, plan.goals[0].id, title="Grow\n# Not a heading")
    plan = planning.add_checkin(plan, date(2025, 5, 5), "Line one\n- not a list\n1. nor this\n---")
    md = plan_markdown(plan)
    assert not re.search(r"^\s*# Not", md, re.M)
    assert "### 1. Grow \\# Not a heading (Advancement)" in md
    assert "Line one  \n\\- not a list  \n1\\. nor this  \n\\---\n" in md
    hostile = planning.update_header(plan, team=HOSTILE)
    assert "**Team:** \\<script\\>alert(1)\\</script\\>" in plan_markdown(hostile)
    assert plan.code not in md


def test_markdown_survives_a_checkin_about_a_removed_action() -> None:
    """A check-in whose action was removed later still lists its change, marked as removed."""
    plan = _plan()
    plan = planning.remove_action(plan, plan.goals[0].actions[0].id)
    md = plan_markdown(plan)
    assert "- (action since removed): Not started → In progress" in md
    assert "(action since removed): Not started → In progress" in plan_html(plan)


def test_html_escapes_hostile_text_in_every_user_field() -> None:
    """Names, team, goal fields, action titles, confirmations and notes all show as text."""
    page = plan_html(_plan(" " + HOSTILE))
    assert "<script" not in page.lower()
    fields = [
        "Ann Smith",
        "Bob Jones",
        "Data team",
        "Lead a project",
        "I want to grow",
        "We need leads",
        "One project shipped",
        "Pick a project",
        "Find a sponsor",
        "Plan the kickoff",
        "Take the course",
        "Approve the budget",
        "Learn SQL",
        "Good start",
    ]
    for field in fields:
        assert f"{field} {ESCAPED}" in page, field
    assert f"<title>Development plan: Ann Smith {ESCAPED}</title>" in page


def test_html_escapes_quotes_and_ampersands() -> None:
    """Quotes and ampersands are escaped too, so text can never close an attribute or entity."""
    plan = planning.update_header(_plan(), team='R&D "core" <team>')
    assert "R&amp;D &quot;core&quot; &lt;team&gt;" in plan_html(plan)


def test_html_is_self_contained_printable_and_script_free() -> None:
    """The page has a charset, a CSP forbidding scripts, print styles and nothing to fetch."""
    plan = _plan()
    page = plan_html(plan)
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert csp
    assert "default-src 'none'" in csp.group(1)
    assert "script-src 'none'" in csp.group(1)
    assert "@media print" in page
    assert "size: A4" in page
    for forbidden in ("<script", "http://", "https://", "src=", "href=", "url(", "@import", "//"):
        assert forbidden not in page.lower().replace("http-equiv", ""), forbidden
    assert plan.code not in page


def test_html_csp_allows_exactly_its_own_style_block() -> None:
    """The CSP names the hash of the page's one inline style, so the styles apply and nothing else."""
    page = plan_html(_plan())
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in page
    assert "style=" not in page


def test_html_shows_commitments_in_two_columns() -> None:
    """ "Who does what" has an employee column and a manager column, each with its own actions."""
    page = plan_html(_plan())
    columns = _section(page, '<div class="columns">', "</div>")
    assert columns.count('<section class="side side-') == 2
    employee = _section(columns, '<section class="side side-employee">', "</section>")
    manager = _section(columns, '<section class="side side-manager">', "</section>")
    assert "<h3>Employee: Ann Smith</h3>" in employee
    assert "<h3>Manager: Bob Jones</h3>" in manager
    assert columns.index("side-employee") < columns.index("side-manager")
    for title in ("Pick a project", "Take the course", "Plan the kickoff"):
        assert f"<li>{title} " in employee
    for title in ("Find a sponsor", "Approve the budget", "Plan the kickoff"):
        assert f"<li>{title} " in manager
    assert "Find a sponsor" not in employee
    assert "Pick a project" not in manager
    assert "grid-template-columns: 1fr 1fr" in page


def _events(data: bytes) -> dict[str, dict[str, object]]:
    cal = Calendar.from_ical(data)
    return {
        str(e["SUMMARY"]): {
            "start": e["DTSTART"].dt,
            "end": e["DTEND"].dt,
            "uid": str(e["UID"]),
            "description": str(e.get("DESCRIPTION", "")),
            "stamp": e["DTSTAMP"].dt,
        }
        for e in cal.walk("VEVENT")
    }


def test_ics_holds_exactly_the_expected_all_day_events() -> None:
    """One all-day event per dated action, per check-in and for the review date; none for undated."""
    data = plan_ics(_plan(), stamp=datetime(2025, 3, 5, 12, tzinfo=UTC))
    cal = Calendar.from_ical(data)
    assert str(cal["VERSION"]) == "2.0"
    assert "careerkit" in str(cal["PRODID"])
    events = _events(data)
    assert {k: v["start"] for k, v in events.items()} == {
        "Employee: Pick a project": date(2025, 5, 1),
        "Manager: Find a sponsor": date(2025, 6, 1),
        "Both: Plan the kickoff": date(2025, 7, 1),
        "Manager: Approve the budget": date(2025, 4, 15),
        "Development plan check-in (Ann Smith)": date(2025, 4, 2),
        "Development plan review (Ann Smith)": date(2025, 9, 30),
    }
    assert len(cal.walk("VEVENT")) == 6
    for event in events.values():
        start, end = event["start"], event["end"]
        assert type(start) is date and type(end) is date
        assert (end - start).days == 1
        assert event["stamp"] == datetime(2025, 3, 5, 12, tzinfo=UTC)
    assert b"DTSTART;VALUE=DATE:20250501" in data
    assert events["Employee: Pick a project"]["description"] == (
        "Goal: Lead a project\nStatus: In progress"
    )
    assert events["Development plan check-in (Ann Smith)"]["description"] == "Good start"


def test_ics_uids_are_unique_stable_and_hide_the_plan_code() -> None:
    """UIDs stay the same across exports, differ per item and per plan, and never show the code."""
    plan = _plan()
    first = _events(plan_ics(plan, stamp=datetime(2025, 3, 5, tzinfo=UTC)))
    again = _events(plan_ics(plan, stamp=datetime(2025, 6, 7, tzinfo=UTC)))
    uids = [e["uid"] for e in first.values()]
    assert len(set(uids)) == len(uids) == 6
    assert uids == [e["uid"] for e in again.values()]
    assert all(str(u).endswith("@careerkit") for u in uids)
    other = Plan.model_validate({**plan.model_dump(), "code": planning.new_plan_code()})
    assert not set(uids) & {e["uid"] for e in _events(plan_ics(other)).values()}
    data = plan_ics(plan)
    unfolded = data.replace(b"\r\n ", b"")
    assert plan.code.encode() not in unfolded
    assert plan.code[:12].encode() not in unfolded


def test_ics_keeps_hostile_text_as_plain_values() -> None:
    """Line breaks and semicolons in titles stay inside their event and round-trip unchanged."""
    plan = _plan()
    title = "Break\nEND:VEVENT; BEGIN:VEVENT, x"
    plan = planning.update_action(plan, plan.goals[0].actions[0].id, title=title)
    cal = Calendar.from_ical(plan_ics(plan))
    assert len(cal.walk("VEVENT")) == 6
    assert f"Employee: {title}" in [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]


def test_ics_marks_dropped_actions_cancelled() -> None:
    """A dropped action stays in the calendar as a cancelled event, so imported copies update."""
    plan = _plan()
    plan = planning.update_action(plan, plan.goals[1].actions[1].id, status="dropped")
    cal = Calendar.from_ical(plan_ics(plan))
    status = {str(e["SUMMARY"]): str(e.get("STATUS", "")) for e in cal.walk("VEVENT")}
    assert status["Manager: Approve the budget"] == "CANCELLED"
    assert status["Employee: Pick a project"] == ""


@pytest.mark.parametrize(
    ("name", "ext", "expected"),
    [
        ("Ann Smith", "md", "development-plan-ann-smith.md"),
        ("Zoë O'Brien / <x>", ".html", "development-plan-zoe-obrien-x.html"),
        ("../../etc/passwd", "ics", "development-plan-etc-passwd.ics"),
        ("李雷", "md", "development-plan.md"),
        ("", "ics", "development-plan.ics"),
    ],
)
def test_file_name_is_an_ascii_slug(name: str, ext: str, expected: str) -> None:
    """Download names are lower-case ASCII letters, digits and dashes, whatever the name holds."""
    plan = Plan(code=planning.new_plan_code(), employee=name)
    assert file_name(plan, ext) == expected
    assert re.fullmatch(r"[a-z0-9-]+\.[a-z0-9]+", expected)


def test_file_name_stays_short_and_rejects_an_empty_extension() -> None:
    """A very long name is cut to a short slug, and an extension without letters is refused."""
    plan = Plan(code=planning.new_plan_code(), employee="Ann " * 30)
    name = file_name(plan, "md")
    assert len(name) <= len("development-plan-.md") + 60
    assert not name.removesuffix(".md").endswith("-")
    with pytest.raises(ValueError, match="extension"):
        file_name(plan, "../")
