{#-
    CS platform timeline activities, classified once for every CSM metric:
    which count as a customer touchpoint (a call, meeting, email, QBR, EBR,
    check-in, training or ROI review with the customer, inbound or outbound;
    not internal notes or success-plan edits), which are inbound requests
    that wait for an answer, and which complete a lifecycle cadence (QBR,
    EBR, check-in).
-#}

with activities as (

    select * from {{ ref('stg_cs_platform__activities') }}

),

final as (

    select
        -- ids
        activity_id,
        account_id,
        user_id,
        contact_id,
        cta_id,

        -- strings
        activity_type,
        direction,
        sentiment,

        -- numerics
        duration_minutes,

        -- booleans
        coalesce(
            direction in ('inbound', 'outbound')
            and activity_type not in ('note', 'success_plan_update'),
            false
        ) as is_touchpoint,
        coalesce(direction = 'inbound', false) as is_inbound,
        coalesce(direction = 'outbound', false) as is_outbound,
        coalesce(activity_type in ('qbr', 'ebr', 'check_in'), false) as is_lifecycle_activity,

        -- dates
        cast(occurred_at as date) as activity_date,
        cast({{ dbt.date_trunc('month', 'occurred_at') }} as date) as activity_month,

        -- timestamps
        occurred_at

    from activities
    where occurred_at is not null

)

select * from final
