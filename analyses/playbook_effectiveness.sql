{#-
    Question (CS ops): which playbooks work, and which alerts are noise?

    One row per playbook (subject_type `playbook`) and per alert source x
    CTA reason (subject_type `alert`), each with its evidence and a verdict.

    Playbooks (dim_playbooks, fct_playbook_monthly), judged on their success
    metric:
      - usage_recovery (risk playbooks): the honest lift, i.e. the usage-per-
        seat lift of worked CTAs minus the lift of the comparison group (same
        reason, CTA closed invalid or left untouched) with its 95% interval.
        The plain before/after (`raw_before_after_lift`) is shown beside it:
        the usage-drop rule fires at the bottom of dips that recover by
        themselves, so a positive before/after alone proves nothing.
      - renewal: renewal rate at the next renewal of the playbook's CTAs vs
        the renewal rate of accounts that lost no sponsor in the year.
      - opportunity: conversion of valid CTAs to an opportunity, and to won.
      - completion (lifecycle and follow-up playbooks): on-time rate and,
        for lifecycle playbooks, cadence compliance.
    A playbook with fewer than `min_ctas` measured CTAs in either group is
    `too few to judge`.

    Alerts (fct_alert_rules_monthly, fct_mrr_movements), over the months
    whose precision window is complete: the share of closed alerts CSMs
    marked not valid (with the top reasons), precision (alerts followed by
    churn or contraction within the window) against the base rate (paying
    account-months followed by churn or contraction within the next three
    months, i.e. what alerting at random would score), and recall (churned
    accounts the source alerted first, over months whose look-back history
    is complete). `noise` = most closed alerts judged not valid, or
    precision not clearly above the base rate.

    Thresholds are judgement calls, set below. Read the evidence columns,
    not just the verdict. Run: dbt compile --select playbook_effectiveness,
    then run target/compiled/cs_analytics/analyses/playbook_effectiveness.sql
    against the warehouse.
-#}

{%- set min_ctas = 30 %}
{%- set noise_invalid_rate = 0.40 %}
{%- set min_precision_lift = 1.5 %}

with playbooks as (

    select * from {{ ref('dim_playbooks') }}

),

playbook_monthly as (

    select * from {{ ref('fct_playbook_monthly') }}

),

alert_rules_monthly as (

    select * from {{ ref('fct_alert_rules_monthly') }}

),

mrr_movements as (

    select * from {{ ref('fct_mrr_movements') }}

),

playbook_totals as (

    select
        playbook_id,
        sum(ctas_closed_with_due_date) as ctas_closed_with_due_date,
        sum(ctas_closed_on_time) as ctas_closed_on_time,
        sum(opportunity_ctas) as opportunity_ctas,
        sum(converted_ctas) as converted_ctas,
        sum(won_ctas) as won_ctas,
        sum(won_arr) as won_arr,
        sum(renewals_observed) as renewals_observed,
        sum(renewals_renewed) as renewals_renewed,
        sum(lifecycle_evaluations) as lifecycle_evaluations,
        sum(lifecycle_compliant) as lifecycle_compliant
    from playbook_monthly
    group by playbook_id

),

-- the renewal baseline does not depend on the playbook: take it once per month
no_sponsor_loss as (

    select
        month_start,
        max(no_sponsor_loss_renewals_observed) as renewals_observed,
        max(no_sponsor_loss_renewed) as renewals_renewed
    from playbook_monthly
    where no_sponsor_loss_renewals_observed is not null
    group by month_start

),

no_sponsor_loss_totals as (

    select
        sum(renewals_observed) as renewals_observed,
        sum(renewals_renewed) as renewals_renewed
    from no_sponsor_loss

),

playbook_evidence as (

    select
        playbooks.playbook_id,
        playbooks.playbook_name,
        playbooks.category,
        playbooks.success_metric,
        playbooks.ctas_created,
        playbooks.success_rate,
        playbooks.invalid_rate,
        playbooks.worked_ctas_measured,
        playbooks.comparison_ctas_measured,
        playbooks.avg_usage_lift as raw_before_after_lift,
        playbooks.comparison_usage_lift,
        playbooks.lift_vs_comparison,
        playbooks.lift_vs_comparison_ci_lower,
        playbooks.lift_vs_comparison_ci_upper,
        playbooks.is_lift_significant,
        cast(playbook_totals.ctas_closed_on_time as decimal(18, 6))
        / nullif(playbook_totals.ctas_closed_with_due_date, 0) as on_time_rate,
        cast(playbook_totals.converted_ctas as decimal(18, 6))
        / nullif(playbook_totals.opportunity_ctas, 0) as conversion_rate,
        cast(playbook_totals.won_ctas as decimal(18, 6))
        / nullif(playbook_totals.converted_ctas, 0) as win_rate,
        playbook_totals.won_arr,
        playbook_totals.renewals_observed,
        cast(playbook_totals.renewals_renewed as decimal(18, 6))
        / nullif(playbook_totals.renewals_observed, 0) as renewal_rate,
        cast(no_sponsor_loss_totals.renewals_renewed as decimal(18, 6))
        / nullif(no_sponsor_loss_totals.renewals_observed, 0) as baseline_renewal_rate,
        cast(playbook_totals.lifecycle_compliant as decimal(18, 6))
        / nullif(playbook_totals.lifecycle_evaluations, 0) as compliance_rate
    from playbooks
    left join playbook_totals
        on playbooks.playbook_id = playbook_totals.playbook_id
    cross join no_sponsor_loss_totals

),

playbook_verdicts as (

    select
        'playbook' as subject_type,
        playbook_id as subject_id,
        playbook_name as subject_name,
        category,
        success_metric,
        ctas_created as volume,
        invalid_rate,
        raw_before_after_lift,
        comparison_usage_lift,
        lift_vs_comparison,
        lift_vs_comparison_ci_lower,
        lift_vs_comparison_ci_upper,
        worked_ctas_measured,
        comparison_ctas_measured,
        success_rate,
        on_time_rate,
        conversion_rate,
        win_rate,
        won_arr,
        renewal_rate,
        baseline_renewal_rate,
        compliance_rate,
        cast(null as decimal(18, 6)) as precision_rate,
        cast(null as decimal(18, 6)) as precision_base_rate,
        cast(null as decimal(18, 6)) as recall_rate,
        cast(null as {{ dbt.type_string() }}) as top_not_valid_reasons,
        case
            when coalesce(ctas_created, 0) = 0 then 'not used'
            when
                success_metric = 'usage_recovery'
                and (
                    coalesce(worked_ctas_measured, 0) < {{ min_ctas }}
                    or coalesce(comparison_ctas_measured, 0) < {{ min_ctas }}
                )
                then 'too few to judge'
            when success_metric = 'usage_recovery' and is_lift_significant and lift_vs_comparison > 0
                then 'works: lifts usage beyond the comparison group'
            when success_metric = 'usage_recovery' and is_lift_significant
                then 'harms: usage below the comparison group'
            when success_metric = 'usage_recovery' and raw_before_after_lift > 0
                then 'no evidence it works: its before/after is regression to the mean'
            when success_metric = 'usage_recovery'
                then 'no evidence it works'
            when success_metric = 'renewal' and coalesce(renewals_observed, 0) < {{ min_ctas }}
                then 'too few renewals observed to judge'
            when success_metric = 'renewal' and renewal_rate >= baseline_renewal_rate
                then 'renews at least as well as accounts without a sponsor loss'
            when success_metric = 'renewal'
                then 'renews below accounts without a sponsor loss'
            when success_metric = 'opportunity'
                then 'funnel: see conversion_rate, win_rate, won_arr'
            else 'execution: see on_time_rate and compliance_rate'
        end as verdict
    from playbook_evidence

),

-- base rate: a paying account-month followed by churn or contraction in one of the next three months
last_month as (

    select max(month_start) as month_start
    from mrr_movements

),

paying_months as (

    select
        account_id,
        month_start
    from mrr_movements
    where mrr > 0

),

bad_months as (

    select
        account_id,
        month_start
    from mrr_movements
    where movement in ('churn', 'contraction')

),

paying_months_followed as (

    select
        paying_months.account_id,
        paying_months.month_start,
        max(case when bad_months.account_id is not null then 1 else 0 end) as is_followed
    from paying_months
    left join bad_months
        on
            paying_months.account_id = bad_months.account_id
            and paying_months.month_start < bad_months.month_start
            and {{ dbt.dateadd('month', 3, 'paying_months.month_start') }} >= bad_months.month_start
    cross join last_month
    where {{ dbt.dateadd('month', 3, 'paying_months.month_start') }} <= last_month.month_start
    group by paying_months.account_id, paying_months.month_start

),

base_rate as (

    select cast(sum(is_followed) as decimal(18, 6)) / nullif(count(*), 0) as precision_base_rate
    from paying_months_followed

),

alert_totals as (

    select
        rule_id,
        reason,
        alert_source,
        sum(case when is_precision_window_complete then alerts_fired else 0 end) as alerts_judged,
        sum(alerts_fired) as alerts_fired,
        sum(alerts_closed) as alerts_closed,
        sum(alerts_invalid) as alerts_invalid,
        sum(
            case when is_precision_window_complete then alerts_followed_by_churn_or_contraction else 0 end
        ) as alerts_followed,
        sum(case when is_recall_history_complete then churned_accounts else 0 end) as churned_accounts,
        sum(case when is_recall_history_complete then churned_accounts_alerted else 0 end)
            as churned_accounts_alerted
    from alert_rules_monthly
    group by rule_id, reason, alert_source

),

-- the most frequent monthly top reasons, as a pointer to where the noise comes from
alert_reasons as (

    select
        rule_id,
        reason,
        top_not_valid_reason,
        sum(top_not_valid_reason_alerts) as alerts,
        row_number() over (
            partition by rule_id, reason
            order by sum(top_not_valid_reason_alerts) desc, top_not_valid_reason asc
        ) as reason_rank
    from alert_rules_monthly
    where top_not_valid_reason is not null
    group by rule_id, reason, top_not_valid_reason

),

alert_evidence as (

    select
        alert_totals.*,
        base_rate.precision_base_rate,
        cast(alert_totals.alerts_invalid as decimal(18, 6)) / nullif(alert_totals.alerts_closed, 0)
            as invalid_rate,
        cast(alert_totals.alerts_followed as decimal(18, 6)) / nullif(alert_totals.alerts_judged, 0)
            as precision_rate,
        cast(alert_totals.churned_accounts_alerted as decimal(18, 6)) / nullif(alert_totals.churned_accounts, 0)
            as recall_rate,
        alert_reasons.top_not_valid_reason
    from alert_totals
    cross join base_rate
    left join alert_reasons
        on
            alert_totals.rule_id = alert_reasons.rule_id
            and alert_totals.reason = alert_reasons.reason
            and alert_reasons.reason_rank = 1

),

alert_verdicts as (

    select
        'alert' as subject_type,
        rule_id as subject_id,
        reason as subject_name,
        alert_source as category,
        cast(null as {{ dbt.type_string() }}) as success_metric,
        alerts_fired as volume,
        invalid_rate,
        cast(null as decimal(18, 6)) as raw_before_after_lift,
        cast(null as decimal(18, 6)) as comparison_usage_lift,
        cast(null as decimal(18, 6)) as lift_vs_comparison,
        cast(null as decimal(18, 6)) as lift_vs_comparison_ci_lower,
        cast(null as decimal(18, 6)) as lift_vs_comparison_ci_upper,
        cast(null as bigint) as worked_ctas_measured,
        cast(null as bigint) as comparison_ctas_measured,
        cast(null as decimal(18, 6)) as success_rate,
        cast(null as decimal(18, 6)) as on_time_rate,
        cast(null as decimal(18, 6)) as conversion_rate,
        cast(null as decimal(18, 6)) as win_rate,
        cast(null as decimal(18, 2)) as won_arr,
        cast(null as decimal(18, 6)) as renewal_rate,
        cast(null as decimal(18, 6)) as baseline_renewal_rate,
        cast(null as decimal(18, 6)) as compliance_rate,
        precision_rate,
        precision_base_rate,
        recall_rate,
        top_not_valid_reason as top_not_valid_reasons,
        case
            when alerts_judged < {{ min_ctas }} then 'too few alerts to judge'
            when invalid_rate >= {{ noise_invalid_rate }} then 'noise: most alerts closed as not valid'
            when precision_rate < {{ min_precision_lift }} * precision_base_rate
                then 'noise: precision not clearly above the base rate'
            else 'signal'
        end as verdict
    from alert_evidence

),

final as (

    select * from playbook_verdicts
    union all
    select * from alert_verdicts

)

select * from final
order by subject_type desc, subject_id asc, subject_name asc
