{#-
    Usage per seat per account and calendar month: active user-days over
    seat-days on the account's customer days with licensed seats, days
    without usage counted as zero (int_customer_days_joined_to_usage). Keeps
    the two sums so any roll-up (a tier, a book) divides its own totals
    rather than averaging account ratios.
-#}

with usage_days as (

    select * from {{ ref('int_customer_days_joined_to_usage') }}

),

final as (

    select
        -- ids
        account_id,

        -- dates
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start,

        -- numerics
        sum(active_users) as active_user_days,
        sum(seats) as seat_days,
        cast(
            case
                when sum(seats) > 0 then 1.0 * sum(active_users) / sum(seats)
            end as {{ cs_analytics.type_double() }}
        ) as usage_per_seat

    from usage_days
    group by account_id, cast({{ dbt.date_trunc('month', 'date_day') }} as date)

)

select * from final
