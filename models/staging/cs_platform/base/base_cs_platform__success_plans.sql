{#-
    One parse of raw cs_platform.success_plans: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_cs_platform__success_plans (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}



with source as (

    {{ cs_analytics.raw_source('cs_platform', 'success_plans') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('success_plan_id') }} as success_plan_id,
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('owner_user_id') }} as owner_user_id,

        -- strings
        {{ cs_analytics.clean_code('status') }} as status,

        -- dates
        {{ cs_analytics.safe_cast_date('due_date') }} as due_date,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('created_at') }} as created_at,
        {{ cs_analytics.safe_cast_timestamp_utc('updated_at') }} as updated_at,
        {{ cs_analytics.safe_cast_timestamp_utc('closed_at') }} as closed_at,

        -- raw values, as they arrived
        {{ cs_analytics.dq_raw_values('cs_platform', 'success_plans') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'cs_platform', 'success_plans',
    checks=[
        cs_analytics.dq_check_missing_key('success_plan_id'),
        cs_analytics.dq_check_unparseable('created_at'),
        cs_analytics.dq_check_unparseable('updated_at'),
        cs_analytics.dq_check_unparseable('closed_at'),
        cs_analytics.dq_check_unparseable('due_date'),
        cs_analytics.dq_check_implausible_date('due_date'),
        cs_analytics.dq_check_implausible_date('created_at'),
        cs_analytics.dq_check_implausible_date('updated_at'),
        cs_analytics.dq_check_implausible_date('closed_at'),
        cs_analytics.dq_check_future('created_at'),
        cs_analytics.dq_check_future('closed_at'),
    ],
    key=['success_plan_id'],
    version_order=[
        'case when updated_at is null then 1 else 0 end', 'updated_at desc', '_dq_raw_row desc'
    ]
) }}

select * from final
