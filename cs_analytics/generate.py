"""Synthetic raw data for cs_analytics, with the truth it planted.

Usage::

    python -m cs_analytics.generate --accounts 200 --months 18 --seed 7 --duckdb raw.duckdb
    python -m cs_analytics.generate --accounts 60 --months 12 --seed 42 --out integration_tests/seeds/demo
    ... --dirty      # inject every defect class a real export has (counted in the truth)

Everything is vectorised with NumPy (loops run over months, days or small
vocabularies, never over rows) and loaded into DuckDB through Arrow. The same
seed gives the same bytes.

The truth (``truth.json`` plus the ``truth`` schema / ``_truth/`` CSVs) holds the
MRR ledger per account-month, each playbook's planted usage effect and its
effect on the recovery rate, each program's planted lift over its holdout and
open/click probabilities, each alert rule's realised precision, the planted
false alerts (rules and behavioural triggers fire on the realised usage feed;
these fire without their condition), and the count of every defect per raw table.
"""
from __future__ import annotations

import argparse
import os

# The generator lives in cs_analytics/generator/ (one module per source system); its names are
# re-exported here so `from cs_analytics.generate import generate` keeps working.
from .generator import Generator, generate  # noqa: F401
from .generator.core import COVERAGE, DAY, SCHEMAS, SEC_PER_DAY, SEGMENTS  # noqa: F401
from .generator.core import _at, _first_of_month, _month_starts, _secs  # noqa: F401
from .generator.crm import FIRST, INDUSTRIES, LAST, REGIONS, SUFFIX, WORDS  # noqa: F401
from .generator.cs_platform import CTA_STATUS, CTA_STATUS_OPEN, NOT_VALID_REASONS  # noqa: F401
from .generator.planted import (  # noqa: F401
    PLAYBOOKS,
    USAGE_RULE_THRESHOLD,
    DIPS_PER_YEAR,
    DIP_DAYS,
    DIP_DEPTH,
    CHURN_SEGMENT_HAZARD,
    CHURN_RISK_COEF,
    CHURN_USAGE_COEF,
    CHURN_CHAMPION_MULT,
    USAGE_BASE_CENTRE,
    USAGE_RULE_TRAILING_DAYS,
    PLATFORM_LAG_DAYS,
    HEALTH_FLOOR,
    FALSE_ALERT_RATE_PER_DAY,
    PROGRAM_WINDOW_DAYS,
    PROGRAMS,
    ONBOARDING_SEGMENT_SCALE,
    ONBOARDING_STALL_SHARE,
    HEALTH_TARGET,
    HEALTH_TREND_SHARE,
    HEALTH_RED_BELOW,
)
from .generator.product import CHUNK, FEATURES  # noqa: F401


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--accounts", type=int, default=200)
    p.add_argument("--months", type=int, default=18)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--end-date", default="2026-10-31", help="last day of generated activity (fixed, so output is reproducible)")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--out", help="write CSVs to DIR/<source>/<table>.csv and the truth to DIR/_truth/")
    g.add_argument("--duckdb", help="write raw_* schemas (and the truth schema) into this DuckDB file")
    p.add_argument("--truth", help="where to write truth.json (default beside the output)")
    p.add_argument("--dirty", action="store_true", help="inject every defect class a real export has")
    a = p.parse_args(argv)
    if a.duckdb and os.path.exists(a.duckdb):
        os.remove(a.duckdb)
    generate(a.accounts, a.months, a.seed, a.end_date, duckdb_path=a.duckdb, out_dir=a.out, dirty=a.dirty, truth_path=a.truth)


if __name__ == "__main__":
    main()
