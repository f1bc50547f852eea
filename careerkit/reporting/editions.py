"""Figures across survey editions: pool what kept its meaning, show the rest per edition.

A question's answers pool across the editions in which it means the same (model/edition.py:
same kind, scale points and option ids); an edition in which it meant something else gets a
question of its own in the figures, `<id>__v<version>`, titled with its edition. Answers kept
without an edition (stored before editions were recorded, matching none) are never pooled with
an edition's: each of their questions is shown apart as an earlier edition. Orientations pool
only across editions with the same scoring. The privacy rules are those of every figure: the
split questions are counted per workshop and suppressed like any other question.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pandas as pd

from careerkit.model import (
    Edition,
    Item,
    Page,
    Question,
    Survey,
    question_meaning,
    scoring_meaning,
    survey_digest,
)
from careerkit.survey.editions import stored_survey

from .cohort import Cohort

if TYPE_CHECKING:
    from careerkit.store import Store

EARLIER = "earlier"  # the label of answers kept without an edition


@dataclass(frozen=True)
class EditionView:
    """How one survey's editions in use show: the questions to show, and whose answers go where."""

    survey: Survey  # the file's survey, plus a question per edition where a question differs
    moved: dict[tuple[str | None, str], str]  # (edition digest, question id) -> shown question
    scorings: tuple[tuple[str, frozenset[str | None]], ...]  # orientation groups: label, editions
    note: str  # what is shown per edition, in words ("" when everything pools)


def _label(e: Edition | None) -> str:
    return "an earlier edition" if e is None else f"edition version {e.version}"


def _shown_as(q: Question, new_id: str, label: str) -> Question:
    text = f"{q.text} ({label})"
    return q.model_copy(update={"id": new_id, "text": text, "required": False, "visible_if": None})


def edition_view(
    survey: Survey, editions: list[Edition], counts: dict[str | None, int]
) -> EditionView:
    """The view of `survey` over the editions holding responses (`counts`: responses per digest)."""
    current = survey_digest(survey.model_dump(mode="json"))
    used: list[tuple[Edition | None, Survey | None]] = [
        (e, survey if e.digest == current else stored_survey(e))
        for e in editions
        if counts.get(e.digest)
    ]
    if counts.get(None) and used:
        # Answers without an edition beside editions: apart. Alone (a database from before
        # editions whose survey was not served since), they are read with the file, as before.
        used.append((None, None))
    moved: dict[tuple[str | None, str], str] = {}
    pages = [list(p.questions) for p in survey.pages]
    extra: list[Question] = []
    split: list[str] = []
    kept: list[str] = []
    for e, old in used:
        if e is not None and e.digest == current:
            continue
        digest = None if e is None else e.digest
        suffix = EARLIER if e is None else f"v{e.version}"
        for q in _questions(old, survey):
            try:
                now: Item | None = survey.question(q.id)
            except KeyError:
                now = None
            if old is not None and now is not None and question_meaning(now) == question_meaning(q):
                continue
            if old is not None and now is None and q.id not in {x.id for x in extra}:
                extra.append(_shown_as(q, q.id, f"until {_label(e)}"))  # a removed question
                kept.append(f"'{q.id}'")
                continue
            new_id = _free(f"{q.id}__{suffix}", survey, extra, digest)
            moved[(digest, q.id)] = new_id
            extra.append(_shown_as(q, new_id, _label(e)))
            split.append(f"'{q.id}' ({_label(e)})")
    view = survey
    if extra:
        shown = [
            Page.model_construct(title=p.title, intro=p.intro, questions=tuple(qs))
            for p, qs in zip(survey.pages, pages, strict=True)
        ]
        shown.append(
            Page.model_construct(
                title="Questions of other editions", intro="", questions=tuple(extra)
            )
        )
        view = survey.model_copy(update={"pages": tuple(shown)})
    return EditionView(view, moved, _scorings(used, survey, current), _note(split, kept))


def _questions(old: Survey | None, survey: Survey) -> tuple[Item, ...]:
    """The questions an edition asked; for answers without an edition, every question known."""
    return survey.questions if old is None else old.questions


def _free(wanted: str, survey: Survey, extra: list[Question], digest: str | None) -> str:
    taken = {q.id for q in survey.questions} | {q.id for q in extra}
    if wanted not in taken:
        return wanted[:64]
    return f"{wanted[:50]}_{(digest or 'x')[:6]}"


def _scorings(
    used: list[tuple[Edition | None, Survey | None]], survey: Survey, current: str
) -> tuple[tuple[str, frozenset[str | None]], ...]:
    groups: dict[object, list[Edition | None]] = {}
    for e, old in used:
        key: object = ("unknown",) if old is None else scoring_meaning(old)
        groups.setdefault(key, []).append(e)
    mine = scoring_meaning(survey)
    ordered = sorted(groups.items(), key=lambda kv: kv[0] != mine)
    out = []
    for key, members in ordered:
        digests = frozenset(None if e is None else e.digest for e in members)
        label = "" if key == mine else " and ".join(dict.fromkeys(_label(e) for e in members))
        out.append((label, digests | (frozenset({current}) if key == mine else frozenset())))
    return tuple(out)


def _note(split: list[str], kept: list[str]) -> str:
    if not split and not kept:
        return ""
    words = (
        "This survey changed between editions. Answers are pooled across editions only where a "
        "question kept its meaning"
    )
    if split:
        words += "; shown per edition: " + ", ".join(split)
    if kept:
        words += "; no longer asked, shown with the answers given: " + ", ".join(kept)
    return words + "."


def read_view(store: Store, survey: Survey) -> EditionView:
    """The edition view of `survey` over what the store holds."""
    return edition_view(survey, store.editions(survey.id), store.edition_counts(survey.id))


def apply(view: EditionView, c: Cohort) -> Cohort:
    """The cohort with each answer counted under the question it is shown as."""
    if not view.moved:
        return c
    return replace(c, counts=moved_answers(view, c.counts))


def moved_answers(view: EditionView, frame: pd.DataFrame) -> pd.DataFrame:
    """Answer rows or counts (with `edition` and `question_id`) under their shown question."""
    if not view.moved or frame.empty:
        return frame
    keys = list(zip(frame["edition"].astype(object), frame["question_id"].astype(str), strict=True))
    edition = [None if isinstance(e, float) else e for e, _q in keys]
    shown = [view.moved.get((e, q), q) for e, (_x, q) in zip(edition, keys, strict=True)]
    out = frame.copy()
    out["question_id"] = pd.Categorical(shown)
    return out


def scoring_cohorts(view: EditionView, c: Cohort) -> list[tuple[str, Cohort]]:
    """The cohort cut into groups of editions with the same scoring (the file's first)."""
    if len(view.scorings) <= 1:
        return [("", c)]
    editions = c.responses["edition"].astype(object).where(c.responses["edition"].notna(), None)
    out = []
    for label, digests in view.scorings:
        mask = editions.map(lambda d, ds=digests: d in ds).astype(bool).to_numpy()
        out.append((label, replace(c, responses=c.responses[mask])))
    return out
