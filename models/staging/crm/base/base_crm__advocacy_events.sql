{#-
    One parse of raw crm.advocacy_events: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_crm__advocacy_events (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}


{%- set advocacy_event_type = cs_analytics.canonical_enum('advocacy_event_type') -%}

with source as (

    {{ cs_analytics.raw_source('crm', 'advocacy_events') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('advocacy_event_id') }} as advocacy_event_id,
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('contact_id') }} as contact_id,
        {{ cs_analytics.clean_id('influenced_opportunity_id') }} as influenced_opportunity_id,

        -- strings
        {{ cs_analytics.clean_enum(
            'event_type', advocacy_event_type.synonyms, advocacy_event_type.accepted
        ) }} as event_type,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('occurred_at') }} as occurred_at,

        -- raw values, as they arrived
        {{ cs_analytics.dq_raw_values('crm', 'advocacy_events') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'crm', 'advocacy_events',
    checks=[
        cs_analytics.dq_check_missing_key('advocacy_event_id'),
        cs_analytics.dq_check_unparseable('occurred_at'),
        cs_analytics.dq_check_implausible_date('occurred_at'),
        cs_analytics.dq_check_future('occurred_at'),
    ],
    key=['advocacy_event_id'],
    unknown_enums={'event_type': advocacy_event_type}
) }}

select * from final
