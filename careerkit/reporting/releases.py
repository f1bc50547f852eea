"""One release threshold per workshop, stored, so the dashboard and the room see the same numbers.

A participant's picture of the room (careerkit.survey.room) reads the threshold stored for
their workshop. The dashboard therefore stores the threshold it shows for every workshop it
shows: the facilitator's choice when they change "Min. group", else the strictest one already
stored among the workshops shown (so looking never loosens a workshop's privacy). The
projector view only reads what is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from careerkit.languages import _, ngettext
from careerkit.privacy import check_threshold

if TYPE_CHECKING:
    from careerkit.store import Store


@dataclass(frozen=True)
class Agreed:
    """The threshold the workshops shown now share, and the workshops whose stored one changed."""

    threshold: int
    changed: tuple[str, ...] = ()
    raised: tuple[str, ...] = ()  # changed from a lower stored threshold without being asked

    def words(self) -> str:
        """What changed for participants, in one sentence; empty when nothing did."""
        if self.raised:
            return ngettext(
                "Workshop {codes} now also needs {k} people before numbers show, like the "
                "others shown here, so its participants see what this dashboard shows.",
                "Workshops {codes} now also need {k} people before numbers show, like the "
                "others shown here, so their participants see what this dashboard shows.",
                len(self.raised),
            ).format(codes=", ".join(self.raised), k=self.threshold)
        return ""


def agree_threshold(
    store: Store, workshops: list[str], *, chosen: int | None, default: int
) -> Agreed:
    """Store one threshold for all of `workshops` and say which it is.

    `chosen`: the facilitator's new value; None keeps the strictest stored among `workshops`
    (`default` when none has one).
    """
    chosen_codes = list(dict.fromkeys(workshops))
    stored = store.release_thresholds(chosen_codes)
    k = check_threshold(chosen if chosen is not None else max(stored.values(), default=default))
    changed = tuple(w for w in chosen_codes if stored.get(w) != k)
    if changed:
        store.set_release_threshold(list(changed), k)
    raised = () if chosen is not None else tuple(w for w in changed if w in stored)
    return Agreed(k, changed, raised)


def stored_threshold(store: Store, workshops: list[str], default: int) -> int:
    """The threshold a read-only view of `workshops` uses: the strictest stored, else `default`."""
    return check_threshold(max(store.release_thresholds(workshops).values(), default=default))


def chosen_words(agreed: Agreed) -> str:
    """The facilitator changed the threshold: what it means for the participants."""
    return _(
        "From now on, numbers need at least {k} people, here and in each participant's "
        "picture of the room."
    ).format(k=agreed.threshold)
