{#-
    One row per person in the CRM's go-to-market team (CSMs, digital CSMs,
    managers, and the account executives who source deals), without email.
    Portfolio figures are as of the as-of date: the accounts the person owns
    as CSM then, and their ARR in the as-of month.
-#}

with users as (

    select * from {{ ref('stg_crm__users') }}

),

labels as (

    select * from {{ ref('int_users_labelled') }}

),

assignments as (

    select * from {{ ref('int_account_csm_assignments') }}

),

mrr_monthly as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

months as (

    select * from {{ ref('int_months') }}

),

as_of as (

    select
        month_start as as_of_month,
        as_of_date
    from months
    where is_as_of_month

),

current_book as (

    select
        assignments.csm_user_id as user_id,
        count(*) as current_assigned_accounts,
        sum(case when mrr_monthly.mrr > 0 then 1 else 0 end) as current_portfolio_accounts,
        sum(coalesce(mrr_monthly.mrr, 0)) as current_portfolio_mrr
    from assignments
    cross join as_of
    left join mrr_monthly
        on
            assignments.account_id = mrr_monthly.account_id
            and as_of.as_of_month = mrr_monthly.month_start
    where assignments.is_current
    group by assignments.csm_user_id

),

final as (

    select
        -- ids
        users.user_id,
        users.manager_user_id,

        -- strings
        users.full_name,
        labels.display_name,
        managers.display_name as manager_display_name,
        users.role,
        users.team,
        users.region,

        -- numerics
        cast(
            {{ dbt.datediff('users.hired_at', 'coalesce(users.terminated_at, as_of.as_of_date)', 'month') }}
            as integer
        ) as tenure_months,
        cast(coalesce(current_book.current_assigned_accounts, 0) as bigint) as current_assigned_accounts,
        cast(coalesce(current_book.current_portfolio_accounts, 0) as bigint) as current_portfolio_accounts,
        cast(12 * coalesce(current_book.current_portfolio_mrr, 0) as decimal(18, 2)) as current_portfolio_arr,

        -- booleans
        users.role in ('csm', 'digital_csm', 'cs_manager') as is_cs_user,
        users.terminated_at is null or cast(users.terminated_at as date) > as_of.as_of_date as is_active,

        -- timestamps
        users.hired_at,
        users.terminated_at

    from users
    cross join as_of
    left join labels
        on users.user_id = labels.user_id
    left join labels as managers
        on users.manager_user_id = managers.user_id
    left join current_book
        on users.user_id = current_book.user_id

)

select * from final
