{#-
    The MRR movement ledger: one row per account and month from the account's
    first month with MRR to the as-of month (months between a churn and a
    return are not rows), with the CSM who owned the account on the first
    day of the month. Sum `mrr_change` by `movement` for a bridge from
    starting to ending MRR; the `arr_change_from_*` columns say why a
    retained account's ARR moved (products, seats, price).
-#}

with mrr_monthly as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

owners as (

    select * from {{ ref('int_account_owners_monthly') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

user_labels as (

    select * from {{ ref('int_users_labelled') }}

),

changes_explained as (

    select * from {{ ref('int_account_mrr_changes_explained') }}
    where window_type = 'single_month'

),

final as (

    select
        -- ids
        mrr_monthly.account_id,
        owners.csm_user_id,

        -- strings
        accounts.account_name,
        user_labels.display_name as csm_display_name,
        owners.owner_role,
        coalesce(accounts.segment, 'unknown') as segment,
        coalesce(accounts.coverage_model, 'unknown') as coverage_model,
        mrr_monthly.movement,

        -- numerics
        {{ cs_analytics.to_decimal('mrr_monthly.mrr', 18, 2) }} as mrr,
        {{ cs_analytics.to_decimal('mrr_monthly.previous_mrr', 18, 2) }} as previous_mrr,
        {{ cs_analytics.to_decimal('mrr_monthly.mrr_change', 18, 2) }} as mrr_change,
        {{ cs_analytics.to_decimal('mrr_monthly.arr', 18, 2) }} as arr,
        {{ cs_analytics.to_decimal('mrr_monthly.previous_arr', 18, 2) }} as previous_arr,
        cast(12 * mrr_monthly.mrr_change as decimal(18, 2)) as arr_change,
        cast(12 * changes_explained.products_mrr_change as decimal(18, 2)) as arr_change_from_products,
        {{ cs_analytics.to_decimal('12 * changes_explained.seats_mrr_change', 18, 2) }} as arr_change_from_seats,
        cast(
            cast(12 * mrr_monthly.mrr_change as decimal(18, 2))
            - cast(12 * changes_explained.products_mrr_change as decimal(18, 2))
            - {{ cs_analytics.to_decimal('12 * changes_explained.seats_mrr_change', 18, 2) }}
            as decimal(18, 2)
        ) as arr_change_from_price,
        cast(mrr_monthly.seats as bigint) as seats,
        cast(mrr_monthly.active_subscription_lines as bigint) as active_subscription_lines,

        -- booleans
        coalesce(accounts.is_deleted, false) as is_account_deleted,

        -- dates
        mrr_monthly.month_start,
        mrr_monthly.first_mrr_month

    from mrr_monthly
    left join owners
        on
            mrr_monthly.account_id = owners.account_id
            and mrr_monthly.month_start = owners.month_start
    left join accounts
        on mrr_monthly.account_id = accounts.account_id
    left join user_labels
        on owners.csm_user_id = user_labels.user_id
    left join changes_explained
        on
            mrr_monthly.account_id = changes_explained.account_id
            and mrr_monthly.month_start = changes_explained.month_start

)

select * from final
