"""Cronbach's alpha, Feldt's interval and item statistics on a complete people-by-items matrix.

Formulas as in pingouin's `cronbach_alpha` (and R's psych::alpha):

    alpha = k / (k - 1) * (1 - sum of item variances / variance of the total)
    Feldt (1987): lower = 1 - (1 - alpha) * F.isf(0.025, n - 1, (n - 1)(k - 1))
                  upper = 1 - (1 - alpha) * F.isf(0.975, n - 1, (n - 1)(k - 1))

with n people, k items and sample variances (n - 1 in the denominator). Numbers that cannot be
computed (no spread in the answers) are None, never NaN.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .fdist import f_isf


@dataclass(frozen=True)
class ItemFigures:
    """One item's statistics within its scale."""

    item_total: float | None  # corrected: correlation with the sum of the *other* items
    alpha_if_deleted: float | None  # alpha of the scale without this item (None for k = 2)
    top_share: float  # share of people on the item's most chosen point


@dataclass(frozen=True)
class ScaleFigures:
    """A scale's alpha, its interval and its items' statistics."""

    people: int
    alpha: float | None
    ci: tuple[float, float] | None
    items: tuple[ItemFigures, ...]


def _finite(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


def _matrix(data: np.ndarray) -> np.ndarray:
    x = np.asarray(data, dtype=np.float64)
    if x.ndim != 2:
        raise ValueError(f"expected a people-by-items matrix, got {x.ndim} dimension(s)")
    n, k = x.shape
    if k < 2 or n < 2:
        raise ValueError(f"alpha needs at least 2 people and 2 items (got {n} and {k})")
    if not np.isfinite(x).all():
        raise ValueError("the matrix has missing answers; keep only people who answered every item")
    return x


def cronbach_alpha(data: np.ndarray) -> float | None:
    """Cronbach's alpha of a complete matrix (rows: people, columns: items); None without spread."""
    x = _matrix(data)
    k = x.shape[1]
    total = x.sum(axis=1).var(ddof=1)
    if total <= 0:
        return None
    return _finite(k / (k - 1) * (1.0 - x.var(axis=0, ddof=1).sum() / total))


def feldt_interval(
    alpha: float, people: int, items: int, level: float = 0.95
) -> tuple[float, float]:
    """Feldt's confidence interval for alpha, with n - 1 and (n - 1)(k - 1) degrees of freedom."""
    if not 0.0 < level < 1.0:
        raise ValueError(f"the confidence level must lie between 0 and 1 (got {level})")
    if people < 2 or items < 2:
        raise ValueError(f"an interval needs at least 2 people and 2 items (got {people}, {items})")
    tail = (1.0 - level) / 2.0
    df1 = people - 1
    df2 = df1 * (items - 1)
    lower = 1.0 - (1.0 - alpha) * f_isf(tail, df1, df2)
    upper = 1.0 - (1.0 - alpha) * f_isf(1.0 - tail, df1, df2)
    return lower, upper


def _correlation(a: np.ndarray, b: np.ndarray) -> float | None:
    da, db = a - a.mean(), b - b.mean()
    scale = math.sqrt(float((da * da).sum()) * float((db * db).sum()))
    if scale == 0.0:
        return None
    return _finite(float((da * db).sum()) / scale)


def _top_share(column: np.ndarray) -> float:
    _values, counts = np.unique(column, return_counts=True)
    return float(counts.max()) / len(column)


def scale_figures(data: np.ndarray, level: float = 0.95) -> ScaleFigures:
    """Alpha, Feldt's interval and, per item, corrected item-total r, alpha-if-deleted, top share."""
    x = _matrix(data)
    n, k = x.shape
    alpha = cronbach_alpha(x)
    ci = feldt_interval(alpha, n, k, level) if alpha is not None else None
    total = x.sum(axis=1)
    items = []
    for j in range(k):
        rest = np.delete(x, j, axis=1)
        items.append(
            ItemFigures(
                item_total=_correlation(x[:, j], total - x[:, j]),
                alpha_if_deleted=cronbach_alpha(rest) if k > 2 else None,
                top_share=_top_share(x[:, j]),
            )
        )
    return ScaleFigures(people=n, alpha=alpha, ci=ci, items=tuple(items))
