"""Cronbach's alpha, Feldt's interval and item statistics: known answers from pingouin and by hand."""

from __future__ import annotations

import math
import types
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerkit.reporting.alpha import cronbach_alpha, feldt_interval, scale_figures
from careerkit.reporting.fdist import beta_inc, f_isf


@pytest.fixture
def pingouin_unrounded(monkeypatch: pytest.MonkeyPatch) -> Any:
    """pingouin's `cronbach_alpha`, with the interval it rounds to 3 decimals left unrounded.

    Its source ends `return cronbach, np.round([lower, upper], 3)`; inside its module only,
    `np.round` gives the numbers back as they are, so they can be compared to 1e-9.
    """
    pingouin = pytest.importorskip("pingouin")
    import pingouin.reliability as module

    proxy = types.SimpleNamespace(**{n: getattr(np, n) for n in dir(np) if not n.startswith("__")})
    proxy.round = lambda values, _decimals=0: np.asarray(values, dtype=float)
    monkeypatch.setattr(module, "np", proxy)
    return pingouin


def _ours(wide: pd.DataFrame) -> tuple[float, tuple[float, float]]:
    x = wide.to_numpy(dtype=float)
    alpha = cronbach_alpha(x)
    assert alpha is not None
    return alpha, feldt_interval(alpha, *x.shape)


def test_f_quantiles_match_scipy() -> None:
    """f_isf agrees with scipy.stats.f.isf to 1e-10 (relative) over tails and degrees of freedom."""
    f = pytest.importorskip("scipy.stats").f  # installed with pingouin (the test extra)

    for p in (0.001, 0.025, 0.3, 0.5, 0.7, 0.975, 0.999):
        for d1 in (1, 2, 4, 9, 29, 99, 499):
            for d2 in (1, 3, 8, 36, 200, 2000, 20000):
                expected = f.isf(p, d1, d2)
                assert f_isf(p, d1, d2) == pytest.approx(expected, rel=1e-10), (p, d1, d2)


def test_beta_inc_knows_its_ends_and_a_closed_form() -> None:
    """I_x(a, 1) = x^a, and I_0 = 0, I_1 = 1; arguments out of range are refused."""
    for a, x in ((0.5, 0.3), (2.0, 0.9), (7.5, 0.01)):
        assert beta_inc(a, 1.0, x) == pytest.approx(x**a, rel=1e-13)
    assert beta_inc(3.0, 2.0, 0.0) == 0.0 and beta_inc(3.0, 2.0, 1.0) == 1.0
    with pytest.raises(ValueError, match="0 <= x <= 1"):
        beta_inc(1.0, 1.0, 1.5)


def test_matches_pingouin_on_its_bundled_dataset(pingouin_unrounded: Any) -> None:
    """pingouin's own `cronbach_alpha` data set (15 people, 10 items, read offline): alpha and CI to 1e-9."""
    long = pingouin_unrounded.read_dataset("cronbach_alpha")
    wide = long.pivot(index="Subj", columns="Items", values="Scores")
    expected_alpha, expected_ci = pingouin_unrounded.cronbach_alpha(data=wide)
    alpha, ci = _ours(wide)
    assert alpha == pytest.approx(0.5917188485995826, abs=1e-12)  # its docstring's figure
    assert abs(alpha - expected_alpha) < 1e-9
    assert np.allclose(ci, expected_ci, rtol=0, atol=1e-9)
    assert np.round(ci, 3).tolist() == [0.195, 0.84]  # what pingouin prints


@pytest.mark.parametrize(
    ("seed", "people", "items"), [(1, 8, 3), (2, 40, 7), (3, 250, 12), (4, 5, 2)]
)
def test_matches_pingouin_on_synthetic_data(
    pingouin_unrounded: Any, seed: int, people: int, items: int
) -> None:
    """Correlated 5-point answers of many shapes: alpha and CI equal pingouin's to 1e-9."""
    rng = np.random.default_rng(seed)
    trait = rng.normal(size=(people, 1))
    raw = trait + rng.normal(scale=1.2, size=(people, items))
    wide = pd.DataFrame(np.clip(np.round(raw + 3), 1, 5), columns=[f"q{i}" for i in range(items)])
    expected_alpha, expected_ci = pingouin_unrounded.cronbach_alpha(data=wide)
    alpha, ci = _ours(wide)
    assert abs(alpha - expected_alpha) < 1e-9
    assert np.allclose(ci, expected_ci, rtol=0, atol=1e-9)


