"""Quantiles of the F distribution, for Feldt's interval around Cronbach's alpha, without scipy.

The F distribution's tail is a regularized incomplete beta function:
P(F > x) = I_w(d2/2, d1/2) with w = d2 / (d2 + d1 x). `beta_inc` evaluates it by the continued
fraction of Numerical Recipes (modified Lentz); `f_isf` inverts it by bisection in whichever
tail keeps the root away from 1, and agrees with scipy.stats.f.isf to about 1e-10.
"""

from __future__ import annotations

import math

_TINY = 1e-300
_EPS = 1e-16
_MAX_TERMS = 100_000


def _continued_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of I_x(a, b), good for x < (a + 1) / (a + b + 2)."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, _MAX_TERMS):
        m2 = 2 * m
        for num in (
            m * (b - m) * x / ((qam + m2) * (a + m2)),
            -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)),
        ):
            d = 1.0 + num * d
            d = 1.0 / (d if abs(d) > _TINY else _TINY)
            c = 1.0 + num / c
            c = c if abs(c) > _TINY else _TINY
            h *= d * c
        if abs(d * c - 1.0) < _EPS:
            return h
    raise ArithmeticError(f"the incomplete beta fraction did not settle for a={a}, b={b}, x={x}")


def beta_inc(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta function I_x(a, b), for a, b > 0 and 0 <= x <= 1."""
    if not (a > 0 and b > 0 and 0.0 <= x <= 1.0):
        raise ValueError(f"beta_inc needs a, b > 0 and 0 <= x <= 1 (got a={a}, b={b}, x={x})")
    if x in (0.0, 1.0):
        return x
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _continued_fraction(a, b, x) / a
    return 1.0 - front * _continued_fraction(b, a, 1.0 - x) / b


def f_sf(x: float, d1: float, d2: float) -> float:
    """P(F > x) for the F distribution with d1 and d2 degrees of freedom."""
    if x <= 0:
        return 1.0
    return beta_inc(d2 / 2.0, d1 / 2.0, d2 / (d2 + d1 * x))


def _root(a: float, b: float, q: float) -> float:
    """The w in (0, 1) with I_w(a, b) = q, halved down to the last representable step."""
    low, high = 0.0, 1.0
    while True:
        mid = 0.5 * (low + high)
        if mid in (low, high):
            return mid
        if beta_inc(a, b, mid) < q:
            low = mid
        else:
            high = mid


def f_isf(p: float, d1: float, d2: float) -> float:
    """The x with P(F > x) = p: scipy.stats.f.isf(p, d1, d2), for 0 < p < 1."""
    if not 0.0 < p < 1.0:
        raise ValueError(f"f_isf needs 0 < p < 1 (got {p})")
    if not (d1 > 0 and d2 > 0):
        raise ValueError(f"f_isf needs positive degrees of freedom (got {d1}, {d2})")
    if p <= 0.5:
        # Upper tail: P(F > x) = I_w(d2/2, d1/2), w = d2 / (d2 + d1 x), small for large x.
        w = _root(d2 / 2.0, d1 / 2.0, p)
        return d2 * (1.0 - w) / (d1 * w)
    # Lower tail: P(F <= x) = I_v(d1/2, d2/2), v = d1 x / (d1 x + d2), small for small x.
    v = _root(d1 / 2.0, d2 / 2.0, 1.0 - p)
    return d2 * v / (d1 * (1.0 - v))
