{#-
    INTERIM account health at the start of each month, for the CSM scorecard
    only, until the health domain's daily health score is available: a
    usage-only proxy. Utilisation = average daily active users over the 28
    days before the 1st (days without activity count as zero) / licensed
    seats on the 1st. Score = 100 x utilisation / var
    `csm_interim_health_full_utilisation` (default 0.6), capped at 100.
    Band: red below 50 (utilisation under 30%, the usage-drop alert's
    threshold), yellow below 75, green from 75.
-#}

with usage as (

    select * from {{ ref('stg_product__account_usage_daily') }}

),

mrr_monthly as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

usage_coverage as (

    select min(usage_date) as first_usage_date
    from usage

),

-- only months whose whole 28-day look-back lies inside the usage feed
paying as (

    select
        mrr_monthly.account_id,
        mrr_monthly.month_start,
        mrr_monthly.seats
    from mrr_monthly
    cross join usage_coverage
    where
        mrr_monthly.mrr > 0
        and cast({{ dbt.dateadd('day', -28, 'mrr_monthly.month_start') }} as date) >= usage_coverage.first_usage_date

),

trailing_usage as (

    select
        paying.account_id,
        paying.month_start,
        paying.seats,
        coalesce(sum(usage.active_users), 0) / 28.0 as average_daily_active_users
    from paying
    left join usage
        on
            paying.account_id = usage.account_id
            and paying.month_start > usage.usage_date
            and cast({{ dbt.dateadd('day', -28, 'paying.month_start') }} as date) <= usage.usage_date
    group by paying.account_id, paying.month_start, paying.seats

),

scored as (

    select
        account_id,
        month_start,
        average_daily_active_users,
        case when seats > 0 then average_daily_active_users / seats end as utilisation
    from trailing_usage

),

banded as (

    select
        account_id,
        month_start,
        average_daily_active_users,
        utilisation,
        case
            when utilisation is null then null
            when utilisation >= {{ var('csm_interim_health_full_utilisation', 0.6) }} then 100.0
            else 100.0 * utilisation / {{ var('csm_interim_health_full_utilisation', 0.6) }}
        end as health_score
    from scored

),

final as (

    select
        -- ids
        account_id,

        -- dates
        month_start,

        -- numerics
        average_daily_active_users,
        utilisation,
        health_score,

        -- strings
        case
            when health_score is null then null
            when health_score < 50 then 'red'
            when health_score < 75 then 'yellow'
            else 'green'
        end as health_band

    from banded

)

select * from final
