"""The reporting threshold: no number shown, nor one worked out from shown numbers, covers fewer people.

Rules, for every table the dashboard shows:

* a cell (people who gave one answer) under the threshold is hidden, an empty cell included:
  "nobody in the group chose X" says something about each of them;
* complementary suppression: in every line whose total is shown, the hidden cells are either
  none, or at least two that together hold at least the threshold, so the total minus the shown
  cells gives neither a single cell nor a small group; the smallest shown cell is hidden next;
* a line (question, workshop) under the threshold shows nothing, not even its total;
* fixed reporting groups: each workshop is suppressed on its own; a figure pooled over several
  workshops shows a sum only when every workshop shows its part (`pooled_line`), so no choice of
  selections can isolate a hidden group; a workshop under the threshold is in no figure at all;
* stepped releases: a workshop's figures cover its first `released(n, threshold)` responses in
  arrival order, so no two views, at any two times, differ by fewer than `threshold` people.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass, field

from .errors import ConfigError
from .languages import _, ngettext

DEFAULT_THRESHOLD = 5
MIN_THRESHOLD = 3
#: Free text points to its writer more easily than a number: comments wait for more writers.
DEFAULT_COMMENT_THRESHOLD = 10


def check_threshold(threshold: int) -> int:
    """The threshold as given when it is safe to use; ConfigError saying why when not."""
    if isinstance(threshold, bool) or not isinstance(threshold, numbers.Integral):
        raise ConfigError(
            _("The reporting threshold must be a whole number of people (got {value}).").format(
                value=repr(threshold)
            )
        )
    if threshold < MIN_THRESHOLD:
        raise ConfigError(
            _(
                "The reporting threshold is {threshold}, but it cannot be lower than {least}: "
                "results about smaller groups can point to single people. Use {least} or more "
                "(the default is {default})."
            ).format(threshold=threshold, least=MIN_THRESHOLD, default=DEFAULT_THRESHOLD)
        )
    return int(threshold)


def check_comment_threshold(comment_threshold: int, threshold: int) -> int:
    """The comment threshold when it is a whole number not below the number threshold."""
    if isinstance(comment_threshold, bool) or not isinstance(comment_threshold, numbers.Integral):
        raise ConfigError(
            _("The comment threshold must be a whole number of people (got {value}).").format(
                value=repr(comment_threshold)
            )
        )
    if comment_threshold < threshold:
        raise ConfigError(
            _(
                "The comment threshold is {comment_threshold}, but it cannot be lower than the "
                "reporting threshold ({threshold}): a comment says more about its writer than a "
                "number does. Use {threshold} or more (the default is {default})."
            ).format(
                comment_threshold=comment_threshold,
                threshold=threshold,
                default=DEFAULT_COMMENT_THRESHOLD,
            )
        )
    return int(comment_threshold)


def protect_line(values: Sequence[int], hidden: Sequence[bool], threshold: int) -> list[bool]:
    """Hide more cells of one line, smallest first, until its hidden cells are safe (see above)."""
    out = list(hidden)
    while True:
        held = [v for v, h in zip(values, out, strict=True) if h]
        if not held or (len(held) >= 2 and sum(held) >= threshold):
            return out
        shown = [i for i, h in enumerate(out) if not h]
        if not shown:
            return out
        out[min(shown, key=lambda i: (values[i], i))] = True


def suppress_line(values: Sequence[int], threshold: int) -> list[bool]:
    """Which cells of a line to hide; all of them when the line holds fewer than the threshold."""
    if sum(values) < threshold:
        return [True] * len(values)
    return protect_line(values, [v < threshold for v in values], threshold)


def suppress_with_rest(values: Sequence[int], rest: int | None, threshold: int) -> list[bool]:
    """Like `suppress_line`, when the total also counts `rest` people in no cell (None: nobody).

    They skipped an optional question, or were not scored: one more cell, never shown, so the
    total minus the shown cells tells neither how many skipped nor any single cell.
    """
    if rest is None:
        return suppress_line(values, threshold)
    line = [*values, rest]
    if sum(line) < threshold:
        return [True] * len(values)
    return protect_line(line, [v < threshold for v in values] + [True], threshold)[:-1]


def group_line(
    values: Sequence[int], rest: int, threshold: int, *, optional: bool = False
) -> list[bool]:
    """Which cells of one group's line to hide; `rest`: the group's people in no cell.

    The rule of every per-workshop line the dashboard shows and of the room's picture a
    participant sees, so the two cannot drift apart. The rest (not scored, or, for an
    `optional` question, skipped it) is a cell never shown; none of them, on a required
    question, is no cell at all.
    """
    return suppress_with_rest(values, rest if optional or rest > 0 else None, threshold)


def released(arrived: int, threshold: int) -> int:
    """How many of a group's `arrived` people its figures may cover: a multiple of the threshold.

    Figures move in whole steps of `threshold` people (none below one step), so two views of
    the same group, at any two times, differ by nobody or by at least `threshold` people.
    """
    return arrived - arrived % threshold


def steps_note(arrived: dict[str, int], upto: dict[str, int], threshold: int) -> str:
    """Says how far each group's figures lag its live count, and why ("" for no group)."""
    k, parts = threshold, []
    for w, m in upto.items():
        n = arrived.get(w, m)
        fields = {"n": n, "m": m, "more": k - n % k}
        if n == m:
            part = ngettext(
                "{n} response; all in the charts ({more} more to the next step)",
                "{n} responses; all in the charts ({more} more to the next step)",
                n,
            ).format(**fields)
        else:
            part = ngettext(
                "{n} response; charts show the first {m} ({more} more to the next step)",
                "{n} responses; charts show the first {m} ({more} more to the next step)",
                n,
            ).format(**fields)
        if len(upto) > 1:
            part = _("{workshop}: {part}").format(workshop=w, part=part)
        parts.append(part)
    if not parts:
        return ""
    rule = _(
        "Charts move in steps of {k} responses per workshop, so no single answer can be picked out."
    )
    return _("{parts}. {rule}").format(parts="; ".join(parts), rule=rule.format(k=k))


