"""Privacy-checked numbers as HTML tables, for the dashboard and the emailed report alike."""

from __future__ import annotations

import html

import pandas as pd

from careerkit.languages import _, ngettext

from .breakdown import Breakdown

HIDDEN = "\u2013"  # an en dash marks a number not shown for privacy


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _shown(value: object) -> bool:
    return value is not None and not pd.isna(value)


def breakdown_table(b: Breakdown) -> str:
    """A breakdown as a table: hidden numbers show as a dash, every label escaped."""
    head = "".join(f"<th>{_e(b.column_labels.get(str(c), c))}</th>" for c in b.counts.columns)
    rows = []
    for key, row in b.counts.iterrows():
        cells = []
        for col, value in row.items():
            attr = f'data-col="{_e(col)}"'
            if _shown(value):
                cells.append(f"<td {attr}>{int(value)}</td>")
            else:
                hidden = html.escape(_("not shown (privacy)"), quote=True)
                cells.append(f'<td {attr} class="hidden" title="{hidden}">{HIDDEN}</td>')
        total = b.totals.get(key)
        shown_total = f"{int(total)}" if _shown(total) else HIDDEN
        label = _e(b.row_labels.get(str(key), key))
        rows.append(
            f'<tr data-row="{_e(key)}"><th>{label}</th>{"".join(cells)}'
            f'<td data-col="total">{shown_total}</td></tr>'
        )
    people = _e(_("People"))
    table = f"<table><tr><th></th>{head}<th>{people}</th></tr>{''.join(rows)}</table>"
    # A wide table scrolls in its own box (reachable by keyboard), never the whole page.
    return (
        f'<div class="careerkit-table-scroll" role="region" tabindex="0" '
        f'aria-label="{_e(b.title)}: table" style="overflow-x:auto;max-width:100%">{table}</div>'
    )


def breakdown_text(b: Breakdown) -> str:
    """The breakdown's numbers in words, the same cells as its table: a chart's text alternative.

    `Chart: Orientation. Advancement: 3 people; Development: not shown (privacy); 12 people in all.`
    """
    label = b.column_labels
    rows = []
    for key, row in b.counts.iterrows():
        cells = [f"{label.get(str(col), col)}: {_count(value)}" for col, value in row.items()]
        total = b.totals.get(key)
        people = _count(total) if _shown(total) else _("number of people not shown")
        name = b.row_labels.get(str(key), str(key))
        rows.append(f"{name}: {', '.join(cells)} ({people})")
    if not b.anything_shown:
        rows = [
            _("nothing shown: the groups are smaller than {threshold} people").format(
                threshold=b.threshold
            )
        ]
    return _("Chart: {title}.").format(title=b.title) + " " + "; ".join(rows) + "."


def _count(value: object) -> str:
    if not _shown(value):
        return _("not shown (privacy)")
    n = int(value)  # type: ignore[call-overload]  # a shown cell of an Int64 frame
    return ngettext("{count} person", "{count} people", n).format(count=n)
