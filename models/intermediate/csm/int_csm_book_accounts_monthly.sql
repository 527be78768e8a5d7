{#-
    Each CS user's book, month by month: the accounts they owned on the first
    day of the month that were customers in it (MRR this month or last), with
    the month's single-month retention outcome (`int_account_retention_windows`,
    window `single_month`). This is what point-in-time attribution credits to
    the owner: the starting book is the accounts with MRR last month, and
    their churn, contraction and expansion this month belong to whoever owned
    them on the 1st.
-#}

{{ config(materialized='table') }}

with retention_windows as (

    select * from {{ ref('int_account_retention_windows') }}

),

owners as (

    select * from {{ ref('int_account_owners_monthly') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

final as (

    select
        -- ids
        owners.csm_user_id,
        retention_windows.account_id,

        -- strings
        owners.owner_role,
        coalesce(accounts.segment, 'unknown') as segment,
        coalesce(accounts.coverage_model, 'unknown') as coverage_model,
        retention_windows.retention_movement as movement,

        -- numerics
        retention_windows.starting_mrr,
        retention_windows.ending_mrr as mrr,
        case
            when retention_windows.is_in_starting_cohort then retention_windows.ending_mrr else 0
        end as ending_mrr_of_starting_book,
        retention_windows.expansion_mrr,
        retention_windows.contraction_mrr,
        retention_windows.churned_mrr,
        retention_windows.new_mrr,
        retention_windows.reactivation_mrr,

        -- booleans
        retention_windows.is_in_starting_cohort as is_in_starting_book,
        retention_windows.is_retained_logo,
        retention_windows.ending_mrr > 0 as is_paying,

        -- dates
        retention_windows.month_start

    from retention_windows
    inner join owners
        on
            retention_windows.account_id = owners.account_id
            and retention_windows.month_start = owners.month_start
    left join accounts
        on retention_windows.account_id = accounts.account_id
    where retention_windows.window_type = 'single_month'

)

select * from final
