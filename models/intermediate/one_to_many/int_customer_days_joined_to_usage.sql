{#-
    Usage per seat on every customer day, days without usage included as
    zero: the daily series the 1:many measures average (the usage
    reconversion of a send, the usage change of an enrollment, the usage
    per seat of a tier). int_account_usage_daily only has days with
    activity, so averaging it alone would skip the days nobody logged in and
    overstate usage. Only customer days with licensed seats are kept (usage
    per seat needs seats).
-#}

with customer_days as (

    select * from {{ ref('int_account_customer_days') }}

),

usage as (

    select * from {{ ref('int_account_usage_daily') }}

),

final as (

    select
        -- ids
        customer_days.account_id,

        -- numerics
        customer_days.seats,
        coalesce(usage.active_users, 0) as active_users,
        cast(coalesce(usage.active_users, 0) as {{ cs_analytics.type_double() }})
        / customer_days.seats as usage_per_seat,

        -- dates
        customer_days.date_day

    from customer_days
    left join usage
        on
            customer_days.account_id = usage.account_id
            and customer_days.date_day = usage.usage_date
    where
        customer_days.is_customer_day
        and customer_days.seats > 0

)

select * from final
