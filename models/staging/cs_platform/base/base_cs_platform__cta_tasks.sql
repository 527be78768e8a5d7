{#-
    One parse of raw cs_platform.cta_tasks: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_cs_platform__cta_tasks (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}



with source as (

    {{ cs_analytics.raw_source('cs_platform', 'cta_tasks') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('task_id') }} as task_id,
        {{ cs_analytics.clean_id('cta_id') }} as cta_id,
        {{ cs_analytics.clean_id('owner_user_id') }} as owner_user_id,

        -- strings
        {{ cs_analytics.clean_code('status') }} as status,

        -- dates
        {{ cs_analytics.safe_cast_date('due_date') }} as due_date,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('closed_at') }} as closed_at,

        -- raw values, as they arrived
        {{ cs_analytics.dq_raw_values('cs_platform', 'cta_tasks') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'cs_platform', 'cta_tasks',
    checks=[
        cs_analytics.dq_check_missing_key('task_id'),
        cs_analytics.dq_check_unparseable('due_date'),
        cs_analytics.dq_check_unparseable('closed_at'),
        cs_analytics.dq_check_implausible_date('due_date'),
        cs_analytics.dq_check_implausible_date('closed_at'),
        cs_analytics.dq_check_future('closed_at'),
    ],
    key=['task_id']
) }}

select * from final
