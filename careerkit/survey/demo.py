"""Synthetic workshop responses, submitted through the same form code a participant uses."""

from __future__ import annotations

import random

from careerkit.model import AnswerValue, LikertQuestion, NumberQuestion, Survey
from careerkit.store import Store

from .scoring import visible_questions
from .screens.form import SurveyForm

PERSONAS = ("advancement", "development", "both", "undecided")
ROLES = ("Team lead", "Project manager", "Senior specialist", "Product owner", "Trainer")
GOALS = (
    "Lead a small team within two years.",
    "Become the go-to expert for our data tools.",
    "Earn a project management certification and run a cross-team project.",
    "Grow my pay by deepening my skills, staying in my team.",
    "Move into a role closer to customers.",
    "Not sure yet; I want to explore a few options.",
)


def _likert_value(q: LikertQuestion, persona: str, rng: random.Random) -> int:
    n = q.scale.points
    w = q.score
    leaning = 0.5
    if w is not None:
        adv = persona in ("advancement", "both")
        dev = persona in ("development", "both")
        pull = (w.advancement if adv else -w.advancement) + (
            w.development if dev else -w.development
        )
        leaning = (
            0.5 if persona == "undecided" else (0.85 if pull > 0 else 0.2 if pull < 0 else 0.5)
        )
    value = round(1 + leaning * (n - 1) + rng.gauss(0, 0.6))
    return max(1, min(n, value))


def _number_value(q: NumberQuestion, rng: random.Random) -> int | float:
    """A number on the question's steps, most of them in the lower half of its range."""
    steps = int((q.max - q.min) / q.step + 1e-9)
    value = q.min + q.step * min(steps, int(rng.triangular(0, steps, steps / 4) + 0.5))
    value = round(value, 9)
    return int(value) if float(value).is_integer() else value


def fake_answers(
    survey: Survey, rng: random.Random, persona: str | None = None
) -> dict[str, AnswerValue]:
    """Plausible answers for one participant of the given (or a random) persona."""
    persona = persona or rng.choice(PERSONAS)
    answers: dict[str, AnswerValue] = {}
    for q in survey.questions:
        if q.id not in {v.id for v in visible_questions(survey, answers)}:
            continue
        if isinstance(q, LikertQuestion):
            answers[q.id] = _likert_value(q, persona, rng)
        elif q.kind == "choice":
            answers[q.id] = rng.choice(q.options).id
        elif q.kind == "multi":
            high = q.max or len(q.options)
            k = rng.randint(max(1, q.min), max(1, min(high, 3)))
            answers[q.id] = tuple(o.id for o in rng.sample(list(q.options), k))
        elif q.kind == "ranking":
            answers[q.id] = tuple(o.id for o in rng.sample(list(q.options), q.places))
        elif isinstance(q, NumberQuestion) and (q.required or rng.random() < 0.7):
            answers[q.id] = _number_value(q, rng)
        elif q.kind == "text" and (q.required or rng.random() < 0.7):
            answers[q.id] = rng.choice(GOALS if q.long else ROLES)[: q.max_length]
    return answers


def run_demo(
    survey: Survey, store: Store, workshop: str, participants: int, seed: int | None = None
) -> int:
    """Submit `participants` responses through SurveyForm; returns how many were saved."""
    rng = random.Random(seed)
    saved = 0
    for _ in range(participants):
        form = SurveyForm(survey, store=store, workshop=workshop)
        if survey.ask_name:
            form.name_box.value = f"Demo participant {rng.randint(1000, 9999)}"
        form.set_answers(fake_answers(survey, rng))
        if form.submit() is not None:
            saved += 1
    return saved
