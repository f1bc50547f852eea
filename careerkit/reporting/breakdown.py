"""A privacy-checked table of people counts, ready for a chart or a table (pandas lives here)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Breakdown:
    """People counts ready for a chart or a table: hidden cells are <NA>; `note` says why."""

    title: str
    counts: pd.DataFrame  # index: row keys, columns: category keys (str); Int64, <NA> = hidden
    totals: pd.Series  # people behind each row; <NA> when the whole row is hidden
    row_labels: dict[str, str]
    column_labels: dict[str, str]
    threshold: int
    note: str = ""

    @property
    def hidden(self) -> pd.DataFrame:
        """True where a cell is not shown."""
        return self.counts.isna()

    @property
    def anything_shown(self) -> bool:
        """Whether at least one count is shown."""
        return bool(self.counts.notna().to_numpy().any())


def masked(values: pd.DataFrame, hidden: pd.DataFrame | np.ndarray) -> pd.DataFrame:
    """Counts as nullable integers with the hidden cells set to <NA>."""
    out = values.astype("Int64")
    return out.mask(np.asarray(hidden, dtype=bool))
