{#-
    MRR and seats per account, product and month, from the billing lines
    active on the first day of the month (the same recognition rule as
    int_account_mrr_monthly, per product). Seats are known for a product only
    when every active line of it carries seats (add-on lines usually carry
    none); otherwise empty, and a change in that product's MRR is read as a
    price change. Only months where the product has MRR above zero are rows.
-#}

{{ config(materialized='table') }}

with subscriptions as (

    select * from {{ ref('stg_billing__subscriptions') }}

),

months as (

    select * from {{ ref('int_months') }}

),

active_lines as (

    select
        subscriptions.account_id,
        coalesce(subscriptions.product, 'unknown') as product,
        months.month_start,
        subscriptions.mrr,
        subscriptions.seats
    from subscriptions
    inner join months
        on
            subscriptions.start_date <= months.month_start
            and (subscriptions.end_date is null or subscriptions.end_date > months.month_start)
    where
        subscriptions.account_id is not null
        and subscriptions.mrr is not null

),

final as (

    select
        -- ids
        account_id,

        -- strings
        product,

        -- dates
        month_start,

        -- numerics
        sum(mrr) as mrr,
        case when count(seats) = count(*) and sum(seats) > 0 then sum(seats) end as seats

    from active_lines
    group by account_id, product, month_start
    having sum(mrr) > 0

)

select * from final
