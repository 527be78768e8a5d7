{#-
    One parse of raw cs_platform.activities: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_cs_platform__activities (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}


{%- set activity_type = cs_analytics.canonical_enum('activity_type') -%}
{%- set direction = cs_analytics.canonical_enum('direction') -%}
{%- set sentiment = cs_analytics.canonical_enum('sentiment') -%}

with source as (

    {{ cs_analytics.raw_source('cs_platform', 'activities') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('activity_id') }} as activity_id,
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('user_id') }} as user_id,
        {{ cs_analytics.clean_id('contact_id') }} as contact_id,
        {{ cs_analytics.clean_id('cta_id') }} as cta_id,

        -- strings
        {{ cs_analytics.clean_enum(
            'activity_type', activity_type.synonyms, activity_type.accepted
        ) }} as activity_type,
        {{ cs_analytics.clean_enum('direction', direction.synonyms, direction.accepted) }} as direction,
        {{ cs_analytics.clean_enum('sentiment', sentiment.synonyms, sentiment.accepted) }} as sentiment,

        -- numerics
        {{ cs_analytics.safe_cast_integer('duration_minutes') }} as duration_minutes,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('occurred_at') }} as occurred_at,

        -- raw values, as they arrived
        {{ cs_analytics.dq_raw_values('cs_platform', 'activities') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'cs_platform', 'activities',
    checks=[
        cs_analytics.dq_check_missing_key('activity_id'),
        cs_analytics.dq_check_unparseable('occurred_at'),
        cs_analytics.dq_check_unparseable('duration_minutes'),
        cs_analytics.dq_check_implausible_date('occurred_at'),
        cs_analytics.dq_check_future('occurred_at'),
    ],
    key=['activity_id'],
    unknown_enums={'activity_type': activity_type, 'direction': direction, 'sentiment': sentiment}
) }}

select * from final
