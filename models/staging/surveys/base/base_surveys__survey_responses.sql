{#-
    One parse of raw surveys.survey_responses: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_surveys__survey_responses (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}


{%- set survey_type = cs_analytics.canonical_enum('survey_type') -%}

with source as (

    {{ cs_analytics.raw_source('surveys', 'survey_responses') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('response_id') }} as response_id,
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('contact_id') }} as contact_id,
        {{ cs_analytics.clean_id('related_activity_id') }} as related_activity_id,
        {{ cs_analytics.clean_id('rated_user_id') }} as rated_user_id,

        -- strings
        {{ cs_analytics.clean_enum(
            'survey_type', survey_type.synonyms, survey_type.accepted
        ) }} as survey_type,
        {{ cs_analytics.clean_free_text('comment') }} as comment,

        -- numerics
        {{ cs_analytics.safe_cast_integer('score') }} as score,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('responded_at') }} as responded_at,

        -- raw values, as they arrived
        {{ cs_analytics.dq_raw_values('surveys', 'survey_responses') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'surveys', 'survey_responses',
    checks=[
        cs_analytics.dq_check_missing_key('response_id'),
        cs_analytics.dq_check_unparseable('score'),
        cs_analytics.dq_check_unparseable('responded_at'),
        cs_analytics.dq_check_implausible_date('responded_at'),
        cs_analytics.dq_check_future('responded_at'),
        cs_analytics.dq_check(
            'score_out_of_range', 'score',
            "coalesce((survey_type = 'nps' and (score < 0 or score > 10)) or (survey_type in ('csat', 'post_ebr') and (score < 1 or score > 5)), false)"
        ),
    ],
    key=['response_id'],
    unknown_enums={'survey_type': survey_type}
) }}

select * from final
