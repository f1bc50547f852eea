"""A workshop report a facilitator can email: one HTML file, the dashboard's numbers, nothing active.

The numbers come from `careerkit.reporting.snapshot`, the same privacy-checked computation the
dashboard shows (careerkit.reporting.figures, plans.stats, crossings.stats): groups under the threshold
are hidden, each section says what was hidden and why, and the figures cover the same stepped
releases (each workshop's first responses, in whole steps of the threshold) as the dashboard,
so a report compared with any dashboard view differs by nobody or by a whole step. The page loads nothing from outside
(charts are base64 PNGs), carries no script, and a Content-Security-Policy forbids scripts,
frames, forms and remote resources should someone add any. Every text from people, survey
files or the command line goes through `html.escape`.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from careerkit.crossings.stats import SharedCrossings
from careerkit.errors import ConfigError
from careerkit.languages import _, current_language, ngettext
from careerkit.model import Survey
from careerkit.privacy import DEFAULT_COMMENT_THRESHOLD, DEFAULT_THRESHOLD

from .breakdown import Breakdown
from .charts import likert_chart, options_chart, orientation_chart, to_png
from .kind_charts import histogram_chart, ranking_chart
from .snapshot import Snapshot, snapshot
from .tables import breakdown_table, breakdown_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from careerkit.store import Store

#: No scripts, no frames, no forms, no remote anything: only inline styles and data: images.
CSP = (
    "default-src 'none'; script-src 'none'; object-src 'none'; img-src data:; "
    "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
Chart = Callable[[Breakdown], "Figure"]
_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; }
img { max-width: 100%; height: auto; }
table { border-collapse: collapse; margin: 0.8rem 0; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; vertical-align: top; }
td { text-align: right; } th { text-align: left; background: #f4f4f4; }
td.hidden { color: #999; text-align: center; }
.privacy-note { background: #fff8e1; border-left: 4px solid #E69F00; padding: 0.4rem 0.8rem; }
.facts { color: #555; } .empty { color: #666; font-style: italic; }
section { page-break-inside: avoid; }
"""


def _e(text: object) -> str:
    """Text for an element's content or a quoted attribute: &, <, >, " and ' escaped."""
    return html.escape(str(text), quote=True)


def _privacy(text: str, threshold: int) -> str:
    """The section's privacy note; a plain reminder of the rule when nothing had to be hidden."""
    words = text or _(
        "Privacy: groups of fewer than {threshold} people are never shown; "
        "nothing in this section had to be hidden."
    ).format(threshold=threshold)
    return f'<p class="privacy-note">{_e(words)}</p>'


def _image(fig: Figure, b: Breakdown, css: str) -> str:
    data = base64.b64encode(to_png(fig)).decode("ascii")
    return (
        f'<figure><img class="{css}" alt="{_e(breakdown_text(b))}" '
        f'src="data:image/png;base64,{data}"></figure>'
    )


def _breakdown_section(b: Breakdown, chart: Chart | None, css: str) -> str:
    """Heading, chart and table when anything may be shown, then the privacy note."""
    parts = [f"<h2>{_e(b.title)}</h2>"]
    if b.anything_shown:
        if chart is not None:
            parts.append(_image(chart(b), b, css))
        parts.append(breakdown_table(b))
    else:
        empty = _(
            "Nothing to show here: the groups are too small (fewer than {threshold} people) "
            "to show without pointing to someone."
        ).format(threshold=b.threshold)
        parts.append(f'<p class="empty">{_e(empty)}</p>')
    parts.append(_privacy(b.note, b.threshold))
    return f'<section class="{css}">{"".join(parts)}</section>'


def _comments_section(snap: Snapshot) -> str:
    c = snap.comments
    parts = ["<h2>" + _e(_("In their own words")) + "</h2>"]
    for qid, texts in c.by_question.items():
        if texts:
            items = "".join(f"<li>{_e(t)}</li>" for t in texts)
            parts.append(f"<h3>{_e(c.labels.get(qid, qid))}</h3><ul>{items}</ul>")
    if len(parts) == 1:
        parts.append('<p class="empty">' + _e(_("No comments to show.")) + "</p>")
    rule = _(
        "Comments are listed in alphabetical order, and only where at least "
        "{count} people of a workshop wrote an answer."
    ).format(count=snap.comment_threshold)
    if c.hidden:
        rule += f" {c.hidden_note}"
    rule_first = _("Privacy: groups of fewer than {threshold} people are never shown.").format(
        threshold=snap.threshold
    )
    parts.append(_privacy(f"{c.note or rule_first} {rule}", snap.threshold))
    return f'<section class="comments">{"".join(parts)}</section>'


