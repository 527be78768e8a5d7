{#-
    One parse of raw digital.program_enrollments: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_digital__program_enrollments (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}



with source as (

    {{ cs_analytics.raw_source('digital', 'program_enrollments') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('enrollment_id') }} as enrollment_id,
        {{ cs_analytics.clean_id('program_id') }} as program_id,
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('contact_id') }} as contact_id,

        -- booleans
        {{ cs_analytics.safe_cast_boolean('is_holdout') }} as is_holdout,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('enrolled_at') }} as enrolled_at,
        {{ cs_analytics.safe_cast_timestamp_utc('exited_at') }} as exited_at,

        -- raw values, as they arrived
        {{ cs_analytics.dq_raw_values('digital', 'program_enrollments') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'digital', 'program_enrollments',
    checks=[
        cs_analytics.dq_check_missing_key('enrollment_id'),
        cs_analytics.dq_check_unparseable('enrolled_at'),
        cs_analytics.dq_check_unparseable('exited_at'),
        cs_analytics.dq_check_unparseable('is_holdout'),
        cs_analytics.dq_check_implausible_date('enrolled_at'),
        cs_analytics.dq_check_implausible_date('exited_at'),
        cs_analytics.dq_check_future('enrolled_at'),
    ],
    key=['enrollment_id']
) }}

select * from final
