{#-
    Each account's net outcome over a retention window. A window of W months
    ends at month M (`month_start`); its starting cohort is the accounts with
    MRR > 0 in month M - W (`cohort_month_start`, the month before the
    window's first month) and their MRR then is the starting MRR; the ending
    MRR is their MRR in month M. Windows: `single_month` (W = 1, the same
    comparison as the monthly movement) and `trailing_12_months` (W = 12).
    Per cohort account, net over the window: ending above starting =
    expansion, below but above zero = contraction, zero = churn (the whole
    starting MRR), equal = flat. Accounts outside the cohort with MRR in
    month M are `new` (first MRR month inside the window) or `reactivation`
    (paid before the window, not at its start).
-#}

{{ config(materialized='table') }}

with mrr_monthly as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

months as (

    select * from {{ ref('int_months') }}

),

window_types as (

    select
        'single_month' as window_type,
        1 as window_months
    union all
    select
        'trailing_12_months' as window_type,
        12 as window_months

),

windows as (

    select
        window_end.month_start,
        window_types.window_type,
        window_types.window_months,
        cohort_month.month_start as cohort_month_start,
        cohort_month.month_end as window_start_month
    from months as window_end
    cross join window_types
    inner join months as cohort_month
        on cohort_month.month_index = window_end.month_index - window_types.window_months

),

starting as (

    select
        windows.month_start,
        windows.window_type,
        mrr_monthly.account_id,
        mrr_monthly.mrr as starting_mrr,
        0 as ending_mrr
    from windows
    inner join mrr_monthly
        on windows.cohort_month_start = mrr_monthly.month_start
    where mrr_monthly.mrr > 0

),

ending as (

    select
        windows.month_start,
        windows.window_type,
        mrr_monthly.account_id,
        0 as starting_mrr,
        mrr_monthly.mrr as ending_mrr
    from windows
    inner join mrr_monthly
        on windows.month_start = mrr_monthly.month_start
    where mrr_monthly.mrr > 0

),

unioned as (

    select * from starting
    union all
    select * from ending

),

per_account as (

    select
        month_start,
        window_type,
        account_id,
        sum(starting_mrr) as starting_mrr,
        sum(ending_mrr) as ending_mrr
    from unioned
    group by month_start, window_type, account_id

),

first_months as (

    select
        account_id,
        min(first_mrr_month) as first_mrr_month
    from mrr_monthly
    group by account_id

),

classified as (

    select
        per_account.month_start,
        per_account.window_type,
        windows.window_months,
        windows.cohort_month_start,
        windows.window_start_month,
        per_account.account_id,
        per_account.starting_mrr,
        per_account.ending_mrr,
        case
            when per_account.starting_mrr > 0 and per_account.ending_mrr = 0 then 'churn'
            when per_account.starting_mrr > 0 and per_account.ending_mrr > per_account.starting_mrr then 'expansion'
            when per_account.starting_mrr > 0 and per_account.ending_mrr < per_account.starting_mrr then 'contraction'
            when per_account.starting_mrr > 0 then 'flat'
            when first_months.first_mrr_month >= windows.window_start_month then 'new'
            else 'reactivation'
        end as retention_movement
    from per_account
    inner join windows
        on
            per_account.month_start = windows.month_start
            and per_account.window_type = windows.window_type
    left join first_months
        on per_account.account_id = first_months.account_id

),

final as (

    select
        -- ids
        account_id,

        -- strings
        window_type,
        retention_movement,

        -- dates
        month_start,
        cohort_month_start,
        window_start_month,

        -- numerics
        window_months,
        starting_mrr,
        ending_mrr,
        case when retention_movement = 'expansion' then ending_mrr - starting_mrr else 0 end as expansion_mrr,
        case when retention_movement = 'contraction' then starting_mrr - ending_mrr else 0 end as contraction_mrr,
        case when retention_movement = 'churn' then starting_mrr else 0 end as churned_mrr,
        case when retention_movement = 'new' then ending_mrr else 0 end as new_mrr,
        case when retention_movement = 'reactivation' then ending_mrr else 0 end as reactivation_mrr,

        -- booleans
        starting_mrr > 0 as is_in_starting_cohort,
        starting_mrr > 0 and ending_mrr > 0 as is_retained_logo

    from classified

)

select * from final
