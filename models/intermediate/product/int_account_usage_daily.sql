{#-
    Product usage per account and day, for days with activity (the shared
    contract other domains read): active users, value events, the licensed
    seats of the subscription lines active that day, and active users per
    seat. Accounts the CRM does not know (orphans) are left out. Days with
    usage but no active line keep their usage with empty seats.

    Incremental: each run re-reads the last `usage_lookback_days` (default 3)
    days before the latest day already loaded, so rows that arrive late are
    picked up, and replaces those days (delete+insert on account_id and
    usage_date). Seat corrections older than the look-back need a
    `--full-refresh`. Spark (session method, no Delta merge) builds it as a
    table.
-#}

{{ config(
    materialized=('table' if target.type == 'spark' else 'incremental'),
    unique_key=['account_id', 'usage_date'],
    incremental_strategy='delete+insert',
    on_schema_change='append_new_columns',
) }}

with usage as (

    select * from {{ ref('stg_product__account_usage_daily') }}

),

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

periods as (

    select * from {{ ref('int_account_subscription_periods') }}

),

new_usage as (

    select
        usage.account_id,
        usage.usage_date,
        usage.active_users,
        usage.events
    from usage
    inner join accounts
        on usage.account_id = accounts.account_id
    where
        usage.usage_date is not null
    {% if is_incremental() %}
            and usage.usage_date >= (
                select
                    cast(
                        {{ dbt.dateadd('day', -1 * var('usage_lookback_days', 3), 'max(loaded.usage_date)') }}
                        as date
                    )
                from {{ this }} as loaded
            )
    {% endif %}

),

final as (

    select
        -- ids
        new_usage.account_id,

        -- numerics
        new_usage.active_users,
        new_usage.events,
        periods.seats,
        case
            when periods.seats > 0
                then cast(new_usage.active_users as {{ cs_analytics.type_double() }}) / periods.seats
        end as usage_per_seat,

        -- dates
        new_usage.usage_date

    from new_usage
    left join periods
        on
            new_usage.account_id = periods.account_id
            and new_usage.usage_date >= periods.period_start
            and (periods.period_end is null or new_usage.usage_date < periods.period_end)

)

select * from final
