"""Dashboard refresh vs a hand-written pandas baseline, on 1,000,000 stored answers.

Answers one question: what does the facilitator's dashboard pay for going through the store
and careerkit.reporting.cohort (privacy checks included), compared with reading the same SQLite file
with `pd.read_sql` and a `groupby`?

Setup (not measured): a SQLite file made by careerkit's own schema, filled straight through
`executemany` with N participants x M agree/disagree items (default 50,000 x 20 = 1,000,000
answers) in W workshops (default 100), with scored orientations.

Measured, alternating the order each round, all workshops selected:

- careerkit: `read_cohort` (`store.response_rows` in arrival order, then `store.answer_counts`
  of each workshop's released first responses, counted by the database), `orientation_split`,
  `likert_distributions` (suppressed per workshop, then pooled); what the dashboard does;
- careerkit, long form: the same with `store.answer_rows` cut to the released responses and
  counted by `count_answers` in pandas, i.e. every answer row brought into Python;
- baseline: `pd.read_sql` of the answers joined to responses (for the workshop filter),
  `groupby(["question_id", "value_num"]).size()`, and `pd.read_sql` of the orientations with
  a `groupby`; no privacy checks.

Prints the median and fastest time of each, the careerkit/baseline ratio of the medians (target
<= 1.2) and whether a full refresh stays under 2 s.

Run it:

    /tmp/venv/bin/python bench/aggregate.py                 # 5 rounds, about a minute
    /tmp/venv/bin/python bench/aggregate.py --rounds 9 --participants 20000 --items 10
    /tmp/venv/bin/python bench/aggregate.py --charts        # also time drawing two PNGs

The file lives in a temporary folder that is removed afterwards (`--keep` keeps it).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from careerkit.model import ORIENTATIONS, Survey
from careerkit.reporting import charts, figures
from careerkit.reporting import cohort as cohorts
from careerkit.store.sql import SqlStore

SURVEY_ID = "bench_survey"


def bench_survey(items: int) -> Survey:
    questions = [
        {
            "id": f"item_{n:02d}",
            "kind": "likert",
            "text": f"Statement number {n} about growing at work.",
            "scale": {"points": 5, "low": "Strongly disagree", "high": "Strongly agree"},
        }
        for n in range(1, items + 1)
    ]
    return Survey.model_validate(
        {"id": SURVEY_ID, "title": "Bench", "pages": [{"title": "All", "questions": questions}]}
    )


def fill(path: Path, participants: int, items: int, workshops: int, seed: int) -> list[str]:
    """Create the file with careerkit's schema, then write the rows directly; returns workshops."""
    SqlStore(f"sqlite:///{path}").close()
    rng = random.Random(seed)
    names = [f"WS{n:03d}" for n in range(workshops)]
    at = datetime(2024, 5, 6, 9, 0, tzinfo=UTC).isoformat(sep=" ")
    responses, answers = [], []
    for p in range(participants):
        rid = f"bench-{p:010d}"
        orientation = rng.choice(ORIENTATIONS)
        row = (rid, SURVEY_ID, names[p % workshops], None, at, 50.0, 50.0, orientation, "{}")
        responses.append(row)
        lean = rng.random()
        for q in range(1, items + 1):
            value = min(5, max(1, round(1 + 4 * lean + rng.gauss(0, 1))))
            answers.append((rid, f"item_{q:02d}", 0, float(value), None))
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous=OFF")
    with con:
        con.executemany(
            "INSERT INTO responses (id, survey_id, workshop, participant, submitted_at, "
            "advancement, development, orientation, answers) VALUES (?,?,?,?,?,?,?,?,?)",
            responses,
        )
        con.executemany(
            "INSERT INTO answers (response_id, question_id, seq, value_num, value_text) "
            "VALUES (?,?,?,?,?)",
            answers,
        )
    con.close()
    return names


def careerkit_refresh(store: SqlStore, workshops: list[str], survey: Survey) -> Any:
    c = cohorts.read_cohort(store, SURVEY_ID, workshops)
    return figures.orientation_split(c), figures.likert_distributions(c, survey)


