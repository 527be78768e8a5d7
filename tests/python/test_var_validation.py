"""Bad configuration fails at the start of a run with "var X must be ..." (issue 14).

The package validates every var in an on-run-start hook (macros/validation/validate_vars.sql).
dbt renders an installed package's hooks in the user's project, so each case runs
`dbt build --vars ...` in a small user project that installs this checkout like README
"Install into your dbt project" (packages.yml `local:`), and must fail with the message that
names the var, before any model is built. `dbt run-operation cs_analytics.validate_vars`
gives the same verdict without building, and passes on a valid configuration.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

DBT = Path(sys.executable).parent / "dbt"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("var_validation")
    (d / "dbt_project.yml").write_text(yaml.safe_dump({
        "name": "my_cs_project", "version": "1.0.0", "config-version": 2, "profile": "cs_analytics"}))
    (d / "packages.yml").write_text(yaml.safe_dump({"packages": [{"local": str(ROOT)}]}))
    proc = _dbt(d, ["deps"])
    assert proc.returncode == 0, proc.stdout[-3000:]
    return d


def _dbt(d: Path, args: list[str]) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update({"DBT_PROFILES_DIR": str(ROOT), "CS_DUCKDB_PATH": str(d / "warehouse.duckdb"),
                "DBT_TARGET_PATH": str(d / "target"), "DBT_LOG_PATH": str(d / "logs"),
                "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"})
    return subprocess.run([str(DBT), *args], cwd=d, env=env, capture_output=True, text=True)


CASES = [
    ("{reconversion_window_days: abc}",
     "var reconversion_window_days must be a whole number of days >= 0, got 'abc'"),
    ("{program_window_days: -30}",
     "var program_window_days must be a whole number of days >= 0, got '-30'"),
    ("{health_red_below: 80, health_green_from: 70}",
     "var health_red_below must be <= var health_green_from, got 80 > 70"),
    ("{as_of_date: '2025-13-45'}",
     "var as_of_date must be a date 'YYYY-MM-DD' or null, got '2025-13-45'"),
    ("{as_of_date: '2025-02-30'}",
     "var as_of_date must be a date 'YYYY-MM-DD' or null, got '2025-02-30'"),
    ("{gross_margin: 1.5}",
     "var gross_margin must be a number > 0 and <= 1, got '1.5'"),
    ("{response_hours_include_tickets: 'no'}",
     "var response_hours_include_tickets must be true or false, got 'no'"),
    ("{cs_salesforce_ids: sometimes}", "var cs_salesforce_ids must be true or false, got 'sometimes'"),
    ("{earliest_plausible_date: 'soon'}",
     "var earliest_plausible_date must be a date 'YYYY-MM-DD', got 'soon'"),
]


@pytest.mark.parametrize("vars_, message", CASES, ids=[c[1].split()[1] + "-" + str(i) for i, c in enumerate(CASES)])
def test_build_fails_naming_the_var(project, vars_, message):
    proc = _dbt(project, ["build", "--vars", vars_])
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out[-3000:]
    assert message in out, out[-3000:]
    assert "OK created" not in out and "PASS" not in out, out[-3000:]


def test_run_operation_reports_every_problem_at_once(project):
    proc = _dbt(project, ["run-operation", "cs_analytics.validate_vars", "--vars",
                          "{reconversion_window_days: abc, baseline_window_days: 0, as_of_date: '2025-13-45'}"])
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    for message in ("var reconversion_window_days must be", "var baseline_window_days must be a whole number of days >= 1",
                    "var as_of_date must be"):
        assert message in out, out[-3000:]


def test_valid_configuration_passes(project):
    """Defaults, and a YAML date / numbers as text / a red threshold equal to green, are valid."""
    for vars_ in ("{}", "{as_of_date: 2025-06-30, reconversion_window_days: '14', health_red_below: 70}"):
        proc = _dbt(project, ["run-operation", "cs_analytics.validate_vars", "--vars", vars_])
        out = proc.stdout + proc.stderr
        assert proc.returncode == 0, out[-3000:]
        assert "cs_analytics: every var is valid" in out, out[-3000:]
