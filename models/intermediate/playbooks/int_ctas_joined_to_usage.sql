{#-
    Each CTA joined to the account's product usage around it: active users
    per seat before the CTA (the baseline) and after it (the attribution
    window), the lift between the two, and whether usage came back above the
    risk threshold within the window.

    Windows (baseline; after, for worked and comparison CTAs): see
    int_cta_usage_windows.

    Usage per seat over a window = the sum of daily active users per seat /
    the account's customer days in the window (days with an active
    subscription line, from `int_account_customer_days`): a customer day
    without usage counts as zero, days after a churn or before the usage
    feed starts do not count. Days after the as-of date are not observed
    (`is_after_window_complete` = false).

    Usage at fire: the trailing `usage_rule_trailing_days` (14) average of
    active users per seat over the days the platform saw when the CTA was
    created, the window ending `alert_rule_lag_days` (1) days before the
    created day (the usage feed lands overnight, so a rule fires on
    yesterday's data). `was_usage_low_at_fire`: that average is below var
    `usage_risk_threshold_per_seat` (0.30) and all the window's days are
    customer days (unknown when the window reaches before the observation
    window); the average is compared at 9 decimals, so float noise in the
    sum (4.2 / 14 summed as 0.29999999999) does not flip a tie. `condition_met_at_fire`: the same, for CTAs the usage-drop rule
    raised (reason `low_usage`); false means a false alert, null for other
    reasons (and when unknown).

    Recovery (recovery from a low state): judged only for CTAs whose usage
    was low at fire; the daily trailing average reaches the threshold on
    some day of the after window (days whose trailing window is not all
    customer days are not judged). Null for CTAs whose usage was not low at
    fire (nothing to recover from), and while the window is open and it has
    not recovered yet.
-#}

{{ config(materialized='table') }}

{%- set trailing_days = var('usage_rule_trailing_days', 14) %}
{%- set threshold = var('usage_risk_threshold_per_seat', 0.30) %}
{%- set lag_days = var('alert_rule_lag_days', 1) %}

with windows_bounded as (

    select * from {{ ref('int_cta_usage_windows') }}

),

days_with_usage as (

    {#- every customer-calendar day, usage per seat zero without usage or off customer days #}
    select * from {{ ref('int_account_days_joined_to_usage') }}

),

baseline as (

    select
        windows_bounded.cta_id,
        sum(days_with_usage.is_customer_day) as baseline_customer_days,
        sum(days_with_usage.usage_per_seat) as baseline_usage_per_seat_days
    from windows_bounded
    inner join days_with_usage
        on
            windows_bounded.account_id = days_with_usage.account_id
            and windows_bounded.baseline_start_date <= days_with_usage.date_day
            and windows_bounded.baseline_end_date > days_with_usage.date_day
            and windows_bounded.as_of_date >= days_with_usage.date_day
    group by windows_bounded.cta_id

),

observation as (

    select min(date_day) as observation_start_date
    from days_with_usage

),

at_fire as (

    {#- the trailing window the platform evaluated when the CTA was created #}
    select
        windows_bounded.cta_id,
        count(*) as fire_window_days,
        sum(days_with_usage.is_customer_day) as fire_customer_days,
        sum(days_with_usage.usage_per_seat) as fire_usage_per_seat_days
    from windows_bounded
    inner join days_with_usage
        on
            windows_bounded.account_id = days_with_usage.account_id
            and {{ dbt.dateadd('day', -(lag_days + trailing_days - 1), 'windows_bounded.baseline_end_date') }}
            <= days_with_usage.date_day
            and {{ dbt.dateadd('day', -lag_days, 'windows_bounded.baseline_end_date') }} >= days_with_usage.date_day
    group by windows_bounded.cta_id

),

after_days as (

    {#- the after window plus the lead-in days its first trailing averages need #}
    select
        windows_bounded.cta_id,
        days_with_usage.date_day,
        days_with_usage.is_customer_day,
        days_with_usage.usage_per_seat,
        days_with_usage.date_day >= windows_bounded.after_start_date as is_in_window,
        sum(days_with_usage.is_customer_day) over (
            partition by windows_bounded.cta_id
            order by days_with_usage.date_day
            rows between {{ trailing_days - 1 }} preceding and current row
        ) as trailing_customer_days,
        sum(days_with_usage.usage_per_seat) over (
            partition by windows_bounded.cta_id
            order by days_with_usage.date_day
            rows between {{ trailing_days - 1 }} preceding and current row
        ) as trailing_usage_per_seat_days
    from windows_bounded
    inner join days_with_usage
        on
            windows_bounded.account_id = days_with_usage.account_id
            and windows_bounded.after_lead_in_date <= days_with_usage.date_day
            and windows_bounded.after_end_date > days_with_usage.date_day
            and windows_bounded.as_of_date >= days_with_usage.date_day
    where windows_bounded.after_start_date is not null

),

after_window as (

    select
        cta_id,
        sum(case when is_in_window then is_customer_day else 0 end) as after_customer_days,
        sum(case when is_in_window then usage_per_seat else 0 end) as after_usage_per_seat_days,
        max(
            case
                when is_in_window and trailing_customer_days = {{ trailing_days }}
                    then trailing_usage_per_seat_days / {{ trailing_days }}
            end
        ) as max_trailing_usage_per_seat_after,
        sum(
            case when is_in_window and trailing_customer_days = {{ trailing_days }} then 1 else 0 end
        ) as after_days_judged
    from after_days
    group by cta_id

),

measured as (

    select
        windows_bounded.cta_id,
        windows_bounded.effectiveness_group,
        windows_bounded.comparison_anchor_days,
        windows_bounded.baseline_start_date,
        windows_bounded.baseline_end_date,
        windows_bounded.after_start_date,
        windows_bounded.after_end_date,
        coalesce(baseline.baseline_customer_days, 0) as baseline_customer_days,
        coalesce(after_window.after_customer_days, 0) as after_customer_days,
        coalesce(after_window.after_days_judged, 0) as after_days_judged,
        after_window.max_trailing_usage_per_seat_after,
        case
            when at_fire.fire_customer_days = {{ trailing_days }}
                then at_fire.fire_usage_per_seat_days / {{ trailing_days }}
        end as trailing_usage_per_seat_at_fire,
        case
            when at_fire.fire_customer_days = {{ trailing_days }}
                then
                    {{ cs_analytics.to_decimal(
                        'at_fire.fire_usage_per_seat_days / ' ~ trailing_days, 18, 9, bounded=true) }}
                    < {{ threshold }}
            when
                {{ dbt.dateadd('day', -(lag_days + trailing_days - 1), 'windows_bounded.baseline_end_date') }}
                >= observation.observation_start_date
                then false
        end as was_usage_low_at_fire,
        windows_bounded.reason,
        windows_bounded.after_start_date is not null
        and windows_bounded.after_end_date <= {{ dbt.dateadd('day', 1, 'windows_bounded.as_of_date') }}
            as is_after_window_complete,
        case
            when baseline.baseline_customer_days > 0
                then baseline.baseline_usage_per_seat_days / baseline.baseline_customer_days
        end as usage_before,
        case
            when after_window.after_customer_days > 0
                then after_window.after_usage_per_seat_days / after_window.after_customer_days
        end as usage_after
    from windows_bounded
    left join baseline
        on windows_bounded.cta_id = baseline.cta_id
    left join after_window
        on windows_bounded.cta_id = after_window.cta_id
    left join at_fire
        on windows_bounded.cta_id = at_fire.cta_id
    cross join observation

),

final as (

    select
        -- ids
        cta_id,

        -- strings
        effectiveness_group,

        -- numerics
        comparison_anchor_days,
        cast(baseline_customer_days as integer) as baseline_customer_days,
        cast(after_customer_days as integer) as after_customer_days,
        cast(usage_before as {{ cs_analytics.type_double() }}) as usage_before,
        cast(usage_after as {{ cs_analytics.type_double() }}) as usage_after,
        cast(usage_after - usage_before as {{ cs_analytics.type_double() }}) as usage_lift,
        cast(max_trailing_usage_per_seat_after as {{ cs_analytics.type_double() }})
            as max_trailing_usage_per_seat_after,
        cast(trailing_usage_per_seat_at_fire as {{ cs_analytics.type_double() }})
            as trailing_usage_per_seat_at_fire,

        -- booleans
        is_after_window_complete,
        was_usage_low_at_fire,
        case when reason = 'low_usage' then was_usage_low_at_fire end as condition_met_at_fire,
        case
            when not coalesce(was_usage_low_at_fire, false) then null
            when max_trailing_usage_per_seat_after >= {{ threshold }} then true
            when is_after_window_complete and after_days_judged > 0 then false
        end as did_usage_recover,

        -- dates
        baseline_start_date,
        baseline_end_date,
        after_start_date,
        after_end_date

    from measured

)

select * from final
