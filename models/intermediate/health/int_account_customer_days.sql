{#-
    The day spine of account health: one row per CRM account and day from
    the account's first subscription day to its last, inside the observation
    window, gaps between two customer episodes included (flagged
    `is_customer_day = false`) so that running totals carry across them.

    How it stays small: a calendar from `dbt.date_spine` (vars
    `health_calendar_start_date` / `health_calendar_end_date`) is cut to the
    observation window, then joined by date range to the account's
    subscription periods (`int_account_subscription_periods`, a few rows per
    account). Each day matches exactly one period, so the join writes the
    spine directly: no accounts x days cross join and no group by.

    Observation window: from var `health_start_date` (default: the first day
    of the product-usage feed, before which usage is unknown) to the as-of
    date (`int_months`). `day_index` counts days from the window start; the
    trailing windows of the health score are ranges over it.
-#}

{{ config(materialized='table') }}

with periods as (

    select * from {{ ref('int_account_subscription_periods') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

usage as (

    select * from {{ ref('int_account_usage_daily') }}

),

months as (

    select * from {{ ref('int_months') }}

),

calendar as (

    {{ dbt.date_spine(
        datepart="day",
        start_date="cast('" ~ var('health_calendar_start_date', '2015-01-01') ~ "' as date)",
        end_date="cast('" ~ var('health_calendar_end_date', '2036-01-01') ~ "' as date)",
    ) }}

),

usage_bounds as (

    select min(usage_date) as first_usage_date
    from usage

),

as_of as (

    select max(as_of_date) as as_of_date
    from months

),

window_bounds as (

    select
        as_of.as_of_date,
        coalesce(
            cast({{ "'" ~ var('health_start_date') ~ "'" if var('health_start_date', none) else 'null' }} as date),
            usage_bounds.first_usage_date
        ) as window_start_date
    from as_of
    cross join usage_bounds

),

window_days as (

    select
        cast(calendar.date_day as date) as date_day,
        window_bounds.window_start_date
    from calendar
    cross join window_bounds
    where
        cast(calendar.date_day as date) >= window_bounds.window_start_date
        and cast(calendar.date_day as date) <= window_bounds.as_of_date

),

crm_periods as (

    select periods.*
    from periods
    inner join accounts
        on periods.account_id = accounts.account_id
    where accounts.is_in_crm

),

final as (

    select
        -- ids
        crm_periods.account_id,

        -- numerics
        cast(
            {{ dbt.datediff('window_days.window_start_date', 'window_days.date_day', 'day') }}
            as integer
        ) as day_index,
        crm_periods.active_subscription_lines,
        crm_periods.seats,

        -- booleans
        crm_periods.is_customer as is_customer_day,

        -- dates
        window_days.date_day

    from crm_periods
    inner join window_days
        on
            crm_periods.period_start <= window_days.date_day
            and (crm_periods.period_end is null or crm_periods.period_end > window_days.date_day)

)

select * from final
