"""The room's picture: one workshop's orientation split, released exactly as the dashboard releases it.

Pure Python on a store's counts, so a participant's kernel shows it without pandas; the
dashboard's orientation figures (careerkit.reporting.figures) count each workshop's line with
`orientation_line` too, so a participant and the facilitator never see different numbers.
The rules are careerkit.privacy's: a workshop's figures cover its first `released(n, k)`
responses in arrival order, cells under the threshold are hidden with their complement.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from careerkit.languages import NC_, _, ngettext, pgettext
from careerkit.model import ORIENTATIONS, Survey, scoring_meaning, survey_digest
from careerkit.privacy import DEFAULT_THRESHOLD, check_threshold, group_line, released

from .editions import stored_survey

if TYPE_CHECKING:
    from careerkit.store import Store

#: The orientations' names wherever their counts are shown (dashboard, report, participants),
#: shown through pgettext("orientation", ...) in the reader's language.
ORIENTATION_LABELS = {
    "advancement": NC_("orientation", "Advancement"),
    "development": NC_("orientation", "Development"),
    "both": NC_("orientation", "Both"),
    "undecided": NC_("orientation", "Still open"),
}
#: The same names inside a sentence ("In this workshop so far: advancement 3, ..."), where
#: English writes them small and German keeps its capital nouns.
_IN_SENTENCE = {
    "advancement": NC_("orientation in a sentence", "advancement"),
    "development": NC_("orientation in a sentence", "development"),
    "both": NC_("orientation in a sentence", "both"),
    "undecided": NC_("orientation in a sentence", "still open"),
}


def orientation_label(orientation: str) -> str:
    """An orientation's name in the reader's language, as a label or a bar shows it."""
    return pgettext("orientation", ORIENTATION_LABELS[orientation])


def orientation_line(
    counts: Mapping[str, int], covers: int, threshold: int
) -> tuple[list[int], list[bool]]:
    """One workshop's orientation counts (ORIENTATIONS order) and which of them to hide.

    `counts`: people per orientation among the `covers` responses the figures cover; those
    with no (or an unknown) orientation are the line's rest, never shown.
    """
    values = [int(counts.get(o, 0)) for o in ORIENTATIONS]
    return values, group_line(values, covers - sum(values), threshold)


@dataclass(frozen=True)
class RoomPicture:
    """What a participant may see of their workshop: None where a number is hidden."""

    workshop: str
    threshold: int
    arrived: int  # responses so far
    covers: int  # the first responses the figures cover (0: under the threshold, nothing shown)
    counts: tuple[int | None, ...]  # per ORIENTATIONS; empty when nothing is shown
    # Of the covered responses, those counted: all but answers to editions scored otherwise.
    counted: int | None = None

    @property
    def shown(self) -> bool:
        return self.covers > 0

    def words(self) -> str:
        """The picture in one sentence, hidden numbers said as such."""
        if not self.shown:
            return ngettext(
                "The picture of the room appears here once at least {count} person "
                "of this workshop has answered.",
                "The picture of the room appears here once at least {count} people "
                "of this workshop have answered.",
                self.threshold,
            ).format(count=self.threshold)
        hidden = _("not shown")
        parts = [
            pgettext("orientation in a sentence", _IN_SENTENCE[o])
            + " "
            + (hidden if n is None else str(n))
            for o, n in zip(ORIENTATIONS, self.counts, strict=True)
        ]
        return _("In this workshop so far: {parts}.").format(parts=", ".join(parts))

    def note(self) -> str:
        """How far the picture lags the count and why numbers are hidden, in plain words."""
        if not self.shown:
            return _("No number is shown about fewer people, so no one's answers stand out.")
        words = _(
            "Counted over the first {covers} responses; it moves in steps of {threshold}."
        ).format(covers=self.covers, threshold=self.threshold)
        if self.counted is not None and self.counted < self.covers:
            words += " " + _(
                "Answers to an earlier edition of this survey, scored another way, are not "
                "counted here."
            )
        if None in self.counts:
            words += " " + _(
                "Numbers about fewer than {threshold} people are not shown, nor any that "
                "would let them be worked out."
            ).format(threshold=self.threshold)
        return words


def room_picture(
    store: Store,
    survey_id: str,
    workshop: str,
    threshold: int = DEFAULT_THRESHOLD,
    *,
    survey: Survey | None = None,
) -> RoomPicture:
    """The workshop's orientation split now, as the dashboard shows it for that workshop alone.

    At the threshold the facilitator set for the workshop (on the dashboard or with
    `careerkit workshop create --threshold`); `threshold` where none is set. With `survey` (the
    participant's), answers to editions scored otherwise are not counted, as the dashboard keeps
    them apart (careerkit.reporting.editions); they are the line's rest, as unscored ones are.
    """
    k = check_threshold(store.release_thresholds([workshop]).get(workshop, threshold))
    arrived = store.count_responses(workshop=workshop, survey_id=survey_id)
    covers = released(arrived, k)
    if not covers:
        return RoomPicture(workshop, k, arrived, 0, ())
    _columns, rows = store.orientation_counts([workshop], survey_id, upto={workshop: covers})
    kept = _scored_alike(store, survey, {e for w, _o, e, _n in rows if w == workshop})
    counts: dict[str, int] = {}
    counted = 0
    for w, o, e, n in rows:
        if w == workshop and (kept is None or e in kept):
            counted += int(n)
            if o is not None:
                counts[str(o)] = counts.get(str(o), 0) + int(n)
    values, hidden = orientation_line(counts, covers, k)
    shown = tuple(None if h else v for v, h in zip(values, hidden, strict=True))
    return RoomPicture(workshop, k, arrived, covers, shown, counted)


def _scored_alike(store: Store, survey: Survey | None, seen: set[str | None]) -> set[str] | None:
    """Of the editions `seen`, those scored as `survey` (None: count them all).

    Most rooms answer one edition, the participant's: nothing more is read then.
    """
    if survey is None:
        return None
    mine = survey_digest(survey.model_dump(mode="json"))
    if seen <= {mine}:
        return None
    scoring = scoring_meaning(survey)
    kept = {mine}
    for edition in store.editions(survey.id):
        if edition.digest in seen and edition.digest != mine:
            old = stored_survey(edition)
            if old is not None and scoring_meaning(old) == scoring:
                kept.add(edition.digest)
    return kept
