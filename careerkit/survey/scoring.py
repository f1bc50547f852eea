"""Answers to orientation: which questions show, what is missing, and the two scores."""

from __future__ import annotations

from collections.abc import Mapping

from careerkit.languages import _, decimal, ngettext
from careerkit.model import (
    AnswerValue,
    ChoiceQuestion,
    Item,
    LikertQuestion,
    MultiQuestion,
    NumberQuestion,
    Orientation,
    OrientationText,
    RankingQuestion,
    ScoreResult,
    Survey,
    TextQuestion,
)

Answers = Mapping[str, AnswerValue | None]


def is_blank(value: AnswerValue | None) -> bool:
    """True when a control holds no answer (nothing picked, empty text, empty selection)."""
    return value is None or value == "" or value == ()


def visible_questions(survey: Survey, answers: Answers) -> list[Item]:
    """The questions shown for these answers, in order (`visible_if` is read against them)."""
    shown: list[Item] = []
    shown_ids: set[str] = set()
    for question in survey.questions:
        cond = question.visible_if
        if cond is not None:
            source = answers.get(cond.question) if cond.question in shown_ids else None
            if not cond.holds(source):
                continue
        shown.append(question)
        shown_ids.add(question.id)
    return shown


def clean_answers(survey: Survey, answers: Answers) -> dict[str, AnswerValue]:
    """Answers to visible questions only, blanks dropped: what is stored."""
    kept: dict[str, AnswerValue] = {}
    for q in visible_questions(survey, answers):
        value = answers.get(q.id)
        if value is not None and not is_blank(value):
            kept[q.id] = value
    return kept


def check_answers(survey: Survey, answers: Answers) -> dict[str, str]:
    """What is wrong with these answers, by question id, in words for the participant."""
    issues: dict[str, str] = {}
    for q in visible_questions(survey, answers):
        value = answers.get(q.id)
        label = _short(q.text)
        if is_blank(value):
            if q.required:
                issues[q.id] = _("“{question}” needs an answer.").format(question=label)
            continue
        problem = _value_problem(q, value)
        if problem:
            issues[q.id] = _("“{question}”: {problem}").format(question=label, problem=problem)
    return issues


def issues_summary(issues: list[str]) -> str:
    """What the form's status line says about missing answers: how many, and the first three."""
    n = len(issues)
    needed = ngettext(
        "{count} answer still needed before you can go on:",
        "{count} answers still needed before you can go on:",
        n,
    ).format(count=n)
    more = "\n" + _("…and {count} more, marked in red.").format(count=n - 3) if n > 3 else ""
    return needed + "\n" + "\n".join(issues[:3]) + more


def _value_problem(q: Item, value: AnswerValue | None) -> str | None:
    if isinstance(q, LikertQuestion):
        ok = isinstance(value, int) and not isinstance(value, bool)
        if not ok or not 1 <= int(value) <= q.scale.points:  # type: ignore[arg-type]
            return _("pick a point from 1 to {points}.").format(points=q.scale.points)
    elif isinstance(q, ChoiceQuestion):
        if value not in {o.id for o in q.options}:
            return _("pick one of the options shown.")
    elif isinstance(q, MultiQuestion):
        return _multi_problem(q, value)
    elif isinstance(q, RankingQuestion):
        return _ranking_problem(q, value)
    elif isinstance(q, NumberQuestion):
        return number_problem(q, value)
    elif isinstance(q, TextQuestion):
        if not isinstance(value, str):
            return _("type your answer as text.")
        if len(value) > q.max_length:
            return _("shorten it to {limit} characters (it has {count}).").format(
                limit=q.max_length, count=len(value)
            )
    return None


def _multi_problem(q: MultiQuestion, value: AnswerValue | None) -> str | None:
    ids = {o.id for o in q.options}
    if not isinstance(value, tuple) or any(v not in ids for v in value):
        return _("pick from the options shown.")
    if len(value) < q.min:
        return _("pick at least {count}.").format(count=q.min)
    if q.max is not None and len(value) > q.max:
        return _("pick at most {count} (you picked {picked}).").format(
            count=q.max, picked=len(value)
        )
    return None


def _ranking_problem(q: RankingQuestion, value: AnswerValue | None) -> str | None:
    ids = {o.id for o in q.options}
    if (
        not isinstance(value, tuple)
        or any(v not in ids for v in value)
        or len(set(value)) < len(value)
    ):
        return _("rank the options shown, each once.")
    if len(value) != q.places:
        return _("rank {count} options (you ranked {ranked}).").format(
            count=q.places, ranked=len(value)
        )
    return None


def number_problem(q: NumberQuestion, value: AnswerValue | None) -> str | None:
    """What is wrong with a number answer, in words for the participant (None: nothing)."""
    unit = f" {q.unit}" if q.unit else ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _("type a number from {low} to {high}{unit}, e.g. {example}.").format(
            low=decimal(q.min, None),
            high=decimal(q.max, None),
            unit=unit,
            example=decimal(q.min + q.step, None),
        )
    if not q.min <= value <= q.max:
        return _("type a number from {low} to {high}{unit} (you typed {typed}).").format(
            low=decimal(q.min, None),
            high=decimal(q.max, None),
            unit=unit,
            typed=decimal(value, None),
        )
    steps = (value - q.min) / q.step
    if abs(steps - round(steps)) > 1e-6:  # a step count, so float rounding stays far below
        low = q.min + q.step * int(steps)
        return _("use steps of {step}, e.g. {lower} or {higher}.").format(
            step=decimal(q.step, None),
            lower=decimal(low, None),
            higher=decimal(low + q.step, None),
        )
    return None


def score(survey: Survey, answers: Answers) -> ScoreResult | None:
    """Advancement and development scores (0-100) and the orientation they point to."""
    if survey.scoring is None:
        return None
    totals = {"advancement": 0.0, "development": 0.0}
    weights = {"advancement": 0.0, "development": 0.0}
    for q in visible_questions(survey, answers):
        value = answers.get(q.id)
        if not isinstance(q, LikertQuestion) or q.score is None or not isinstance(value, int):
            continue
        if _value_problem(q, value):
            continue  # not a point on its scale (True, 0, 9...): check_answers reports it
        position = (value - 1) / (q.scale.points - 1)
        for side in totals:
            w = getattr(q.score, side)
            if w:
                totals[side] += abs(w) * (position if w > 0 else 1 - position)
                weights[side] += abs(w)
    adv, dev = (round(100 * totals[s] / weights[s], 1) if weights[s] else 0.0 for s in totals)
    return ScoreResult(advancement=adv, development=dev, orientation=orientation(survey, adv, dev))


def orientation(survey: Survey, advancement: float, development: float) -> Orientation:
    """Both clear -> both (unless one leads by `lead`); one clear -> that one; none -> undecided."""
    if survey.scoring is None:
        return "undecided"
    t = survey.scoring.thresholds
    adv_clear, dev_clear = advancement >= t.interest, development >= t.interest
    if adv_clear and dev_clear:
        if advancement - development >= t.lead > 0:
            return "advancement"
        if development - advancement >= t.lead > 0:
            return "development"
        return "both"
    if adv_clear:
        return "advancement"
    if dev_clear:
        return "development"
    return "undecided"


def explain(survey: Survey, result: ScoreResult) -> OrientationText | None:
    """The survey's own words for an orientation: title, summary and next steps."""
    if survey.scoring is None:
        return None
    return survey.scoring.orientations[result.orientation]


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
