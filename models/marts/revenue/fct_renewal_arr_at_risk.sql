{#-
    ARR at risk: per renewal month and health band (the band when the
    renewal window opened, or today's for a window still ahead; `unscored`
    when there was no score), the ARR up for renewal times the share of
    accounts in that band that churned within 180 days historically
    (`fct_health_calibration`, pooled over every month whose 180-day window
    is complete; `unscored` uses all bands pooled) = the expected churned
    ARR, with a 90% interval and, for renewals already due, what churned.

    Uncertainty: each renewal churns or not with the band's rate p, so the
    churned ARR has variance p (1 - p) x sum(ARR^2) (the outcome), plus the
    rate's own sampling variance p (1 - p) / n x (sum ARR)^2 (n = the band's
    calibration account-months, which overlap, so this part is a lower
    bound). Interval: expected +/- 1.645 standard deviations, floored at 0.
    The variance is stored so that rows can be combined: sum it, then take
    the square root.
-#}

with renewals as (

    select * from {{ ref('fct_renewals') }}

),

calibration as (

    select * from {{ ref('fct_health_calibration') }}

),

band_rates as (

    select
        health_band,
        sum(accounts) as calibration_accounts,
        sum(churned_within_180_days) as calibration_churned
    from calibration
    where is_180_day_window_complete
    group by health_band

    union all

    select
        'unscored' as health_band,
        sum(accounts) as calibration_accounts,
        sum(churned_within_180_days) as calibration_churned
    from calibration
    where is_180_day_window_complete

),

rates as (

    select
        health_band,
        calibration_accounts,
        case
            when calibration_accounts > 0
                then cast(calibration_churned as {{ cs_analytics.type_double() }}) / calibration_accounts
        end as churn_rate
    from band_rates

),

renewals_banded as (

    select
        renewal_month,
        coalesce(health_band_at_window_start, 'unscored') as health_band,
        is_renewal_due,
        renewal_outcome,
        cast(arr_up_for_renewal as {{ cs_analytics.type_double() }}) as arr_up
    from renewals

),

grouped as (

    select
        renewal_month,
        health_band,
        count(*) as renewals_up,
        sum(arr_up) as arr_up_for_renewal,
        sum(arr_up * arr_up) as arr_up_squared,
        sum(case when is_renewal_due then 0 else arr_up end) as open_arr,
        sum(case when is_renewal_due then arr_up else 0 end) as due_arr_up_for_renewal,
        sum(case when renewal_outcome = 'churned' then arr_up else 0 end) as churned_arr,
        min(case when is_renewal_due then 1 else 0 end) as all_due
    from renewals_banded
    group by renewal_month, health_band

),

expected as (

    select
        grouped.*,
        rates.calibration_accounts,
        rates.churn_rate,
        grouped.arr_up_for_renewal * rates.churn_rate as expected_churned_arr,
        rates.churn_rate * (1 - rates.churn_rate) * (
            grouped.arr_up_squared
            + grouped.arr_up_for_renewal * grouped.arr_up_for_renewal / rates.calibration_accounts
        ) as expected_churned_arr_variance
    from grouped
    left join rates
        on grouped.health_band = rates.health_band

),

final as (

    select
        -- strings
        cast(health_band as {{ cs_analytics.type_varchar() }}) as health_band,

        -- numerics
        cast(renewals_up as integer) as renewals_up,
        {{ cs_analytics.to_decimal('arr_up_for_renewal', 18, 2) }} as arr_up_for_renewal,
        {{ cs_analytics.to_decimal('open_arr', 18, 2) }} as open_arr,
        {{ cs_analytics.to_decimal('due_arr_up_for_renewal', 18, 2) }} as due_arr_up_for_renewal,
        {{ cs_analytics.to_decimal('churned_arr', 18, 2) }} as churned_arr,
        cast(calibration_accounts as integer) as calibration_account_months,
        {{ cs_analytics.to_decimal('churn_rate', 18, 6, bounded=true) }} as band_churn_rate_180_days,
        {{ cs_analytics.to_decimal('expected_churned_arr', 18, 2) }} as expected_churned_arr,
        {{ cs_analytics.to_decimal(
            'case when expected_churned_arr - 1.645 * sqrt(expected_churned_arr_variance) > 0
                then expected_churned_arr - 1.645 * sqrt(expected_churned_arr_variance) else 0 end',
            18, 2
        ) }} as expected_churned_arr_low,
        {{ cs_analytics.to_decimal('expected_churned_arr + 1.645 * sqrt(expected_churned_arr_variance)', 18, 2) }}
            as expected_churned_arr_high,
        {{ cs_analytics.to_decimal('expected_churned_arr_variance', 28, 2) }} as expected_churned_arr_variance,

        -- booleans
        all_due = 1 as is_all_due,

        -- dates
        renewal_month

    from expected

)

select * from final
