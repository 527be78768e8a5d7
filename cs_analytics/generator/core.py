"""The generator's core: the calendar (window months and days), the random stream, the raw
schemas and the loader every source module writes through, and the truth dict."""
from __future__ import annotations

import numpy as np

from ..tables import load_table

DAY = np.timedelta64(1, "D")
SEC_PER_DAY = 86400
SEGMENTS = ["smb", "mid_market", "enterprise"]
COVERAGE = ["high_touch", "low_touch", "one_to_many"]

SCHEMAS = {"crm": "raw_crm", "billing": "raw_billing", "product": "raw_product", "cs_platform": "raw_cs",
           "support": "raw_support", "digital": "raw_digital", "surveys": "raw_surveys"}


def _month_starts(end: np.datetime64, months: int) -> np.ndarray:
    last = end.astype("datetime64[M]")
    return np.arange(last - (months - 1), last + 1).astype("datetime64[D]")


def _first_of_month(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[M]").astype("datetime64[D]")


def _secs(rng, n, lo=8, hi=18):
    """Random seconds inside business hours."""
    return (rng.integers(lo * 3600, hi * 3600, n)).astype("timedelta64[s]")


def _at(days, secs):
    return days.astype("datetime64[s]") + secs


class GeneratorCore:
    """Parameters, calendar, random stream and the table loader shared by every source module."""

    def __init__(self, accounts: int, months: int, seed: int, end_date: str, con=None):
        self.con = con
        self.counts: dict[str, int] = {}
        self.A = accounts
        self.M = months
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self.end = np.datetime64(end_date, "D")
        self.ms = _month_starts(self.end, months)  # window month starts
        self.start = self.ms[0]
        self.days = np.arange(self.start, self.end + DAY)
        self.D = len(self.days)
        self.tables: dict[tuple[str, str], dict] = {}
        self.truth: dict = {"parameters": {"accounts": accounts, "months": months, "seed": seed,
                                           "end_date": str(self.end), "window_start": str(self.start)}}

    def add(self, source, table, cols, append=False):
        """Load a table (or one more chunk of it) into DuckDB as raw text."""
        key = f"{source}.{table}"
        offset = self.counts.get(key, 0) if append else 0
        n = load_table(self.con, SCHEMAS[source], table, cols, append=append, rn_offset=offset)
        self.counts[key] = offset + n
