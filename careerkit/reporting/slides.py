"""The projector's slides: the dashboard's privacy-checked results cut into screenfuls.

The orientation split, then one chart per question (drawn large, for the wall), then each
question's shown comments in pages that fit a screen. Pure reporting: no widgets here; the
projector screen (screens/projector.py) shows them one at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from careerkit.languages import _, ngettext

from .breakdown import Breakdown
from .charts import likert_chart, options_chart, orientation_chart, to_png
from .kind_charts import histogram_chart, ranking_chart
from .snapshot import Snapshot
from .tables import breakdown_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: A page of comments holds at most this many, and about this many characters in all.
COMMENTS_PER_PAGE = 6
CHARACTERS_PER_PAGE = 420


@dataclass(frozen=True)
class Section:
    """One screenful: a chart, or one page of a question's comments."""

    key: str
    title: str
    png: bytes | None = None
    texts: tuple[str, ...] = ()
    note: str = ""
    alt: str = ""  # the chart's numbers in words, as its table gives them


def _pages(texts: tuple[str, ...]) -> list[tuple[str, ...]]:
    pages: list[list[str]] = [[]]
    used = 0
    for t in texts:
        if pages[-1] and (
            len(pages[-1]) >= COMMENTS_PER_PAGE or used + len(t) > CHARACTERS_PER_PAGE
        ):
            pages.append([])
            used = 0
        pages[-1].append(t)
        used += len(t)
    return [tuple(p) for p in pages if p]


def sections(snap: Snapshot) -> list[Section]:
    """The projector's sections: the orientation split, each question's chart, then comments."""
    return chart_sections(snap) + comment_sections(snap)


def per_question(b: Breakdown) -> list[tuple[str, Breakdown]]:
    """One breakdown per row (question) of a scale chart, titled by the question.

    Every rule of careerkit.privacy works within a line, so a row keeps exactly the cells it
    showed among the others; its note counts its own hidden cells.
    """
    out = []
    for qid in b.counts.index:
        hidden = int(b.counts.loc[qid].isna().sum())
        note = (
            ngettext(
                "Privacy: groups of fewer than {threshold} people are never shown; "
                "{hidden} number hidden here.",
                "Privacy: groups of fewer than {threshold} people are never shown; "
                "{hidden} numbers hidden here.",
                hidden,
            ).format(threshold=b.threshold, hidden=hidden)
            if hidden
            else ""
        )
        one = Breakdown(
            title=b.row_labels.get(str(qid), str(qid)),
            counts=b.counts.loc[[qid]],
            totals=b.totals.loc[[qid]],
            row_labels={str(qid): ""},
            column_labels=b.column_labels,
            threshold=b.threshold,
            note=note,
        )
        out.append((str(qid), one))
    return out


def _slide(key: str, b: Breakdown, chart: Callable[[Breakdown], Figure]) -> Section:
    """One chart drawn large, with its privacy note and its numbers in words."""
    return Section(key, b.title, to_png(chart(b), dpi=150), note=b.note, alt=breakdown_text(b))


def chart_sections(snap: Snapshot) -> list[Section]:
    """The orientation split, then each question's chart, drawn large for the wall.

    Scales (one slide per question), options, rankings (places) and numbers (bins and the
    median), in that order.
    """
    out = [_slide("orientation", snap.orientation, orientation_chart)]
    out += [
        _slide(f"likert:{qid}", one, likert_chart)
        for b in snap.likert
        for qid, one in per_question(b)
    ]
    out += [_slide(f"options:{b.title}", b, options_chart) for b in snap.options]
    out += [_slide(f"ranking:{b.title}", b, ranking_chart) for b in snap.rankings]
    out += [_slide(f"number:{b.title}", b, histogram_chart) for b in snap.numbers]
    return out


def comment_sections(snap: Snapshot) -> list[Section]:
    """Each question's shown comments (hidden ones left out), in pages that fit a screen."""
    out: list[Section] = []
    c = snap.comments
    for qid, texts in c.by_question.items():
        pages = _pages(texts)
        for i, page in enumerate(pages):
            title = c.labels.get(qid, qid)
            if len(pages) > 1:
                title = _("{title} ({page} of {pages})").format(
                    title=title, page=i + 1, pages=len(pages)
                )
            out.append(Section(f"comments:{qid}:{i}", title, texts=page))
    if not out:
        out.append(
            Section("comments", _("In their own words"), note=c.note or _("No comments yet."))
        )
    return out
