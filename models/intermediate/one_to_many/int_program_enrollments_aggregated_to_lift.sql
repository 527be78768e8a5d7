{#-
    Treated vs holdout, per program and lift metric, for all enrollments of
    the program (enrolled_month null) and for each month's enrollment
    cohort. The arithmetic lives here once; fct_program_lift serves the
    program rows and fct_program_monthly the cohort rows.

    Metrics (per-enrollment values from int_program_enrollments_joined_to_outcomes):
    - usage_per_seat_change (mean): difference of means, Welch standard
      error sqrt(s_t^2/n_t + s_h^2/n_h), needs n >= 2 in both groups;
    - reconversion_rate (proportion): eligible first sends that reconverted
      (int_program_reconversion_anchors) against the comparison group: the
      holdout enrollments where the program has a holdout, else eligible
      audience accounts not sent to in the same month
      (`comparison_group`); the "holdout" columns hold that group;
    - renewal_rate, logo_retention (proportion): difference of rates,
      two-proportion standard error with the plus-two (Agresti-Caffo)
      adjustment, p~ = (x + 1) / (n + 2):
      sqrt(p~_t(1-p~_t)/(n_t+2) + p~_h(1-p~_h)/(n_h+2)), so a small group
      whose rate is 0 or 1 does not get a zero-width interval; the interval
      is centred on the adjusted difference p~_t - p~_h (Agresti-Caffo),
      which always keeps the observed lift inside it; needs n >= 1 in both
      groups;
    - onboarding programs only (int_program_enrollments_joined_to_onboarding):
      days_to_kickoff and days_to_go_live (means, days from the first
      contract; a negative lift is faster) and go_live_on_time_rate
      (proportion of enrollments whose go-live is judged that went live
      within the target).
    95% interval = centre +/- 1.96 x standard error (normal approximation);
    the centre is the lift itself for means.
-#}

with outcomes as (

    select * from {{ ref('int_program_enrollments_joined_to_outcomes') }}

),

reconversion_anchors as (

    select * from {{ ref('int_program_reconversion_anchors') }}

),

onboarding_outcomes as (

    select * from {{ ref('int_program_enrollments_joined_to_onboarding') }}

),

metric_values as (

    {{ cs_analytics.lift_metric_values(
        'outcomes', 'usage_per_seat_change', 'mean', 'usage_per_seat_change', 'usage_per_seat_change is not null'
    ) }}

    union all

    {{ cs_analytics.lift_metric_values(
        'outcomes', 'renewal_rate', 'proportion', 'case when did_renew then 1.0 else 0.0 end', 'did_renew is not null'
    ) }}

    union all

    {{ cs_analytics.lift_metric_values(
        'outcomes', 'logo_retention', 'proportion', 'case when is_retained_logo then 1.0 else 0.0 end',
        'is_retained_logo is not null'
    ) }}

    union all

    {{ cs_analytics.lift_metric_values(
        'onboarding_outcomes', 'days_to_kickoff', 'mean', 'days_to_kickoff', 'has_kicked_off'
    ) }}

    union all

    {{ cs_analytics.lift_metric_values(
        'onboarding_outcomes', 'days_to_go_live', 'mean', 'days_to_go_live', 'is_live'
    ) }}

    union all

    {{ cs_analytics.lift_metric_values(
        'onboarding_outcomes', 'go_live_on_time_rate', 'proportion',
        'case when is_live_on_time then 1.0 else 0.0 end', 'is_go_live_judged'
    ) }}

    union all

    {#- reconversion from a lapsed state: first sends vs holdout enrollments, or (no holdout) vs
        eligible accounts not sent to that month; eligible anchors with a complete window only #}
    {{ cs_analytics.lift_metric_values(
        'reconversion_anchors', 'reconversion_rate', 'proportion', 'case when did_reconvert then 1.0 else 0.0 end',
        'is_reconversion_eligible and is_reconversion_window_complete and step_number = 1',
        enrolled_month="cast(" ~ dbt.date_trunc('month', 'anchor_date') ~ " as date)",
        is_holdout="anchor_type <> 'send'",
        comparison_group="case when anchor_type = 'send' then null else anchor_type end"
    ) }}

),

typed_values as (

    select
        program_id,
        enrolled_month,
        is_holdout,
        comparison_group,
        lift_metric,
        metric_kind,
        cast(metric_value as {{ cs_analytics.type_double() }}) as metric_value
    from metric_values
    where program_id is not null and is_holdout is not null

),

by_cohort as (

    select
        program_id,
        enrolled_month,
        lift_metric,
        metric_kind,
        sum(case when not is_holdout then 1 else 0 end) as treated_n,
        sum(case when not is_holdout then metric_value else 0 end) as treated_sum,
        var_samp(case when not is_holdout then metric_value end) as treated_variance,
        sum(case when is_holdout then 1 else 0 end) as holdout_n,
        sum(case when is_holdout then metric_value else 0 end) as holdout_sum,
        var_samp(case when is_holdout then metric_value end) as holdout_variance,
        max(case when is_holdout then comparison_group end) as comparison_group
    from typed_values
    group by program_id, enrolled_month, lift_metric, metric_kind

),

by_program as (

    select
        program_id,
        cast(null as date) as enrolled_month,
        lift_metric,
        metric_kind,
        sum(case when not is_holdout then 1 else 0 end) as treated_n,
        sum(case when not is_holdout then metric_value else 0 end) as treated_sum,
        var_samp(case when not is_holdout then metric_value end) as treated_variance,
        sum(case when is_holdout then 1 else 0 end) as holdout_n,
        sum(case when is_holdout then metric_value else 0 end) as holdout_sum,
        var_samp(case when is_holdout then metric_value end) as holdout_variance,
        max(case when is_holdout then comparison_group end) as comparison_group
    from typed_values
    group by program_id, lift_metric, metric_kind

),

stacked as (

    select * from by_program
    union all
    select * from by_cohort

),

group_values as (

    select
        *,
        case when treated_n > 0 then treated_sum / treated_n end as treated_value,
        case when holdout_n > 0 then holdout_sum / holdout_n end as holdout_value
    from stacked

),

standard_errors as (

    select
        *,
        treated_value - holdout_value as lift,
        case
            when metric_kind = 'proportion' and treated_n >= 1 and holdout_n >= 1
                then {{ cs_analytics.plus_two_difference('treated_sum', 'treated_n', 'holdout_sum', 'holdout_n') }}
            else treated_value - holdout_value
        end as lift_interval_centre,
        case
            when metric_kind = 'mean' and treated_n >= 2 and holdout_n >= 2
                then {{ cs_analytics.welch_standard_error(
                    'treated_variance', 'treated_n', 'holdout_variance', 'holdout_n'
                ) }}
            when metric_kind = 'proportion' and treated_n >= 1 and holdout_n >= 1
                then {{ cs_analytics.plus_two_standard_error(
                    'treated_sum', 'treated_n', 'holdout_sum', 'holdout_n'
                ) }}
        end as lift_standard_error
    from group_values

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key(['program_id', 'lift_metric', 'enrolled_month']) }} as program_lift_key,
        program_id,

        -- strings
        lift_metric,
        metric_kind,
        comparison_group,

        -- numerics (rounded to 6 decimals, the precision of every rate in the marts)
        cast(treated_n as bigint) as treated_n,
        cast(treated_sum as decimal(18, 6)) as treated_sum,
        cast(treated_value as decimal(18, 6)) as treated_value,
        cast(treated_variance as decimal(18, 6)) as treated_variance,
        cast(holdout_n as bigint) as holdout_n,
        cast(holdout_sum as decimal(18, 6)) as holdout_sum,
        cast(holdout_value as decimal(18, 6)) as holdout_value,
        cast(holdout_variance as decimal(18, 6)) as holdout_variance,
        cast(lift as decimal(18, 6)) as lift,
        cast(lift_standard_error as decimal(18, 6)) as lift_standard_error,
        cast(lift_interval_centre as decimal(18, 6)) as lift_interval_centre,
        cast({{ cs_analytics.interval_lower('lift_interval_centre', 'lift_standard_error') }} as decimal(18, 6))
            as lift_ci95_lower,
        cast({{ cs_analytics.interval_upper('lift_interval_centre', 'lift_standard_error') }} as decimal(18, 6))
            as lift_ci95_upper,

        -- booleans
        enrolled_month is null as is_all_cohorts,

        -- dates
        enrolled_month

    from standard_errors

)

select * from final
