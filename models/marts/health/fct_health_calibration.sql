{#-
    Does the health score predict churn? For each month and health band: the
    accounts in the band at the start of the month (`int_account_health_monthly`)
    and how many of them churned within 90 and 180 days of that day.

    Churn: MRR fell to zero (`int_account_mrr_monthly`, movement `churn` in
    month M). It is dated on the day the account's last subscription line
    ended, the last end of coverage in the month before M
    (`int_account_subscription_periods.coverage_ended_on`), or on the 1st of
    M when no line ended then. A short gap between two lines with MRR on the
    next 1st is not a churn. The first churn after the measured day and on
    or before the as-of date counts; a churn followed by a return still
    counts.

    Recent months cannot have seen their full 90 / 180 days yet: the window
    flags say so, and the churn rates stay empty until the window is fully
    observed, so that a recent month never reads as low churn.
-#}

with health_monthly as (

    select * from {{ ref('int_account_health_monthly') }}

),

periods as (

    select * from {{ ref('int_account_subscription_periods') }}

),

mrr_monthly as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

months as (

    select * from {{ ref('int_months') }}

),

as_of as (

    select max(as_of_date) as as_of_date
    from months

),

churn_months as (

    select
        account_id,
        month_start,
        cast({{ dbt.dateadd('month', -1, 'month_start') }} as date) as previous_month_start
    from mrr_monthly
    where movement = 'churn'

),

churn_events as (

    select
        churn_months.account_id,
        coalesce(max(periods.coverage_ended_on), churn_months.month_start) as churned_on
    from churn_months
    left join periods
        on
            churn_months.account_id = periods.account_id
            and periods.coverage_ended_on > churn_months.previous_month_start
            and periods.coverage_ended_on <= churn_months.month_start
    group by churn_months.account_id, churn_months.month_start

),

cohort as (

    select
        health_monthly.account_id,
        health_monthly.month_start,
        health_monthly.health_date,
        health_monthly.health_band,
        health_monthly.is_lookback_complete,
        min(churn_events.churned_on) as next_churned_on
    from health_monthly
    cross join as_of
    left join churn_events
        on
            health_monthly.account_id = churn_events.account_id
            and churn_events.churned_on > health_monthly.health_date
            and churn_events.churned_on <= as_of.as_of_date
    where health_monthly.health_band is not null
    group by
        health_monthly.account_id,
        health_monthly.month_start,
        health_monthly.health_date,
        health_monthly.health_band,
        health_monthly.is_lookback_complete

),

outcomes as (

    select
        cohort.*,
        {{ dbt.datediff('cohort.health_date', 'cohort.next_churned_on', 'day') }} as days_to_churn,
        {{ dbt.datediff('cohort.health_date', 'as_of.as_of_date', 'day') }} as days_observed
    from cohort
    cross join as_of

),

aggregated as (

    select
        month_start,
        health_band,
        count(*) as accounts,
        sum(case when days_to_churn <= 90 then 1 else 0 end) as churned_within_90_days,
        sum(case when days_to_churn <= 180 then 1 else 0 end) as churned_within_180_days,
        min(days_observed) as min_days_observed,
        min(case when is_lookback_complete then 1 else 0 end) as all_lookback_complete
    from outcomes
    group by month_start, health_band

),

final as (

    select
        -- strings
        health_band,

        -- numerics
        case health_band when 'red' then 1 when 'yellow' then 2 when 'green' then 3 end as health_band_order,
        accounts,
        churned_within_90_days,
        churned_within_180_days,
        case
            when min_days_observed >= 90
                then cast(churned_within_90_days as {{ cs_analytics.type_double() }}) / accounts
        end as churn_rate_90_days,
        case
            when min_days_observed >= 180
                then cast(churned_within_180_days as {{ cs_analytics.type_double() }}) / accounts
        end as churn_rate_180_days,

        -- booleans
        min_days_observed >= 90 as is_90_day_window_complete,
        min_days_observed >= 180 as is_180_day_window_complete,
        all_lookback_complete = 1 as is_score_history_complete,

        -- dates
        month_start

    from aggregated

)

select * from final
