{#-
    Account health at the start of each month: the score on the first day
    of the month, or on the account's first customer day in the month when
    it was not a customer on the 1st (a new or returning customer). One row
    per account and month with at least one customer day. The monthly view
    of the daily score for the CSM scorecard and the health calibration.
-#}

with health_daily as (

    select * from {{ ref('int_account_health_daily') }}

),

ranked as (

    select
        account_id,
        coverage_model,
        segment,
        health_score,
        health_band,
        is_lookback_complete,
        date_day,
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start,
        row_number() over (
            partition by account_id, cast({{ dbt.date_trunc('month', 'date_day') }} as date)
            order by date_day
        ) as day_in_month_rank
    from health_daily

),

final as (

    select
        -- ids
        account_id,

        -- strings
        coverage_model,
        segment,
        health_band,

        -- numerics
        health_score,

        -- booleans
        is_lookback_complete,
        date_day = month_start as is_measured_on_first_of_month,

        -- dates
        month_start,
        date_day as health_date

    from ranked
    where day_in_month_rank = 1

)

select * from final