def careerkit_long_form(store: SqlStore, workshops: list[str], survey: Survey) -> Any:
    responses = cohorts.frame(store.response_rows(workshops, SURVEY_ID))
    upto = cohorts.releases(responses, workshops, 5)
    answers = cohorts.frame(store.answer_rows(workshops, SURVEY_ID))
    ranks = responses.groupby(responses["workshop"].astype(str), sort=False).cumcount()
    first = responses["workshop"].astype(str).map(upto).fillna(0).gt(ranks)
    answers = answers[answers["response_id"].isin(responses.loc[first, "response_id"])]
    c = cohorts.cohort(responses, cohorts.count_answers(answers), workshops)
    return figures.orientation_split(c), figures.likert_distributions(c, survey)


def baseline(path: Path, workshops: list[str]) -> Any:
    marks = ",".join("?" * len(workshops))  # only "?" placeholders go into the SQL text
    params = [SURVEY_ID, *workshops]
    with sqlite3.connect(path) as con:
        joined = "answers a JOIN responses r ON r.id = a.response_id"
        where = f"survey_id = ? AND workshop IN ({marks})"
        answers = pd.read_sql(
            f"SELECT a.question_id, a.value_num FROM {joined} WHERE {where}",  # noqa: S608
            con,
            params=params,
        )
        likert = answers.groupby(["question_id", "value_num"]).size().unstack(fill_value=0)
        people = pd.read_sql(
            f"SELECT orientation FROM responses WHERE {where}",  # noqa: S608
            con,
            params=params,
        )
    return people.groupby("orientation").size(), likert


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def check_same(ours: Any, theirs: Any) -> None:
    """With every workshop a whole number of steps, careerkit's shown numbers equal the baseline's."""
    (split, [dist]), (orient, likert) = ours, theirs
    shown = split.counts.iloc[0].dropna()
    assert all(int(orient[k]) == int(v) for k, v in shown.items()), (shown, orient)
    for qid in likert.index:
        for point, v in dist.counts.loc[qid].dropna().items():
            assert int(likert.at[qid, float(point)]) == int(v), (qid, point)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--participants", type=int, default=50_000)
    ap.add_argument("--items", type=int, default=20)
    ap.add_argument("--workshops", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--charts", action="store_true", help="also time drawing two PNGs")
    ap.add_argument("--keep", action="store_true", help="keep the SQLite file")
    args = ap.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="careerkit-bench-"))
    path = folder / "bench.sqlite3"
    try:
        t0 = time.perf_counter()
        workshops = fill(path, args.participants, args.items, args.workshops, args.seed)
        n = args.participants * args.items
        print(
            f"setup: {n:,} answers of {args.participants:,} people in {args.workshops} "
            f"workshops written in {time.perf_counter() - t0:.1f} s ({path})"
        )
        survey = bench_survey(args.items)
        store = SqlStore(f"sqlite:///{path}")
        runs: dict[str, Callable[[], Any]] = {
            "careerkit": lambda: careerkit_refresh(store, workshops, survey),
            "careerkit long form": lambda: careerkit_long_form(store, workshops, survey),
            "baseline": lambda: baseline(path, workshops),
        }
        times: dict[str, list[float]] = {name: [] for name in runs}
        results: dict[str, Any] = {}
        for r in range(args.rounds):
            order = list(runs) if r % 2 == 0 else list(reversed(runs))
            for name in order:
                seconds, results[name] = timed(runs[name])
                times[name].append(seconds)
        check_same(results["careerkit"], results["baseline"])
        check_same(results["careerkit long form"], results["baseline"])
        print(f"\n{'refresh':22} {'median':>8} {'fastest':>8}   ({args.rounds} rounds)")
        for name, samples in times.items():
            print(f"{name:22} {statistics.median(samples):7.3f}s {min(samples):7.3f}s")
        base = statistics.median(times["baseline"])
        full = statistics.median(times["careerkit"])
        for name in ("careerkit", "careerkit long form"):
            ratio = statistics.median(times[name]) / base
            print(
                f"{name + '/baseline':32} {ratio:5.2f}  (target <= 1.2: "
                f"{'met' if ratio <= 1.2 else 'missed'})"
            )
        print(
            f"full refresh (careerkit) {full:.3f} s  (target < 2 s: "
            f"{'met' if full < 2 else 'missed'})"
        )
        if args.charts:
            split, [dist] = results["careerkit"]
            seconds, _ = timed(
                lambda: [
                    charts.to_png(charts.orientation_chart(split)),
                    charts.to_png(charts.likert_chart(dist)),
                ]
            )
            print(f"drawing the orientation and likert PNGs: {seconds:.3f} s")
        store.close()
    finally:
        if args.keep:
            print(f"kept {path}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
