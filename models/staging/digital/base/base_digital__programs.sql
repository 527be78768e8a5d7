{#-
    One parse of raw digital.programs: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_digital__programs (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}


{%- set goal_metric = cs_analytics.canonical_enum('goal_metric') -%}
{%- set program_type = cs_analytics.canonical_enum('program_type') -%}
{%- set trigger_type = cs_analytics.canonical_enum('trigger_type') -%}

with source as (

    {{ cs_analytics.raw_source('digital', 'programs') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('program_id') }} as program_id,
        {{ cs_analytics.clean_id('owner_user_id') }} as owner_user_id,

        -- strings
        {{ cs_analytics.clean_free_text('program_name') }} as program_name,
        {{ cs_analytics.clean_enum(
            'program_type', program_type.synonyms, program_type.accepted
        ) }} as program_type,
        {{ cs_analytics.clean_enum(
            'trigger_type', trigger_type.synonyms, trigger_type.accepted
        ) }} as trigger_type,
        {{ cs_analytics.clean_free_text('trigger_rule') }} as trigger_rule,
        {{ cs_analytics.clean_enum(
            'goal_metric', goal_metric.synonyms, goal_metric.accepted
        ) }} as goal_metric,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('launched_at') }} as launched_at,

        -- raw values, as they arrived
        {{ cs_analytics.dq_raw_values('digital', 'programs') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'digital', 'programs',
    checks=[
        cs_analytics.dq_check_missing_key('program_id'),
        cs_analytics.dq_check_unparseable('launched_at'),
        cs_analytics.dq_check_implausible_date('launched_at'),
        cs_analytics.dq_check_future('launched_at'),
    ],
    key=['program_id'],
    unknown_enums={
        'program_type': program_type,
        'trigger_type': trigger_type,
        'goal_metric': goal_metric,
    }
) }}

select * from final
