{#-
    Every lifecycle touch an account received, one row per touch: the QBRs,
    EBRs and check-ins CSMs logged (`int_activities_classified`), and, for
    the tiers served digitally (var `digital_check_in_coverage_models`,
    default `['one_to_many']`), each program email delivered to the account
    (not bounced) as a check-in, the way the health engagement score and the
    one-to-many touch target count it. Cadence compliance reads touches
    from here only, so the monthly compliance and today's mart agree.
-#}

{%- set digital_models = var('digital_check_in_coverage_models', ['one_to_many']) %}

with activities as (

    select * from {{ ref('int_activities_classified') }}

),

email_sends as (

    select * from {{ ref('int_email_events_aggregated_to_sends') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

touches as (

    select
        activity_id as touch_id,
        account_id,
        activity_type,
        'csm_activity' as touch_source,
        occurred_at as touched_at,
        activity_date as touched_date,
        activity_month as touched_month
    from activities
    where is_lifecycle_activity

    {%- if digital_models | length > 0 %}

        union all

        select
            email_sends.send_id as touch_id,
            email_sends.account_id,
            'check_in' as activity_type,
            'program_email' as touch_source,
            email_sends.sent_at as touched_at,
            email_sends.sent_date as touched_date,
            email_sends.sent_month as touched_month
        from email_sends
        inner join accounts
            on email_sends.account_id = accounts.account_id
        where
            email_sends.was_delivered
            and accounts.coverage_model in ({{ "'" ~ digital_models | join("', '") ~ "'" }})
    {%- endif %}

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key(['touch_source', 'touch_id']) }} as touch_key,
        touch_id,
        account_id,

        -- strings
        cast(activity_type as {{ cs_analytics.type_varchar() }}) as activity_type,
        cast(touch_source as {{ cs_analytics.type_varchar() }}) as touch_source,

        -- timestamps
        touched_at,

        -- dates
        touched_date,
        touched_month

    from touches

)

select * from final
