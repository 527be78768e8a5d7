{#-
    What ARR renews next quarter, and how much of it is at risk?

    Next quarter is the calendar quarter after the one holding the as-of date
    (derived from `fct_renewals`: renewal date minus days to renewal). Per
    health band (as the renewal window opened, or today's when it is still
    ahead): renewals and ARR up for renewal, the expected churned ARR (ARR x
    the band's historical 180-day churn rate, `fct_renewal_arr_at_risk`) and
    its 90% interval, combined over the quarter's months by summing
    variances; then the same for all bands together (the last row).
-#}

with renewals as (

    select * from {{ ref('fct_renewals') }}

),

at_risk as (

    select * from {{ ref('fct_renewal_arr_at_risk') }}

),

as_of as (

    select max(cast({{ dbt.dateadd('day', '-days_to_renewal', 'renewal_date') }} as date)) as as_of_date
    from renewals

),

next_quarter as (

    select
        cast({{ dbt.dateadd('month', 3, dbt.date_trunc('quarter', 'as_of_date')) }} as date) as quarter_start,
        cast({{ dbt.dateadd('month', 6, dbt.date_trunc('quarter', 'as_of_date')) }} as date) as quarter_end
    from as_of

),

in_quarter as (

    select at_risk.*
    from at_risk
    cross join next_quarter
    where
        at_risk.renewal_month >= next_quarter.quarter_start
        and at_risk.renewal_month < next_quarter.quarter_end

),

by_band as (

    select
        health_band,
        sum(renewals_up) as renewals_up,
        sum(arr_up_for_renewal) as arr_up_for_renewal,
        sum(expected_churned_arr) as expected_churned_arr,
        sum(expected_churned_arr_variance) as expected_churned_arr_variance
    from in_quarter
    group by health_band

    union all

    select
        'all bands' as health_band,
        sum(renewals_up) as renewals_up,
        sum(arr_up_for_renewal) as arr_up_for_renewal,
        sum(expected_churned_arr) as expected_churned_arr,
        sum(expected_churned_arr_variance) as expected_churned_arr_variance
    from in_quarter

),

final as (

    select
        next_quarter.quarter_start,
        by_band.health_band,
        by_band.renewals_up,
        by_band.arr_up_for_renewal,
        by_band.expected_churned_arr,
        case
            when by_band.expected_churned_arr - 1.645 * sqrt(by_band.expected_churned_arr_variance) > 0
                then by_band.expected_churned_arr - 1.645 * sqrt(by_band.expected_churned_arr_variance)
            else 0
        end as expected_churned_arr_low,
        by_band.expected_churned_arr + 1.645 * sqrt(by_band.expected_churned_arr_variance)
            as expected_churned_arr_high
    from by_band
    cross join next_quarter

)

select * from final