def test_two_items_by_hand() -> None:
    """Items (1,2,3) and (1,3,2): alpha 2/3, item-total 0.5, and Feldt's F(2,2) interval in closed form."""
    figures = scale_figures(np.array([[1, 1], [2, 3], [3, 2]]))
    assert figures.alpha == pytest.approx(2 / 3, abs=1e-12)
    # For F(2, 2), P(F > x) = 1 / (1 + x), so isf(p) = 1/p - 1: 39 and 1/39.
    assert figures.ci == pytest.approx((1 - 39 / 3, 1 - (1 / 0.975 - 1) / 3), abs=1e-10)
    assert [i.item_total for i in figures.items] == pytest.approx([0.5, 0.5], abs=1e-12)
    assert [i.alpha_if_deleted for i in figures.items] == [None, None]  # one item left: no alpha


def test_three_items_by_hand() -> None:
    """Items (1,2,3), (1,2,3), (1,3,2): alpha 6/7, item-totals sqrt(3)/2 and 1/2, alphas if deleted."""
    figures = scale_figures(np.array([[1, 1, 1], [2, 2, 3], [3, 3, 2]]))
    assert figures.alpha == pytest.approx(6 / 7, abs=1e-12)
    totals = [i.item_total for i in figures.items]
    assert totals == pytest.approx([math.sqrt(3) / 2, math.sqrt(3) / 2, 0.5], abs=1e-12)
    deleted = [i.alpha_if_deleted for i in figures.items]
    assert deleted == pytest.approx([2 / 3, 2 / 3, 1.0], abs=1e-12)
    assert figures.people == 3 and all(i.top_share == pytest.approx(1 / 3) for i in figures.items)


def test_no_spread_gives_no_numbers_and_bad_input_is_refused() -> None:
    """Everyone alike gives alpha None (not NaN); missing answers or one item are refused with a reason."""
    figures = scale_figures(np.array([[3, 3], [3, 3], [3, 3]]))
    assert figures.alpha is None and figures.ci is None
    assert figures.items[0].item_total is None and figures.items[0].top_share == 1.0
    with pytest.raises(ValueError, match="answered every item"):
        cronbach_alpha(np.array([[1, 2], [np.nan, 3], [2, 2]]))
    with pytest.raises(ValueError, match="2 items"):
        cronbach_alpha(np.array([[1], [2], [3]]))


answers = st.integers(min_value=3, max_value=25).flatmap(
    lambda n: st.integers(min_value=2, max_value=7).flatmap(
        lambda k: st.lists(
            st.lists(st.integers(1, 5), min_size=k, max_size=k), min_size=n, max_size=n
        )
    )
)


@settings(max_examples=60, deadline=None)
@given(rows=answers, data=st.data())
def test_alpha_ignores_the_order_of_people_and_items(rows: list[list[int]], data: Any) -> None:
    """Shuffling people and items changes neither alpha nor its interval, and items keep their figures."""
    x = np.array(rows, dtype=float)
    people = data.draw(st.permutations(range(x.shape[0])))
    items = data.draw(st.permutations(range(x.shape[1])))
    before, after = scale_figures(x), scale_figures(x[np.ix_(people, items)])
    if before.alpha is None:
        assert after.alpha is None
        return
    assert after.alpha == pytest.approx(before.alpha, abs=1e-9)
    assert after.ci == pytest.approx(before.ci, abs=1e-9)
    for new, old in enumerate(items):
        moved, kept = after.items[new], before.items[old]
        assert (moved.item_total is None) == (kept.item_total is None)
        if kept.item_total is not None:
            assert moved.item_total == pytest.approx(kept.item_total, abs=1e-9)
