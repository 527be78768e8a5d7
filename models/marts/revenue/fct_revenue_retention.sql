{#-
    Revenue and logo retention by month, segment and coverage model, for a
    single-month window and a trailing-twelve-month window ending in each
    month (definitions in the docs blocks `grr`, `nrr`, `retention_cohort`).
    Rows with segment = 'all' and/or coverage_model = 'all' are roll-ups
    (`is_rollup`): filter them out before summing across rows.
-#}

{%- set measures = [
    'starting_arr', 'expansion_arr', 'contraction_arr', 'churned_arr', 'ending_arr_of_cohort',
    'new_arr', 'reactivation_arr', 'ending_arr',
    'starting_logos', 'retained_logos', 'churned_logos', 'new_logos', 'reactivated_logos', 'ending_logos',
] %}
{%- set window_columns = 'month_start, window_type, window_months, cohort_month_start, window_start_month' %}

with retention_windows as (

    select * from {{ ref('int_account_retention_windows') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

by_slice as (

    select
        retention_windows.month_start,
        retention_windows.window_type,
        retention_windows.window_months,
        retention_windows.cohort_month_start,
        retention_windows.window_start_month,
        coalesce(accounts.segment, 'unknown') as segment,
        coalesce(accounts.coverage_model, 'unknown') as coverage_model,
        12 * sum(retention_windows.starting_mrr) as starting_arr,
        12 * sum(retention_windows.expansion_mrr) as expansion_arr,
        12 * sum(retention_windows.contraction_mrr) as contraction_arr,
        12 * sum(retention_windows.churned_mrr) as churned_arr,
        12 * sum(
            case when retention_windows.is_in_starting_cohort then retention_windows.ending_mrr else 0 end
        ) as ending_arr_of_cohort,
        12 * sum(retention_windows.new_mrr) as new_arr,
        12 * sum(retention_windows.reactivation_mrr) as reactivation_arr,
        12 * sum(retention_windows.ending_mrr) as ending_arr,
        sum(case when retention_windows.is_in_starting_cohort then 1 else 0 end) as starting_logos,
        sum(case when retention_windows.is_retained_logo then 1 else 0 end) as retained_logos,
        sum(case when retention_windows.retention_movement = 'churn' then 1 else 0 end) as churned_logos,
        sum(case when retention_windows.retention_movement = 'new' then 1 else 0 end) as new_logos,
        sum(case when retention_windows.retention_movement = 'reactivation' then 1 else 0 end) as reactivated_logos,
        sum(case when retention_windows.ending_mrr > 0 then 1 else 0 end) as ending_logos
    from retention_windows
    left join accounts
        on retention_windows.account_id = accounts.account_id
    group by
        retention_windows.month_start,
        retention_windows.window_type,
        retention_windows.window_months,
        retention_windows.cohort_month_start,
        retention_windows.window_start_month,
        coalesce(accounts.segment, 'unknown'),
        coalesce(accounts.coverage_model, 'unknown')

),

{#- roll-ups re-add the slice sums (every measure is additive) #}
with_rollups as (

    select
        {{ window_columns }},
        segment,
        coverage_model,
        false as is_rollup,
        {%- for m in measures %}
        {{ m }}{{ ',' if not loop.last }}
        {%- endfor %}
    from by_slice

    union all

    select
        {{ window_columns }},
        segment,
        'all' as coverage_model,
        true as is_rollup,
        {%- for m in measures %}
        sum({{ m }}) as {{ m }}{{ ',' if not loop.last }}
        {%- endfor %}
    from by_slice
    group by {{ window_columns }}, segment

    union all

    select
        {{ window_columns }},
        'all' as segment,
        coverage_model,
        true as is_rollup,
        {%- for m in measures %}
        sum({{ m }}) as {{ m }}{{ ',' if not loop.last }}
        {%- endfor %}
    from by_slice
    group by {{ window_columns }}, coverage_model

    union all

    select
        {{ window_columns }},
        'all' as segment,
        'all' as coverage_model,
        true as is_rollup,
        {%- for m in measures %}
        sum({{ m }}) as {{ m }}{{ ',' if not loop.last }}
        {%- endfor %}
    from by_slice
    group by {{ window_columns }}

),

final as (

    select
        -- dates
        month_start,
        cohort_month_start,
        window_start_month,

        -- strings
        window_type,
        segment,
        coverage_model,

        -- booleans
        is_rollup,

        -- numerics: ARR
        cast(window_months as integer) as window_months,
        cast(starting_arr as decimal(18, 2)) as starting_arr,
        cast(expansion_arr as decimal(18, 2)) as expansion_arr,
        cast(contraction_arr as decimal(18, 2)) as contraction_arr,
        cast(churned_arr as decimal(18, 2)) as churned_arr,
        cast(starting_arr - contraction_arr - churned_arr as decimal(18, 2)) as gross_retained_arr,
        cast(ending_arr_of_cohort as decimal(18, 2)) as ending_arr_of_cohort,
        cast(new_arr as decimal(18, 2)) as new_arr,
        cast(reactivation_arr as decimal(18, 2)) as reactivation_arr,
        cast(ending_arr as decimal(18, 2)) as ending_arr,

        -- numerics: logos
        cast(starting_logos as bigint) as starting_logos,
        cast(retained_logos as bigint) as retained_logos,
        cast(churned_logos as bigint) as churned_logos,
        cast(new_logos as bigint) as new_logos,
        cast(reactivated_logos as bigint) as reactivated_logos,
        cast(ending_logos as bigint) as ending_logos,

        -- rates
        cast(
            case when starting_arr > 0 then (starting_arr - contraction_arr - churned_arr) / starting_arr end
            as decimal(18, 6)
        ) as grr,
        cast(
            case when starting_arr > 0 then ending_arr_of_cohort / starting_arr end
            as decimal(18, 6)
        ) as nrr,
        cast(
            case when starting_logos > 0 then 1.0 * retained_logos / starting_logos end
            as decimal(18, 6)
        ) as logo_retention

    from with_rollups

)

select * from final
