{#-
    Why a retained account's MRR moved over a retention window: the change
    between the window's starting month and its last month, split into three
    parts that add up to it exactly, product by product:
      - products: MRR of a product the account did not have at the start
        (cross-sell, positive) less the MRR of a product it no longer has
        (negative);
      - seats: for a product held at both ends with seats known at both, the
        seat change priced at the starting price per seat
        ((ending seats - starting seats) x starting MRR / starting seats);
      - price: the rest of that product's change (a new price per seat, a
        discount ending; the whole change when seats are not known).
    One row per account, window type and window end month for the accounts
    in the window's starting cohort that still pay at its end (expansion,
    contraction and flat outcomes of int_account_retention_windows); churn,
    new and reactivated accounts are whole-account movements with no split.
-#}

{{ config(materialized='table') }}

with retention_windows as (

    select * from {{ ref('int_account_retention_windows') }}

),

product_mrr as (

    select * from {{ ref('int_account_product_mrr_monthly') }}

),

retained as (

    select
        account_id,
        window_type,
        month_start,
        cohort_month_start,
        retention_movement,
        starting_mrr,
        ending_mrr
    from retention_windows
    where retention_movement in ('expansion', 'contraction', 'flat')

),

starting_products as (

    select
        retained.account_id,
        retained.window_type,
        retained.month_start,
        product_mrr.product,
        product_mrr.mrr as starting_mrr,
        product_mrr.seats as starting_seats,
        0 as ending_mrr,
        cast(null as {{ dbt.type_numeric() }}) as ending_seats
    from retained
    inner join product_mrr
        on
            retained.account_id = product_mrr.account_id
            and retained.cohort_month_start = product_mrr.month_start

),

ending_products as (

    select
        retained.account_id,
        retained.window_type,
        retained.month_start,
        product_mrr.product,
        0 as starting_mrr,
        cast(null as {{ dbt.type_numeric() }}) as starting_seats,
        product_mrr.mrr as ending_mrr,
        product_mrr.seats as ending_seats
    from retained
    inner join product_mrr
        on
            retained.account_id = product_mrr.account_id
            and retained.month_start = product_mrr.month_start

),

unioned as (

    select * from starting_products
    union all
    select * from ending_products

),

per_product as (

    select
        account_id,
        window_type,
        month_start,
        product,
        sum(starting_mrr) as starting_mrr,
        max(starting_seats) as starting_seats,
        sum(ending_mrr) as ending_mrr,
        max(ending_seats) as ending_seats
    from unioned
    group by account_id, window_type, month_start, product

),

split as (

    select
        account_id,
        window_type,
        month_start,
        case
            when starting_mrr = 0 then ending_mrr
            when ending_mrr = 0 then -starting_mrr
            else 0
        end as products_mrr_change,
        case
            when starting_mrr > 0 and ending_mrr > 0 and starting_seats > 0 and ending_seats > 0
                then {{ cs_analytics.to_decimal(
                    '(ending_seats - starting_seats) * starting_mrr / starting_seats', 28, 6
                ) }}
            else 0
        end as seats_mrr_change,
        ending_mrr - starting_mrr as mrr_change
    from per_product

),

per_account as (

    select
        account_id,
        window_type,
        month_start,
        sum(products_mrr_change) as products_mrr_change,
        sum(seats_mrr_change) as seats_mrr_change,
        sum(mrr_change) as mrr_change
    from split
    group by account_id, window_type, month_start

),

final as (

    select
        -- ids
        retained.account_id,

        -- strings
        retained.window_type,
        retained.retention_movement,

        -- dates
        retained.month_start,
        retained.cohort_month_start,

        -- numerics
        retained.ending_mrr - retained.starting_mrr as mrr_change,
        coalesce(per_account.products_mrr_change, 0) as products_mrr_change,
        cast(coalesce(per_account.seats_mrr_change, 0) as decimal(38, 6)) as seats_mrr_change,
        cast(
            retained.ending_mrr - retained.starting_mrr
            - coalesce(per_account.products_mrr_change, 0)
            - coalesce(per_account.seats_mrr_change, 0) as decimal(38, 6)
        ) as price_mrr_change

    from retained
    left join per_account
        on
            retained.account_id = per_account.account_id
            and retained.window_type = per_account.window_type
            and retained.month_start = per_account.month_start

)

select * from final
