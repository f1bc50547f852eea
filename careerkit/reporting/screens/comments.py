"""The facilitator's list of comments, each with a control that keeps it off the shared views."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from careerkit.languages import _
from careerkit.ui.text import escaped

from ..comments import Comment, Comments

#: Called with (question id, comment, hide?) when the facilitator presses a comment's control.
OnToggle = Callable[[str, Comment, bool], None]


def _row(qid: str, entry: Comment, on_toggle: OnToggle) -> widgets.HBox:
    look = " style='color:#595959'" if entry.hidden else ""
    hidden = _("hidden from the room")
    text = widgets.HTML(
        f"<span class='careerkit-comment-text'{look}>{escaped(entry.text)}</span>"
        + (f" <em>({escaped(hidden)})</em>" if entry.hidden else ""),
        layout=widgets.Layout(flex="1 1 auto"),
    )
    button = widgets.Button(
        description=_("Show again") if entry.hidden else _("Hide"),
        tooltip=(
            _("List this comment again in the projector view and the report")
            if entry.hidden
            else _("Keep this comment off the projector view and the report")
        ),
        icon="eye" if entry.hidden else "eye-slash",
        layout=widgets.Layout(width="auto", flex="0 0 auto"),
    )
    button.add_class("careerkit-comment-toggle")
    button.on_click(lambda _b: on_toggle(qid, entry, not entry.hidden))
    row = widgets.HBox([text, button], layout=widgets.Layout(align_items="center"))
    row.add_class("careerkit-comment")
    if entry.hidden:
        row.add_class("careerkit-comment-hidden")
    return row


class CommentList(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """Every listed comment with Hide / Show again; hidden ones stay here, marked."""

    def __init__(self, on_toggle: OnToggle) -> None:
        super().__init__()
        self._on_toggle = on_toggle
        self.add_class("careerkit-comments")

    def show(self, c: Comments) -> None:
        children: list[widgets.Widget] = []
        for qid, entries in c.entries.items():
            if entries:
                children.append(widgets.HTML(f"<h2>{escaped(c.labels.get(qid, qid))}</h2>"))
                children += [_row(qid, e, self._on_toggle) for e in entries]
        words = " ".join(w for w in (c.note, c.hidden_note) if w)
        if words:
            children.append(widgets.HTML(f"<p class='careerkit-privacy-note'>{escaped(words)}</p>"))
        self.children = children

    @property
    def text(self) -> str:
        """Everything the list says, as markup (for tests and notebooks that print it)."""
        parts = []
        for child in self.children:
            for w in child.children if isinstance(child, widgets.HBox) else [child]:
                parts.append(w.value if isinstance(w, widgets.HTML) else w.description)
        return "".join(parts)
