{#-
    Every account day of the customer-day calendar with its usage per seat,
    the series the reconversion usage state and usage recovery look back
    over: a day that is not a customer day counts as zero usage and is
    flagged (is_customer_day 0), so a trailing window over it is not judged;
    a customer day without usage counts as zero. Unlike
    int_customer_days_joined_to_usage it keeps the days that are not
    customer days and takes usage per seat as recorded by the product.
-#}

with customer_days as (

    select * from {{ ref('int_account_customer_days') }}

),

daily_usage as (

    select * from {{ ref('int_account_usage_daily') }}

),

final as (

    select
        customer_days.account_id,
        customer_days.date_day,
        case when customer_days.is_customer_day then 1 else 0 end as is_customer_day,
        case when customer_days.is_customer_day then coalesce(daily_usage.usage_per_seat, 0) else 0 end
            as usage_per_seat
    from customer_days
    left join daily_usage
        on
            customer_days.account_id = daily_usage.account_id
            and customer_days.date_day = daily_usage.usage_date

)

select * from final