def _crossings_section(stats: SharedCrossings | None, words: str, threshold: int) -> str:
    parts = ["<h2>" + _e(_("Organization goals in the crossing brainstorms")) + "</h2>"]
    if stats is None:
        parts.append('<p class="empty">' + _e(_("No crossing statistics to show yet.")) + "</p>")
    else:
        brainstorms = _("At least {count} brainstorms.").format(count=stats.brainstorms)
        parts.append(f'<p class="facts">{_e(brainstorms)}</p>')
        drew = "".join(
            "<li>"
            + _e(_("{goal}: at least {count} brainstorm(s)").format(goal=t, count=n))
            + "</li>"
            for t, n in stats.drew
        )
        few = "".join(f"<li>{_e(t)}</li>" for t in stats.few)
        none_to_show, none = _e(_("none to show")), _e(_("none"))
        parts.append(
            "<h3>" + _e(_("Goals that drew crossings")) + "</h3>"
            f"<ul>{drew or f'<li>{none_to_show}</li>'}</ul>"
        )
        parts.append(
            "<h3>"
            + _e(_("Goals with no number to show"))
            + f"</h3><ul>{few or f'<li>{none}</li>'}</ul>"
        )
    parts.append(_privacy(words, threshold))
    return f'<section class="crossings">{"".join(parts)}</section>'


def _header(survey: Survey, snap: Snapshot) -> str:
    codes = ", ".join(snap.workshops)
    count = ngettext("{count} response", "{count} responses", snap.responses)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    release = f'<p class="privacy-note release">{_e(snap.release)}</p>' if snap.release else ""
    if snap.editions_note:
        release += f'<p class="facts editions">{_e(snap.editions_note)}</p>'
    heading = _("Workshop report: {title}").format(title=survey.title)
    which = ngettext("Workshop {codes}", "Workshops {codes}", len(snap.workshops))
    privacy = _(
        "Privacy: groups of fewer than {threshold} people are never shown, free-text comments "
        "included; numbers that would let someone work a small group out are hidden too (shown "
        "as a dash), and each section says what was hidden. This report holds no individual "
        "answers."
    ).format(threshold=snap.threshold)
    return (
        f"<header><h1>{_e(heading)}</h1>"
        f'<p class="facts">{_e(which.format(codes=codes))} &middot; '
        f'<span class="response-count">{_e(count.format(count=snap.responses))}</span> &middot; '
        + _e(_("made {when}").format(when=when))
        + "</p>"
        f'<p class="privacy-note">{_e(privacy)}</p>{release}</header>'
    )


def render(survey: Survey, snap: Snapshot) -> str:
    """The report page for numbers already computed (see `build_report`)."""
    k = snap.threshold
    sections = [_breakdown_section(snap.orientation, orientation_chart, "orientation")]
    sections += [
        _breakdown_section(b, orientation_chart, "orientation") for b in snap.other_scorings
    ]
    if snap.by_workshop is not None:
        sections.append(_breakdown_section(snap.by_workshop, None, "by-workshop"))
    sections += [_breakdown_section(b, likert_chart, "likert") for b in snap.likert]
    sections += [_breakdown_section(b, options_chart, "options") for b in snap.options]
    sections += [_breakdown_section(b, ranking_chart, "ranking") for b in snap.rankings]
    sections += [_breakdown_section(b, histogram_chart, "number") for b in snap.numbers]
    sections.append(_comments_section(snap))
    sections.append(_breakdown_section(snap.plans, None, "plans"))
    sections.append(_crossings_section(snap.crossings, snap.crossings_note, k))
    title = _("Workshop report {codes}").format(codes=", ".join(snap.workshops))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{current_language()}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head>\n"
        f"<body>{_header(survey, snap)}\n<main>{chr(10).join(sections)}</main>\n"
        + "<footer><p class='facts'>"
        + _e(_("Made with careerkit."))
        + "</p></footer></body></html>\n"
    )


def build_report(
    store: Store,
    survey: Survey,
    workshops: Sequence[str],
    threshold: int = DEFAULT_THRESHOLD,
    comment_threshold: int = DEFAULT_COMMENT_THRESHOLD,
) -> str:
    """A self-contained HTML report on the workshops, under the dashboard's privacy rules.

    Comments the facilitator hid on the dashboard are left out, and the report says how many.
    """
    asked = [workshops] if isinstance(workshops, str) else list(workshops)
    chosen = [w for w in dict.fromkeys(asked) if w]
    if not chosen:
        raise ConfigError("Name at least one workshop for the report (--workshop CODE).")
    return render(survey, snapshot(store, survey, chosen, threshold, comment_threshold))
