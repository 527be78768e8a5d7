{#-
    Revenue and logo retention by month, segment and coverage model, for a
    single-month window and a trailing-twelve-month window ending in each
    month (definitions in the docs blocks `rev_grr`, `rev_nrr`,
    `rev_retention_cohort`).
    Rows with segment = 'all' and/or coverage_model = 'all' are roll-ups
    (`is_rollup`): filter them out before summing across rows.
-#}

with retention_windows as (

    select * from {{ ref('int_account_retention_windows') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

rollup_levels as (

    select
        false as is_segment_total,
        false as is_coverage_total
    union all
    select
        true as is_segment_total,
        false as is_coverage_total
    union all
    select
        false as is_segment_total,
        true as is_coverage_total
    union all
    select
        true as is_segment_total,
        true as is_coverage_total

),

-- each account-window counts once in its own slice and once in each total
expanded as (

    select
        retention_windows.*,
        case
            when rollup_levels.is_segment_total then 'all'
            else coalesce(accounts.segment, 'unknown')
        end as segment,
        case
            when rollup_levels.is_coverage_total then 'all'
            else coalesce(accounts.coverage_model, 'unknown')
        end as coverage_model,
        rollup_levels.is_segment_total or rollup_levels.is_coverage_total as is_rollup
    from retention_windows
    left join accounts
        on retention_windows.account_id = accounts.account_id
    cross join rollup_levels

),

aggregated as (

    select
        month_start,
        window_type,
        window_months,
        cohort_month_start,
        window_start_month,
        segment,
        coverage_model,
        is_rollup,
        12 * sum(starting_mrr) as starting_arr,
        12 * sum(expansion_mrr) as expansion_arr,
        12 * sum(contraction_mrr) as contraction_arr,
        12 * sum(churned_mrr) as churned_arr,
        12 * sum(case when is_in_starting_cohort then ending_mrr else 0 end) as ending_arr_of_cohort,
        12 * sum(new_mrr) as new_arr,
        12 * sum(reactivation_mrr) as reactivation_arr,
        12 * sum(ending_mrr) as ending_arr,
        sum(case when is_in_starting_cohort then 1 else 0 end) as starting_logos,
        sum(case when is_retained_logo then 1 else 0 end) as retained_logos,
        sum(case when retention_movement = 'churn' then 1 else 0 end) as churned_logos,
        sum(case when retention_movement = 'new' then 1 else 0 end) as new_logos,
        sum(case when retention_movement = 'reactivation' then 1 else 0 end) as reactivated_logos,
        sum(case when ending_mrr > 0 then 1 else 0 end) as ending_logos
    from expanded
    group by
        month_start,
        window_type,
        window_months,
        cohort_month_start,
        window_start_month,
        segment,
        coverage_model,
        is_rollup

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
        {{ cs_analytics.to_decimal('starting_arr', 18, 2) }} as starting_arr,
        {{ cs_analytics.to_decimal('expansion_arr', 18, 2) }} as expansion_arr,
        {{ cs_analytics.to_decimal('contraction_arr', 18, 2) }} as contraction_arr,
        {{ cs_analytics.to_decimal('churned_arr', 18, 2) }} as churned_arr,
        cast(starting_arr - contraction_arr - churned_arr as decimal(18, 2)) as gross_retained_arr,
        {{ cs_analytics.to_decimal('ending_arr_of_cohort', 18, 2) }} as ending_arr_of_cohort,
        {{ cs_analytics.to_decimal('new_arr', 18, 2) }} as new_arr,
        {{ cs_analytics.to_decimal('reactivation_arr', 18, 2) }} as reactivation_arr,
        {{ cs_analytics.to_decimal('ending_arr', 18, 2) }} as ending_arr,

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

    from aggregated

)

select * from final
