{#-
    The first and last day of each account's customer-day spine
    (`int_account_customer_days`, gap days between episodes included): the
    range the health signals are measured over. Read once here so the fact
    models can place their facts inside it without scanning the spine again.
-#}

with days as (

    select * from {{ ref('int_account_customer_days') }}

),

final as (

    select
        -- ids
        account_id,

        -- dates
        min(date_day) as first_date,
        max(date_day) as last_date
    from days
    group by account_id

)

select * from final
