"""Parts of the crossings board: the two item columns, proposal rows, accepted crossing cards."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from careerkit.languages import N_, _, decimal
from careerkit.ui.text import markup, para

from ..matching import SIMILARITY_WEIGHT, TAG_POINTS, Candidate
from ..model import EMPLOYEE_KIND_LABELS, ORG_KIND_LABELS, RATINGS, Brainstorm, Crossing

Pair = tuple[str, str]
SHOWN_PROPOSALS = 8
# Shown through _() where they are shown.
INTRO = N_(
    "The organization develops people to reach its goals; people develop themselves to reach "
    "their own. Where the two meet, one effort serves both: that is a creative crossing. List "
    "what the organization is after on the left and what the employee is after on the right - "
    "at work and outside it - then look at the proposed crossings together."
)
SCORE_HELP = N_(
    "Score (0-100): {tag_points} points per shared tag, plus {weight} times the "
    "share of similar words in the two texts. The reason says what they share."
)
_ICON = widgets.Layout(width="3em")
_RATING_NAMES = {
    "efficiency": N_("Efficiency"),
    "energy": N_("Energy"),
    "engagement": N_("Engagement"),
}
RATING_HELP = N_(
    "Rate 1 to 5 - efficiency: one effort serves both sides; energy: how much it motivates the "
    "employee; engagement: how much it ties the employee to the work."
)


def _button(description: str, css: str, **kw: Any) -> widgets.Button:
    b = widgets.Button(description=description, **kw)
    b.add_class(css)
    return b


class SideColumn(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """One side's items (kind, text, tags) with remove buttons, and a row to add another."""

    def __init__(
        self,
        side: str,
        kinds: dict[str, str],
        on_add: Callable[[str, str, str], None],
        on_remove: Callable[[str], object],
        on_edit: Callable[[str, str, str, str], bool],
    ) -> None:
        self.side, self.kinds, self.on_remove, self.on_edit = side, kinds, on_remove, on_edit
        self.editing: str | None = None  # the id of the item open for editing
        self.edit_text = widgets.Text(layout=widgets.Layout(width="100%"))
        self.edit_kind = widgets.Dropdown(
            options=[(_(label), key) for key, label in kinds.items()],
            description=_("Kind"),  # the select's name for assistive technology, shown beside it
            style={"description_width": "initial"},
            layout=widgets.Layout(width="14em"),
        )
        self.edit_tags = widgets.Text(placeholder=_("tags, separated by commas"))
        self.save_edit = _button(_("Save"), f"careerkit-save-{side}-item", icon="check")
        self.cancel_edit = _button(_("Cancel"), f"careerkit-cancel-{side}-item")
        self.save_edit.on_click(lambda _b: self._save())
        self.cancel_edit.on_click(lambda _b: self._close_editor())
        self._heading, self._items = "", ()
        self.heading = para("", "heading")
        self.rows = widgets.VBox()
        self.new_text = widgets.Text(placeholder=_("Add an item, in a few words"))
        self.new_kind = widgets.Dropdown(
            options=[(_(label), key) for key, label in kinds.items()],
            description=_("Kind"),  # the select's name for assistive technology, shown beside it
            style={"description_width": "initial"},
            layout=widgets.Layout(width="14em"),
        )
        self.new_tags = widgets.Text(placeholder=_("tags, separated by commas"))
        self.add = _button(_("Add"), f"careerkit-add-{side}", icon="plus")
        self.new_text.add_class(f"careerkit-new-{side}-text")
        self.new_tags.add_class(f"careerkit-new-{side}-tags")
        self.add.on_click(
            lambda _b: on_add(self.new_text.value, self.new_kind.value, self.new_tags.value)
        )
        super().__init__(
            [
                self.heading,
                self.rows,
                widgets.HBox(
                    [self.new_text, self.new_kind], layout=widgets.Layout(flex_flow="row wrap")
                ),
                widgets.HBox(
                    [self.new_tags, self.add], layout=widgets.Layout(flex_flow="row wrap")
                ),
            ],
            layout=widgets.Layout(flex="1 1 24em", margin="0 1em 0 0"),
        )
        self.add_class(f"careerkit-side-{side}")

    def show(self, heading: str, items: tuple[Any, ...]) -> None:
        self.heading.value = markup(heading, "heading")
        self._heading, self._items = heading, items
        if self.editing not in {item.id for item in items}:
            self.editing = None  # removed meanwhile (another tab): nothing left to edit
        self.rows.children = [
            self._editor() if item.id == self.editing else self._row(item) for item in items
        ]

    def _row(self, item: Any) -> widgets.HBox:
        edit = widgets.Button(icon="pencil", tooltip=_("Edit this item"), layout=_ICON)
        edit.add_class(f"careerkit-edit-{self.side}-item")
        edit.on_click(lambda _b, i=item: self._open_editor(i))
        remove = widgets.Button(icon="trash", tooltip=_("Remove this item"), layout=_ICON)
        remove.add_class(f"careerkit-remove-{self.side}-item")
        remove.on_click(lambda _b, i=item.id: self.on_remove(i))
        text = para(f"{_(self.kinds[item.kind])}: {item.text}", "body")
        tags = _("tags: {tags}").format(tags=_tags(item)) if item.tags else _("no tags")
        hint = para(tags, "hint")
        row = widgets.HBox(
            [widgets.VBox([text, hint], layout=widgets.Layout(flex="1")), edit, remove]
        )
        row.add_class(f"careerkit-{self.side}-item")
        return row

    def _editor(self) -> widgets.VBox:
        """The editing widgets, filled by `_open_editor`, in place of the item's row."""
        box = widgets.VBox(
            [
                self.edit_text,
                widgets.HBox(
                    [self.edit_kind, self.edit_tags, self.save_edit, self.cancel_edit],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
            ],
            layout=widgets.Layout(border="1px solid #99c", padding="0.3em", margin="0 0 0.3em 0"),
        )
        box.add_class(f"careerkit-{self.side}-item-editor")
        return box

    def _open_editor(self, item: Any) -> None:
        """Open one item for editing (only one at a time), filled with what it says now."""
        self.editing = item.id
        self.edit_text.value, self.edit_kind.value = item.text, item.kind
        self.edit_tags.value = _tags(item)
        self.show(self._heading, self._items)

    def _close_editor(self) -> None:
        self.editing = None
        self.show(self._heading, self._items)

    def _save(self) -> None:
        """Save the edit; on a problem the editor stays open with what was typed."""
        item_id = self.editing
        if item_id is None:
            return
        self.editing = None
        if not self.on_edit(
            item_id, self.edit_text.value, self.edit_kind.value, self.edit_tags.value
        ):
            self.editing = item_id

    def clear_new(self) -> None:
        self.new_text.value = ""
        self.new_tags.value = ""


class ProposalRow(widgets.HBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """A proposed crossing: its score and reason, with Accept and Reject."""

    def __init__(self, c: Candidate, decide: Callable[[str, Pair], None]) -> None:
        self.pair = c.pair
        score = para(f"{c.score:.0f}", "heading")
        score.layout.width = "3em"
        texts = widgets.VBox(
            [
                para(f"{_(ORG_KIND_LABELS[c.org_item.kind])}: {c.org_item.text}", "body"),
                para(
                    f"{_(EMPLOYEE_KIND_LABELS[c.employee_item.kind])}: {c.employee_item.text}",
                    "body",
                ),
                para(_("Why: {reason}").format(reason=c.reason), "hint"),
            ],
            layout=widgets.Layout(flex="1"),
        )
        self.accept = _button(_("Accept"), "careerkit-accept", icon="check", button_style="success")
        self.reject = _button(_("Reject"), "careerkit-reject", icon="times")
        self.accept.on_click(lambda _b: decide("accept", self.pair))
        self.reject.on_click(lambda _b: decide("reject", self.pair))
        super().__init__(
            [score, texts, widgets.VBox([self.accept, self.reject])],
            layout=widgets.Layout(border="1px solid #ddd", padding="0.3em", margin="0 0 0.4em 0"),
        )
        self.add_class("careerkit-proposal")


class ProposalList(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """The best undecided proposals, a few at a time, with a note on how many wait below."""

    def __init__(self, decide: Callable[[str, Pair], None]) -> None:
        self.decide = decide
        self.rows = widgets.VBox()
        self.more = para("", "hint")
        heading = para(_("Proposed crossings"), "heading")
        score_help = _(SCORE_HELP).format(
            tag_points=decimal(TAG_POINTS, None), weight=decimal(SIMILARITY_WEIGHT, None)
        )
        super().__init__([heading, para(score_help, "hint"), self.rows, self.more])

    def show(self, waiting: list[Candidate]) -> None:
        self.rows.children = [ProposalRow(c, self.decide) for c in waiting[:SHOWN_PROPOSALS]]
        hidden = len(waiting) - SHOWN_PROPOSALS
        if hidden > 0:
            note = _("{count} more below these; accept or reject to see them.").format(count=hidden)
        else:
            none = _("No proposals right now: add items or tags on either side.")
            note = "" if waiting else none
        self.more.value = markup(note, "hint")


class CrossingCard(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """An accepted crossing: what meets what and why, ratings 1-5, send to plan, undo."""

    def __init__(
        self,
        b: Brainstorm,
        c: Crossing,
        on_rate: Callable[[Pair, str, int | None], None],
        on_action: Callable[[str, Pair], None],
    ) -> None:
        self.pair = c.pair
        org, emp = b.org.item(c.org_item), b.employee_item(c.employee_item)
        proposed = _("proposed, score {score}").format(score=f"{c.score:.0f}")
        origin = _("our own pairing") if c.origin == "own" else proposed
        self.ratings: dict[str, widgets.ToggleButtons] = {}
        rows = []
        for name in RATINGS:
            toggle = widgets.ToggleButtons(
                options=[(str(i), i) for i in range(1, 6)],
                value=getattr(c, name),
                tooltips=[_("{point} of {points}").format(point=i, points=5) for i in range(1, 6)],
                style={"button_width": "2.5em"},
            )
            toggle.add_class(f"careerkit-rate-{name}")
            toggle.add_class("careerkit-likert")  # a radio group named by its label (a11y.js)
            toggle.observe(lambda ch, n=name: on_rate(self.pair, n, ch["new"]), names="value")
            self.ratings[name] = toggle
            label = para(_(_RATING_NAMES[name]), "body")
            label.layout.width = "7em"
            rows.append(widgets.HBox([label, toggle]))
        self.send = _button(_("Send to plan"), "careerkit-send-to-plan", icon="share")
        self.undo = _button(
            _("Undo"), "careerkit-undo", icon="undo", tooltip=_("Take back this decision")
        )
        self.send.on_click(lambda _b: on_action("send", self.pair))
        self.undo.on_click(lambda _b: on_action("withdraw", self.pair))
        sent = _("In plan {code}…").format(code=c.sent_to_plan[:6]) if c.sent_to_plan else ""
        super().__init__(
            [
                para(f"{_(ORG_KIND_LABELS[org.kind])}: {org.text}", "body"),
                para(f"{_(EMPLOYEE_KIND_LABELS[emp.kind])}: {emp.text}", "body"),
                para(_("Why: {reason} ({origin})").format(reason=c.reason, origin=origin), "hint"),
                *rows,
                widgets.HBox([self.send, self.undo, para(sent, "ok")]),
            ],
            layout=widgets.Layout(border="1px solid #9c9", padding="0.4em", margin="0 0 0.5em 0"),
        )
        self.add_class("careerkit-crossing-card")


class PairPicker(widgets.HBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """Pair any organization item with any employee item, with a reason in your own words."""

    def __init__(self, on_pair: Callable[[str, str, str], object]) -> None:
        self.org = widgets.Dropdown(
            description=_("Organization"), layout=widgets.Layout(width="24em")
        )
        self.employee = widgets.Dropdown(
            description=_("Employee"), layout=widgets.Layout(width="24em")
        )
        self.reason = widgets.Text(placeholder=_("Why these two meet (optional)"))
        self.pair = _button(_("Pair these two"), "careerkit-pair", icon="link")
        self.pair.on_click(
            lambda _b: on_pair(self.org.value or "", self.employee.value or "", self.reason.value)
        )
        super().__init__(
            [self.org, self.employee, self.reason, self.pair],
            layout=widgets.Layout(flex_flow="row wrap"),
        )

    def show(self, b: Brainstorm) -> None:
        for box, items in ((self.org, b.org.items), (self.employee, b.employee_items)):
            before = box.value
            box.options = [(_short(i.text), i.id) for i in items]
            ids = [i.id for i in items]
            box.value = before if before in ids else (ids[0] if ids else None)
        self.reason.value = ""


def _tags(item: Any) -> str:
    """An item's tags as a person types them: `cloud migration, leadership`."""
    return ", ".join(t.replace("_", " ") for t in item.tags)


def _short(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
