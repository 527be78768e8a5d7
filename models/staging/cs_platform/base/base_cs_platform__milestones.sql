{#-
    One parse of raw cs_platform.milestones: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_cs_platform__milestones (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}



with source as (

    {{ cs_analytics.raw_source('cs_platform', 'milestones') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('milestone_id') }} as milestone_id,
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('cta_id') }} as cta_id,

        -- strings
        {{ cs_analytics.clean_code('milestone_type') }} as milestone_type,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('achieved_at') }} as achieved_at,

        -- raw values, as they arrived
        {{ cs_analytics.dq_raw_values('cs_platform', 'milestones') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'cs_platform', 'milestones',
    checks=[
        cs_analytics.dq_check_missing_key('milestone_id'),
        cs_analytics.dq_check_unparseable('achieved_at'),
        cs_analytics.dq_check_implausible_date('achieved_at'),
        cs_analytics.dq_check_future('achieved_at'),
    ],
    key=['milestone_id']
) }}

select * from final
