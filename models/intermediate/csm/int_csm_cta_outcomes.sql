{#-
    Each CTA with the outcome its status maps to (seed `cta_status_outcomes`,
    matched on the lower-cased status; a status missing from the seed is
    `unmapped`), whether it is closed and whether it was closed by its due
    date. Credited to the CTA's owner in the month it closed. A CTA closed
    on a day before the day it was created (dq_cross_table_anomalies:
    closed_before_created) has an unknown timeline: never on time, and
    has_unknown_duration keeps it out of on-time denominators.
-#}

with ctas as (

    select * from {{ ref('stg_cs_platform__ctas') }}

),

status_outcomes as (

    select * from {{ cs_analytics.reference_table('cta_status_outcomes') }}

),

mapped as (

    select
        ctas.cta_id,
        ctas.account_id,
        ctas.owner_user_id,
        ctas.cta_type,
        ctas.due_date,
        ctas.created_at,
        ctas.closed_at,
        coalesce(status_outcomes.outcome, 'unmapped') as outcome
    from ctas
    left join status_outcomes
        on lower(trim(ctas.status)) = lower(trim(status_outcomes.status))

),

final as (

    select
        -- ids
        cta_id,
        account_id,
        owner_user_id,

        -- strings
        cta_type,
        outcome,

        -- booleans
        coalesce(cast(closed_at as date) < cast(created_at as date), false) as has_unknown_duration,
        outcome in ('success', 'lost', 'invalid', 'auto_resolved') and closed_at is not null as is_closed,
        coalesce(
            outcome in ('success', 'lost', 'invalid', 'auto_resolved')
            and closed_at is not null
            and cast(closed_at as date) >= cast(created_at as date)
            and cast(closed_at as date) <= due_date,
            false
        ) as is_closed_on_time,

        -- dates
        due_date,
        cast({{ dbt.date_trunc('month', 'closed_at') }} as date) as closed_month,

        -- timestamps
        created_at,
        closed_at

    from mapped

)

select * from final