def pooled_line(
    values: Sequence[Sequence[int]], hidden: Sequence[Sequence[bool]]
) -> tuple[list[int], list[bool]]:
    """One line summed over groups (workshops): a sum is hidden when any group hides its part.

    Every shown sum is then a sum of numbers each group shows on its own, so pooled figures,
    whatever the selection, hold nothing the groups' own figures do not: subtracting one
    selection from another can never bring back a hidden part.
    """
    width = len(values[0]) if values else 0
    sums = [sum(v[j] for v in values) for j in range(width)]
    return sums, [any(h[j] for h in hidden) for j in range(width)]


@dataclass
class Tally:
    """What was hidden in one result, to explain it in words."""

    small: int = 0  # cells under the threshold
    complement: int = 0  # cells hidden so the small ones cannot be worked out
    across: int = 0  # pooled cells hidden because a workshop hides its part
    lines: int = 0  # whole lines (questions, workshops) under the threshold
    line_word: str = "question"
    left_out: tuple[str, ...] = field(default_factory=tuple)  # workshops under the threshold

    def add_line(self, values: Sequence[int], hidden: Sequence[bool], threshold: int) -> None:
        if sum(values) < threshold:
            self.lines += 1
            return
        small = sum(1 for v in values if v < threshold)
        self.small += small
        self.complement += sum(hidden) - small

    def add_pooled(self, values: Sequence[int], hidden: Sequence[bool], threshold: int) -> None:
        """Count a line summed over several workshops (see `pooled_line`)."""
        small = sum(1 for v, h in zip(values, hidden, strict=True) if h and v < threshold)
        self.small += small
        self.across += sum(hidden) - small


def _lines_text(word: str, n: int, threshold: int) -> str:
    """'3 questions with fewer than 5 people: not shown at all.', for the kind of line."""
    if word == "group":
        text = ngettext(
            "{n} group with fewer than {threshold} people: not shown at all.",
            "{n} groups with fewer than {threshold} people: not shown at all.",
            n,
        )
    elif word == "workshop":
        text = ngettext(
            "{n} workshop with fewer than {threshold} people: not shown at all.",
            "{n} workshops with fewer than {threshold} people: not shown at all.",
            n,
        )
    else:
        text = ngettext(
            "{n} question with fewer than {threshold} people: not shown at all.",
            "{n} questions with fewer than {threshold} people: not shown at all.",
            n,
        )
    return text.format(n=n, threshold=threshold)


def _hidden_text(tally: Tally, threshold: int) -> str:
    """What was hidden among the cells of shown lines, small ones and their complements."""
    if tally.small and tally.complement:
        return ngettext(
            "{n} number about fewer than {threshold} people (or none) hidden, and {more} more "
            "so the hidden ones cannot be worked out from the totals.",
            "{n} numbers about fewer than {threshold} people (or none) hidden, and {more} more "
            "so the hidden ones cannot be worked out from the totals.",
            tally.small,
        ).format(n=tally.small, threshold=threshold, more=tally.complement)
    if tally.small:
        return ngettext(
            "{n} number about fewer than {threshold} people (or none) hidden.",
            "{n} numbers about fewer than {threshold} people (or none) hidden.",
            tally.small,
        ).format(n=tally.small, threshold=threshold)
    if tally.complement:
        return ngettext(
            "{n} number hidden so others cannot be worked out.",
            "{n} numbers hidden so others cannot be worked out.",
            tally.complement,
        ).format(n=tally.complement)
    return ""


def note(tally: Tally, threshold: int) -> str:
    """The plain-language note shown with a result: what was hidden and why ("" if nothing)."""
    parts: list[str] = []
    if tally.left_out:
        parts.append(
            ngettext(
                "Workshop {names}: fewer than {threshold} responses so far, so left out of "
                "every number here.",
                "Workshops {names}: fewer than {threshold} responses so far, so left out of "
                "every number here.",
                len(tally.left_out),
            ).format(names=", ".join(tally.left_out), threshold=threshold)
        )
    if tally.lines:
        parts.append(_lines_text(tally.line_word, tally.lines, threshold))
    hidden = _hidden_text(tally, threshold)
    if hidden:
        parts.append(hidden)
    if tally.across:
        parts.append(
            ngettext(
                "{n} pooled number hidden because a selected workshop hides its part on its "
                "own: pooled numbers are shown only when every workshop's part is, so comparing "
                "selections gives nothing away.",
                "{n} pooled numbers hidden because a selected workshop hides its part on its "
                "own: pooled numbers are shown only when every workshop's part is, so comparing "
                "selections gives nothing away.",
                tally.across,
            ).format(n=tally.across)
        )
    if not parts:
        return ""
    rule = _("Privacy: groups of fewer than {threshold} people are never shown.")
    return rule.format(threshold=threshold) + " " + " ".join(parts)
