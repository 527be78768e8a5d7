{#-
    The usage windows of each CTA, one row per CTA:
    Windows (whole UTC days, start inclusive, end exclusive):
    - baseline: the `baseline_window_days` (28) days before the day the CTA
      was opened;
    - after, for a worked CTA: from the day it was closed for the playbook's
      attribution window (else `default_attribution_window_days`, 45);
    - after, for a comparison CTA (invalid or untouched): from the day it was
      opened + the median days to close of worked CTAs with the same reason,
      for the same window, so both groups are measured the same time after
      the trigger fired. Other CTAs (still being worked) have no after window.
    The after lead-in date starts the trailing days the recovery averages
    need before the window's first day.
-#}

{%- set baseline_days = var('baseline_window_days', 28) %}
{%- set trailing_days = var('usage_rule_trailing_days', 14) %}

with ctas as (

    select * from {{ ref('int_ctas_enriched') }}

),

months as (

    select * from {{ ref('int_months') }}

),

as_of as (

    select max(as_of_date) as as_of_date
    from months

),

days_to_close_by_reason as (

    select
        reason,
        count(*) as worked_ctas,
        {{ cs_analytics.median('days_open') }} as median_days_to_close
    from ctas
    where is_worked
    group by reason

),

anchored as (

    select
        ctas.cta_id,
        ctas.account_id,
        ctas.effectiveness_group,
        ctas.attribution_window_days,
        ctas.reason,
        ctas.created_date,
        ctas.closed_date,
        as_of.as_of_date,
        cast(round(days_to_close_by_reason.median_days_to_close, 0) as integer) as comparison_anchor_days
    from ctas
    cross join as_of
    left join days_to_close_by_reason
        on ctas.reason = days_to_close_by_reason.reason

),

windows as (

    select
        cta_id,
        account_id,
        reason,
        effectiveness_group,
        attribution_window_days,
        as_of_date,
        comparison_anchor_days,
        cast({{ dbt.dateadd('day', -baseline_days, 'created_date') }} as date) as baseline_start_date,
        created_date as baseline_end_date,
        case
            when effectiveness_group = 'worked' then closed_date
            when effectiveness_group = 'comparison'
                then cast({{ dbt.dateadd('day', 'comparison_anchor_days', 'created_date') }} as date)
        end as after_start_date
    from anchored

),

final as (

    select
        *,
        cast(
            {{ dbt.dateadd('day', 'attribution_window_days', 'after_start_date') }} as date
        ) as after_end_date,
        cast(
            {{ dbt.dateadd('day', -(trailing_days - 1), 'after_start_date') }} as date
        ) as after_lead_in_date
    from windows

)

select * from final
