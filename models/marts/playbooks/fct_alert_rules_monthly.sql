{#-
    Alert quality per alert source and month: one row per rule (or `manual`
    for CTAs a person opened) x CTA reason x month, from the month of the
    first CTA to the as-of month. Alerts are counted in the month they fired
    (the CTA was opened): how many, how many were closed, the share closed
    as not valid with the top three reasons CSMs gave, and precision: the
    share followed by churn or contraction within var
    `alert_precision_window_days` (90) days (created day < first day of the
    movement month <= created day + window). Recall is counted in the month
    of the churn: the share of accounts that churned that month which this
    source had alerted within the same window before (trustworthy once the
    CS platform's history covers the whole window: `is_recall_history_complete`).
    False alerts: usage-drop alerts whose condition did not hold at fire.
-#}

{%- set precision_days = var('alert_precision_window_days', 90) %}

with ctas as (

    select * from {{ ref('int_ctas_enriched') }}

),

outcomes as (

    select * from {{ ref('int_ctas_joined_to_outcomes') }}

),

usage as (

    select * from {{ ref('int_ctas_joined_to_usage') }}

),

churns as (

    select * from {{ ref('int_churns_joined_to_alerts') }}

),

months as (

    select * from {{ ref('int_months') }}

),

rules as (

    select * from {{ ref('int_alert_rules') }}

),

rule_labels as (

    select
        rule_id as labelled_rule_id,
        rule_label
    from rules

),

alerts as (

    select
        ctas.cta_id,
        coalesce(ctas.rule_id, 'manual') as rule_id,
        coalesce(ctas.reason, 'unknown') as reason,
        ctas.created_month,
        ctas.is_closed,
        ctas.is_invalid,
        ctas.outcome,
        ctas.not_valid_reason,
        outcomes.is_followed_by_churn_or_contraction,
        outcomes.is_precision_window_complete,
        usage.condition_met_at_fire
    from ctas
    inner join outcomes
        on ctas.cta_id = outcomes.cta_id
    left join usage
        on ctas.cta_id = usage.cta_id

),

alert_sources as (

    select distinct
        rule_id,
        reason
    from alerts

),

report_months as (

    select
        month_start,
        month_end,
        as_of_date,
        max(case when is_as_of_month then month_end end) over () as as_of_month_end,
        (select min(ctas.created_date) from ctas) as first_alert_date
    from months
    where month_start >= (select min(alerts.created_month) from alerts)

),

spine as (

    select
        alert_sources.rule_id,
        alert_sources.reason,
        report_months.month_start,
        {#- every alert of the month has a complete window when its last day's window ends before the
            first month not yet in the calendar #}
        cast({{ dbt.dateadd('day', precision_days - 1, 'report_months.month_end') }} as date)
        < report_months.as_of_month_end as is_precision_window_complete,
        {#- recall looks back a full window only once the CS platform's history covers it #}
        cast({{ dbt.dateadd('day', -precision_days, 'report_months.month_start') }} as date)
        >= report_months.first_alert_date as is_recall_history_complete
    from alert_sources
    cross join report_months

),

alert_stats as (

    select
        rule_id,
        reason,
        created_month as month_start,
        count(*) as alerts_fired,
        sum(case when is_closed then 1 else 0 end) as alerts_closed,
        sum(case when is_closed and is_invalid then 1 else 0 end) as alerts_invalid,
        sum(case when outcome = 'auto_resolved' then 1 else 0 end) as alerts_auto_resolved,
        sum(case when condition_met_at_fire is not null then 1 else 0 end) as alerts_condition_judged,
        sum(case when not condition_met_at_fire then 1 else 0 end) as false_alerts,
        sum(case when is_followed_by_churn_or_contraction then 1 else 0 end)
            as alerts_followed_by_churn_or_contraction
    from alerts
    group by rule_id, reason, created_month

),

reason_counts as (

    select
        rule_id,
        reason,
        created_month as month_start,
        coalesce(not_valid_reason, '(no reason given)') as not_valid_reason,
        count(*) as alerts
    from alerts
    where is_closed and is_invalid
    group by rule_id, reason, created_month, coalesce(not_valid_reason, '(no reason given)')

),

reasons_ranked as (

    select
        *,
        row_number() over (
            partition by rule_id, reason, month_start
            order by alerts desc, not_valid_reason asc
        ) as reason_rank
    from reason_counts

),

top_reasons as (

    select
        rule_id,
        reason,
        month_start,
        max(case when reason_rank = 1 then not_valid_reason end) as reason_1,
        max(case when reason_rank = 1 then alerts end) as reason_1_alerts,
        max(case when reason_rank = 2 then not_valid_reason end) as reason_2,
        max(case when reason_rank = 2 then alerts end) as reason_2_alerts,
        max(case when reason_rank = 3 then not_valid_reason end) as reason_3,
        max(case when reason_rank = 3 then alerts end) as reason_3_alerts
    from reasons_ranked
    where reason_rank <= 3
    group by rule_id, reason, month_start

),

churn_stats as (

    select
        rule_id,
        reason,
        churn_month as month_start,
        count(*) as churned_accounts,
        sum(case when was_alerted_before_churn then 1 else 0 end) as churned_accounts_alerted
    from churns
    group by rule_id, reason, churn_month

),

joined as (

    select
        spine.rule_id,
        rule_labels.rule_label,
        spine.reason,
        spine.month_start,
        spine.is_precision_window_complete,
        spine.is_recall_history_complete,
        coalesce(alert_stats.alerts_fired, 0) as alerts_fired,
        coalesce(alert_stats.alerts_closed, 0) as alerts_closed,
        coalesce(alert_stats.alerts_invalid, 0) as alerts_invalid,
        coalesce(alert_stats.alerts_auto_resolved, 0) as alerts_auto_resolved,
        coalesce(alert_stats.alerts_condition_judged, 0) as alerts_condition_judged,
        coalesce(alert_stats.false_alerts, 0) as false_alerts,
        coalesce(alert_stats.alerts_followed_by_churn_or_contraction, 0) as alerts_followed_by_churn_or_contraction,
        top_reasons.reason_1 as top_not_valid_reason,
        coalesce(top_reasons.reason_1_alerts, 0) as top_not_valid_reason_alerts,
        case
            when top_reasons.reason_1 is not null
                then {{ dbt.concat([
                    'top_reasons.reason_1', "' ('",
                    'cast(top_reasons.reason_1_alerts as ' ~ dbt.type_string() ~ ')', "')'",
                    "case when top_reasons.reason_2 is not null then "
                    ~ dbt.concat(["'; '", 'top_reasons.reason_2', "' ('",
                        'cast(top_reasons.reason_2_alerts as ' ~ dbt.type_string() ~ ')', "')'"])
                    ~ " else '' end",
                    "case when top_reasons.reason_3 is not null then "
                    ~ dbt.concat(["'; '", 'top_reasons.reason_3', "' ('",
                        'cast(top_reasons.reason_3_alerts as ' ~ dbt.type_string() ~ ')', "')'"])
                    ~ " else '' end",
                ]) }}
        end as not_valid_reasons,
        coalesce(churn_stats.churned_accounts, 0) as churned_accounts,
        coalesce(churn_stats.churned_accounts_alerted, 0) as churned_accounts_alerted
    from spine
    left join alert_stats
        on
            spine.rule_id = alert_stats.rule_id
            and spine.reason = alert_stats.reason
            and spine.month_start = alert_stats.month_start
    left join top_reasons
        on
            spine.rule_id = top_reasons.rule_id
            and spine.reason = top_reasons.reason
            and spine.month_start = top_reasons.month_start
    left join churn_stats
        on
            spine.rule_id = churn_stats.rule_id
            and spine.reason = churn_stats.reason
            and spine.month_start = churn_stats.month_start
    left join rule_labels
        on spine.rule_id = rule_labels.labelled_rule_id

),

final as (

    select
        -- ids
        cast(rule_id as {{ cs_analytics.type_varchar() }}) as rule_id,

        -- strings
        cast(rule_label as {{ cs_analytics.type_varchar() }}) as rule_label,
        cast(reason as {{ cs_analytics.type_varchar() }}) as reason,
        cast(case when rule_id = 'manual' then 'manual' else 'rule' end as {{ cs_analytics.type_varchar() }})
            as alert_source,
        cast(top_not_valid_reason as {{ cs_analytics.type_varchar() }}) as top_not_valid_reason,
        cast(not_valid_reasons as {{ cs_analytics.type_varchar() }}) as not_valid_reasons,

        -- numerics
        cast(alerts_fired as bigint) as alerts_fired,
        cast(alerts_closed as bigint) as alerts_closed,
        cast(alerts_invalid as bigint) as alerts_invalid,
        {{ cs_analytics.rate('alerts_invalid', 'alerts_closed') }} as invalid_rate,
        cast(top_not_valid_reason_alerts as bigint) as top_not_valid_reason_alerts,
        cast(alerts_auto_resolved as bigint) as alerts_auto_resolved,
        cast(alerts_condition_judged as bigint) as alerts_condition_judged,
        cast(false_alerts as bigint) as false_alerts,
        {{ cs_analytics.rate('false_alerts', 'alerts_condition_judged') }} as false_alert_rate,
        cast({{ precision_days }} as integer) as precision_window_days,
        cast(alerts_followed_by_churn_or_contraction as bigint) as alerts_followed_by_churn_or_contraction,
        {{ cs_analytics.rate('alerts_followed_by_churn_or_contraction', 'alerts_fired') }} as precision_rate,
        cast(churned_accounts as bigint) as churned_accounts,
        cast(churned_accounts_alerted as bigint) as churned_accounts_alerted,
        {{ cs_analytics.rate('churned_accounts_alerted', 'churned_accounts') }} as recall_rate,

        -- booleans
        cast(is_precision_window_complete as boolean) as is_precision_window_complete,
        cast(is_recall_history_complete as boolean) as is_recall_history_complete,

        -- dates
        cast(month_start as date) as month_start

    from joined

)

select * from final
