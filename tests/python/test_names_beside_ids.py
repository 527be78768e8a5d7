"""Names beside ids (issue 13, section 3): every id a dashboard filters on carries the display name its
dimension gives it, and people's display names are unique.

On the session's clean build: for each fact, every row whose id is known to the dimension carries exactly
the dimension's name for it (and a name whenever the dimension has one).
"""
from __future__ import annotations

import pytest

PAIRS = [
    # fact, id column, name column, dimension, dimension id, dimension name
    ("fct_mrr_movements", "account_id", "account_name", "dim_accounts", "account_id", "account_name"),
    ("fct_mrr_movements", "csm_user_id", "csm_display_name", "dim_users", "user_id", "display_name"),
    ("fct_csm_monthly", "user_id", "user_display_name", "dim_users", "user_id", "display_name"),
    ("fct_ctas", "account_id", "account_name", "dim_accounts", "account_id", "account_name"),
    ("fct_ctas", "owner_user_id", "owner_display_name", "dim_users", "user_id", "display_name"),
    ("fct_ctas", "playbook_id", "playbook_name", "dim_playbooks", "playbook_id", "playbook_name"),
    ("fct_program_monthly", "program_id", "program_name", "dim_programs", "program_id", "program_name"),
    ("fct_program_lift", "program_id", "program_name", "dim_programs", "program_id", "program_name"),
    ("fct_alert_rules_monthly", "rule_id", "rule_label", "dim_alert_rules", "rule_id", "rule_label"),
    ("dim_users", "manager_user_id", "manager_display_name", "dim_users", "user_id", "display_name"),
    ("fct_account_onboarding", "account_id", "account_name", "dim_accounts", "account_id", "account_name"),
    ("fct_account_onboarding", "csm_user_id", "csm_display_name", "dim_users", "user_id", "display_name"),
    ("fct_onboarding_cohorts", "csm_user_id", "csm_display_name", "dim_users", "user_id", "display_name"),
    ("fct_account_lifecycle_monthly", "account_id", "account_name", "dim_accounts", "account_id", "account_name"),
    ("fct_account_lifecycle_monthly", "csm_user_id", "csm_display_name", "dim_users", "user_id", "display_name"),
]


@pytest.mark.parametrize("fact,id_col,name_col,dim,dim_id,dim_name", PAIRS, ids=[f"{p[0]}.{p[2]}" for p in PAIRS])
def test_name_beside_id_matches_its_dimension(clean_warehouse, fact, id_col, name_col, dim, dim_id, dim_name):
    rows, named, wrong = clean_warehouse.query(f"""
        select count(*),
               count(f.{name_col}),
               count(*) filter (where d.{dim_name} is not null
                                and (f.{name_col} is null or f.{name_col} <> d.{dim_name}))
        from marts.{fact} as f
        inner join marts.{dim} as d on f.{id_col} = d.{dim_id}
        where f.{id_col} is not null
    """)[0]
    assert rows > 0, f"no {fact} row joins {dim}: nothing was checked"
    assert wrong == 0, f"{wrong} of {rows} {fact} rows carry a {name_col} that is not {dim}.{dim_name}"
    assert named > 0


def test_display_names_are_unique_and_complete(clean_warehouse):
    users, labels, nulls = clean_warehouse.query(
        "select count(*), count(distinct display_name), count(*) - count(display_name) from marts.dim_users")[0]
    assert users > 0 and labels == users and nulls == 0


def test_every_alert_source_has_a_dimension_row(clean_warehouse):
    missing = clean_warehouse.query("""
        select distinct f.rule_id from marts.fct_alert_rules_monthly as f
        left join marts.dim_alert_rules as d on f.rule_id = d.rule_id where d.rule_id is null
        union all
        select distinct c.rule_id from marts.fct_ctas as c
        left join marts.dim_alert_rules as d on c.rule_id = d.rule_id
        where c.rule_id is not null and d.rule_id is null
    """)
    assert not missing, f"rules without a dim_alert_rules row: {missing}"
    fired = clean_warehouse.query("select sum(alerts_fired) from marts.dim_alert_rules")[0][0]
    assert fired == clean_warehouse.query("select count(*) from marts.fct_ctas")[0][0]
