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

    Noise: each rate carries its 95% Wilson interval (macro `wilson_lower` /
    `wilson_upper`), and a band is flagged within noise when its interval
    overlaps the interval of a neighbouring band (red-yellow, yellow-green)
    in the same month: the ordering of those two bands is then not shown by
    the data.
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
            and churn_months.previous_month_start < periods.coverage_ended_on
            and churn_months.month_start >= periods.coverage_ended_on
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
            and health_monthly.health_date < churn_events.churned_on
            and as_of.as_of_date >= churn_events.churned_on
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
        case
            when cohort.next_churned_on <= {{ dbt.dateadd('day', 90, 'cohort.health_date') }} then 1 else 0
        end as is_churned_within_90_days,
        case
            when cohort.next_churned_on <= {{ dbt.dateadd('day', 180, 'cohort.health_date') }} then 1 else 0
        end as is_churned_within_180_days,
        case
            when {{ dbt.dateadd('day', 90, 'cohort.health_date') }} <= as_of.as_of_date then 1 else 0
        end as is_observed_90_days,
        case
            when {{ dbt.dateadd('day', 180, 'cohort.health_date') }} <= as_of.as_of_date then 1 else 0
        end as is_observed_180_days
    from cohort
    cross join as_of

),

aggregated as (

    select
        month_start,
        health_band,
        count(*) as accounts,
        sum(is_churned_within_90_days) as churned_within_90_days,
        sum(is_churned_within_180_days) as churned_within_180_days,
        min(is_observed_90_days) as all_observed_90_days,
        min(is_observed_180_days) as all_observed_180_days,
        min(case when is_lookback_complete then 1 else 0 end) as all_lookback_complete
    from outcomes
    group by month_start, health_band

),

intervals as (

    select
        *,
        case health_band when 'red' then 1 when 'yellow' then 2 when 'green' then 3 end as band_order,
        case
            when all_observed_90_days = 1 then {{ cs_analytics.wilson_lower('churned_within_90_days', 'accounts') }}
        end as churn_rate_90_days_ci95_lower,
        case
            when all_observed_90_days = 1 then {{ cs_analytics.wilson_upper('churned_within_90_days', 'accounts') }}
        end as churn_rate_90_days_ci95_upper,
        case
            when all_observed_180_days = 1 then {{ cs_analytics.wilson_lower('churned_within_180_days', 'accounts') }}
        end as churn_rate_180_days_ci95_lower,
        case
            when all_observed_180_days = 1 then {{ cs_analytics.wilson_upper('churned_within_180_days', 'accounts') }}
        end as churn_rate_180_days_ci95_upper
    from aggregated

),

-- overlap with the neighbouring bands' intervals in the same month (null when none can be compared)
neighbours as (

    select
        band.month_start,
        band.health_band,
        max(
            case
                when
                    band.churn_rate_90_days_ci95_lower <= neighbour.churn_rate_90_days_ci95_upper
                    and neighbour.churn_rate_90_days_ci95_lower <= band.churn_rate_90_days_ci95_upper
                    then 1
                when
                    neighbour.churn_rate_90_days_ci95_lower is not null
                    and band.churn_rate_90_days_ci95_lower is not null
                    then 0
            end
        ) as overlaps_90_days,
        max(
            case
                when
                    band.churn_rate_180_days_ci95_lower <= neighbour.churn_rate_180_days_ci95_upper
                    and neighbour.churn_rate_180_days_ci95_lower <= band.churn_rate_180_days_ci95_upper
                    then 1
                when
                    neighbour.churn_rate_180_days_ci95_lower is not null
                    and band.churn_rate_180_days_ci95_lower is not null
                    then 0
            end
        ) as overlaps_180_days
    from intervals as band
    inner join intervals as neighbour
        on
            band.month_start = neighbour.month_start
            and (band.band_order = neighbour.band_order + 1 or band.band_order = neighbour.band_order - 1)
    group by band.month_start, band.health_band

),

flagged as (

    select
        intervals.*,
        neighbours.overlaps_90_days,
        neighbours.overlaps_180_days
    from intervals
    left join neighbours
        on
            intervals.month_start = neighbours.month_start
            and intervals.health_band = neighbours.health_band

),

final as (

    select
        -- strings
        cast(health_band as {{ dbt.type_string() }}) as health_band,

        -- numerics
        cast(
            case health_band when 'red' then 1 when 'yellow' then 2 when 'green' then 3 end as integer
        ) as health_band_order,
        cast(accounts as integer) as accounts,
        cast(churned_within_90_days as integer) as churned_within_90_days,
        cast(churned_within_180_days as integer) as churned_within_180_days,
        case
            when all_observed_90_days = 1
                then cast(
                        cast(churned_within_90_days as {{ cs_analytics.type_double() }}) / accounts as decimal(18, 6)
                    )
        end as churn_rate_90_days,
        case
            when all_observed_180_days = 1
                then cast(
                        cast(churned_within_180_days as {{ cs_analytics.type_double() }}) / accounts as decimal(18, 6)
                    )
        end as churn_rate_180_days,
        {{ cs_analytics.to_decimal('churn_rate_90_days_ci95_lower', 18, 6) }}
            as churn_rate_90_days_ci95_lower,
        {{ cs_analytics.to_decimal('churn_rate_90_days_ci95_upper', 18, 6) }}
            as churn_rate_90_days_ci95_upper,
        {{ cs_analytics.to_decimal('churn_rate_180_days_ci95_lower', 18, 6) }}
            as churn_rate_180_days_ci95_lower,
        {{ cs_analytics.to_decimal('churn_rate_180_days_ci95_upper', 18, 6) }}
            as churn_rate_180_days_ci95_upper,

        -- booleans
        overlaps_90_days = 1 as is_within_noise_90_days,
        overlaps_180_days = 1 as is_within_noise_180_days,
        all_observed_90_days = 1 as is_90_day_window_complete,
        all_observed_180_days = 1 as is_180_day_window_complete,
        all_lookback_complete = 1 as is_score_history_complete,

        -- dates
        month_start

    from flagged

)

select * from final
