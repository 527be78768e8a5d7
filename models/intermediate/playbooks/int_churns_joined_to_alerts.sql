{#-
    Alert recall: every churn (an account's MRR falling to zero, from
    `int_account_mrr_monthly`) paired with every alert source (the rule that
    fires CTAs, or `manual` for CTAs a person opened, with the CTA reason),
    and whether that source had opened a CTA on the account in the window
    before the churn: created day < first day of the churn month <= created
    day + var `alert_precision_window_days` (90), the same window as
    precision, read backwards.
-#}

{{ config(materialized='table') }}

{%- set precision_days = var('alert_precision_window_days', 90) %}

with mrr_monthly as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

ctas as (

    select * from {{ ref('int_ctas_enriched') }}

),

alerts as (

    select
        cta_id,
        account_id,
        coalesce(rule_id, 'manual') as rule_id,
        coalesce(reason, 'unknown') as reason,
        created_date
    from ctas

),

alert_sources as (

    select distinct
        rule_id,
        reason
    from alerts

),

churns as (

    select
        account_id,
        month_start
    from mrr_monthly
    where movement = 'churn'

),

pairs as (

    select
        churns.account_id,
        churns.month_start,
        alert_sources.rule_id,
        alert_sources.reason
    from churns
    cross join alert_sources

),

alerted as (

    select
        pairs.account_id,
        pairs.month_start,
        pairs.rule_id,
        pairs.reason,
        count(*) as alerts_before_churn
    from pairs
    inner join alerts
        on
            pairs.account_id = alerts.account_id
            and pairs.rule_id = alerts.rule_id
            and pairs.reason = alerts.reason
            and pairs.month_start > alerts.created_date
            and pairs.month_start <= cast({{ dbt.dateadd('day', precision_days, 'alerts.created_date') }} as date)
    group by pairs.account_id, pairs.month_start, pairs.rule_id, pairs.reason

),

final as (

    select
        -- ids
        pairs.account_id,
        pairs.rule_id,

        -- strings
        pairs.reason,

        -- numerics
        cast(coalesce(alerted.alerts_before_churn, 0) as integer) as alerts_before_churn,

        -- booleans
        coalesce(alerted.alerts_before_churn, 0) > 0 as was_alerted_before_churn,

        -- dates
        pairs.month_start as churn_month

    from pairs
    left join alerted
        on
            pairs.account_id = alerted.account_id
            and pairs.month_start = alerted.month_start
            and pairs.rule_id = alerted.rule_id
            and pairs.reason = alerted.reason

)

select * from final
