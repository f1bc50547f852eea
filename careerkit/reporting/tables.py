"""Privacy-checked numbers as HTML tables, for the dashboard and the emailed report alike."""

from __future__ import annotations

import html

import pandas as pd

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
                cells.append(f'<td {attr} class="hidden" title="not shown (privacy)">{HIDDEN}</td>')
        total = b.totals.get(key)
        shown_total = f"{int(total)}" if _shown(total) else HIDDEN
        label = _e(b.row_labels.get(str(key), key))
        rows.append(
            f'<tr data-row="{_e(key)}"><th>{label}</th>{"".join(cells)}'
            f'<td data-col="total">{shown_total}</td></tr>'
        )
    return f"<table><tr><th></th>{head}<th>People</th></tr>{''.join(rows)}</table>"
