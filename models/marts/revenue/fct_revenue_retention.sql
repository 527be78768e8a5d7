{#-
    Revenue and logo retention by month, segment and coverage model: one row
    per slice, with the single-month window (`monthly_*`) and the
    trailing-twelve-month window (`trailing_12m_*`) ending in `month_start`
    side by side (definitions in the docs blocks `rev_grr`, `rev_nrr`,
    `rev_retention_cohort`). Detail rows only: every ARR and logo column sums
    across segments and coverage models to the company figure, and every rate
    is re-aggregated as sum(numerator) / sum(denominator).
-#}

with retention_windows as (

    select * from {{ ref('int_account_retention_windows') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

changes_explained as (

    select * from {{ ref('int_account_mrr_changes_explained') }}

),

sliced as (

    select
        retention_windows.*,
        coalesce(accounts.segment, 'unknown') as segment,
        coalesce(accounts.coverage_model, 'unknown') as coverage_model,
        coalesce(changes_explained.products_mrr_change, 0) as products_mrr_change,
        coalesce(changes_explained.seats_mrr_change, 0) as seats_mrr_change
    from retention_windows
    left join accounts
        on retention_windows.account_id = accounts.account_id
    left join changes_explained
        on
            retention_windows.account_id = changes_explained.account_id
            and retention_windows.window_type = changes_explained.window_type
            and retention_windows.month_start = changes_explained.month_start

),

aggregated as (

    select
        month_start,
        window_type,
        segment,
        coverage_model,
        min(cohort_month_start) as cohort_month_start,
        min(window_start_month) as window_start_month,
        12 * sum(starting_mrr) as starting_arr,
        12 * sum(expansion_mrr) as expansion_arr,
        12 * sum(contraction_mrr) as contraction_arr,
        12 * sum(case when retention_movement = 'expansion' then products_mrr_change else 0 end)
            as expansion_products_arr,
        12 * sum(case when retention_movement = 'expansion' then seats_mrr_change else 0 end)
            as expansion_seats_arr,
        -12 * sum(case when retention_movement = 'contraction' then products_mrr_change else 0 end)
            as contraction_products_arr,
        -12 * sum(case when retention_movement = 'contraction' then seats_mrr_change else 0 end)
            as contraction_seats_arr,
        12 * sum(churned_mrr) as churned_arr,
        12 * sum(starting_mrr - contraction_mrr - churned_mrr) as gross_retained_arr,
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
    from sliced
    group by
        month_start,
        window_type,
        segment,
        coverage_model

),

slices as (

    select distinct
        month_start,
        segment,
        coverage_model
    from aggregated

),

final as (

    select
        -- dates
        slices.month_start,
        monthly.cohort_month_start as monthly_cohort_month_start,
        monthly.window_start_month as monthly_window_start_month,
        trailing_12m.cohort_month_start as trailing_12m_cohort_month_start,
        trailing_12m.window_start_month as trailing_12m_window_start_month,

        -- strings
        slices.segment,
        slices.coverage_model,

        -- numerics: the single_month window
        {{ cs_analytics.retention_window_columns('monthly') }},

        -- numerics: the trailing_12_months window
        {{ cs_analytics.retention_window_columns('trailing_12m') }}

    from slices
    left join aggregated as monthly
        on
            slices.month_start = monthly.month_start
            and slices.segment = monthly.segment
            and slices.coverage_model = monthly.coverage_model
            and monthly.window_type = 'single_month'
    left join aggregated as trailing_12m
        on
            slices.month_start = trailing_12m.month_start
            and slices.segment = trailing_12m.segment
            and slices.coverage_model = trailing_12m.coverage_model
            and trailing_12m.window_type = 'trailing_12_months'

)

select * from final
