{#-
    When each account was using each product feature: one row per account,
    feature and period of continuous use. A feature counts as in use on a
    day when it had at least one active user on that day or in the 89 days
    before (the 90-day look-back of the health score); two uses at most 90
    days apart belong to the same period. `in_use_until` is the first day the
    feature no longer counts as in use (last use + look-back). Feeds the
    adoption component of the health score. Accounts the CRM does not know
    are left out.
-#}

{{ config(materialized='table') }}

with feature_usage as (

    select * from {{ ref('stg_product__feature_usage_daily') }}

),

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

use_days as (

    select
        feature_usage.account_id,
        feature_usage.feature_key,
        feature_usage.usage_date,
        lag(feature_usage.usage_date) over (
            partition by feature_usage.account_id, feature_usage.feature_key
            order by feature_usage.usage_date
        ) as previous_usage_date
    from feature_usage
    inner join accounts
        on feature_usage.account_id = accounts.account_id
    where
        feature_usage.feature_key is not null
        and feature_usage.usage_date is not null
        and feature_usage.active_users > 0

),

period_starts as (

    select
        account_id,
        feature_key,
        usage_date,
        case
            when previous_usage_date is null then 1
            when
                {{ dbt.datediff('previous_usage_date', 'usage_date', 'day') }}
                > 90
                then 1
            else 0
        end as is_period_start
    from use_days

),

numbered as (

    select
        account_id,
        feature_key,
        usage_date,
        sum(is_period_start) over (
            partition by account_id, feature_key
            order by usage_date
            rows between unbounded preceding and current row
        ) as period_number
    from period_starts

),

periods as (

    select
        account_id,
        feature_key,
        period_number,
        min(usage_date) as first_used_date,
        max(usage_date) as last_used_date,
        count(*) as use_days
    from numbered
    group by account_id, feature_key, period_number

),

final as (

    select
        -- ids
        account_id,

        -- strings
        feature_key,

        -- numerics
        period_number,
        use_days,

        -- dates
        first_used_date,
        last_used_date,
        cast({{ dbt.dateadd('day', 90, 'last_used_date') }} as date) as in_use_until

    from periods

)

select * from final
