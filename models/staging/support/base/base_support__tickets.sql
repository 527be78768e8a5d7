{#-
    One parse of raw support.tickets: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_support__tickets (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}

{{ config(enabled=var('using_support_tickets', true)) }}



with source as (

    {{ cs_analytics.raw_source('support', 'tickets') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('ticket_id') }} as ticket_id,
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('contact_id') }} as contact_id,

        -- strings
        {{ cs_analytics.clean_code('priority') }} as priority,
        {{ cs_analytics.clean_code('status') }} as status,

        -- booleans
        {{ cs_analytics.safe_cast_boolean('is_escalated') }} as is_escalated,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('created_at') }} as created_at,
        {{ cs_analytics.safe_cast_timestamp_utc('first_response_at') }} as first_response_at,
        {{ cs_analytics.safe_cast_timestamp_utc('solved_at') }} as solved_at,

        -- raw values, as they arrived
        {{ cs_analytics.dq_raw_values('support', 'tickets') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'support', 'tickets',
    checks=[
        cs_analytics.dq_check_missing_key('ticket_id'),
        cs_analytics.dq_check_unparseable('is_escalated'),
        cs_analytics.dq_check_unparseable('created_at'),
        cs_analytics.dq_check_unparseable('first_response_at'),
        cs_analytics.dq_check_unparseable('solved_at'),
        cs_analytics.dq_check_implausible_date('created_at'),
        cs_analytics.dq_check_implausible_date('first_response_at'),
        cs_analytics.dq_check_implausible_date('solved_at'),
        cs_analytics.dq_check_future('created_at'),
        cs_analytics.dq_check_future('first_response_at'),
        cs_analytics.dq_check_future('solved_at'),
    ],
    key=['ticket_id']
) }}

select * from final
