{#-
    One parse of raw digital.email_events: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_digital__email_events (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}


{%- set email_event_type = cs_analytics.canonical_enum('email_event_type') -%}

with source as (

    {{ cs_analytics.raw_source('digital', 'email_events') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('event_id') }} as event_id,
        {{ cs_analytics.clean_id('send_id') }} as send_id,

        -- strings
        {{ cs_analytics.clean_enum(
            'event_type', email_event_type.synonyms, email_event_type.accepted
        ) }} as event_type,
        {{ cs_analytics.clean_text('url') }} as url,

        -- booleans
        {{ cs_analytics.safe_cast_boolean('is_machine_open') }} as is_machine_open,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('occurred_at') }} as occurred_at,

        -- raw values, as they arrived
        {{ cs_analytics.dq_raw_values('digital', 'email_events') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'digital', 'email_events',
    checks=[
        cs_analytics.dq_check_missing_key('event_id'),
        cs_analytics.dq_check_unparseable('is_machine_open'),
        cs_analytics.dq_check_unparseable('occurred_at'),
        cs_analytics.dq_check_implausible_date('occurred_at'),
        cs_analytics.dq_check_future('occurred_at'),
    ],
    key=['event_id'],
    unknown_enums={'event_type': email_event_type}
) }}

select * from final
