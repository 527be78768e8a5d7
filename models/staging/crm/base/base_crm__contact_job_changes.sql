{#-
    One parse of raw crm.contact_job_changes: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_crm__contact_job_changes (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}



with source as (

    {{ cs_analytics.raw_source('crm', 'contact_job_changes') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('contact_id') }} as contact_id,
        {{ cs_analytics.clean_id('from_account_id') }} as from_account_id,
        {{ cs_analytics.clean_id('to_account_id') }} as to_account_id,

        -- strings
        {{ cs_analytics.clean_free_text('to_company_name') }} as to_company_name,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('detected_at') }} as detected_at,

        -- raw values, as they arrived
        {{ cs_analytics.dq_raw_values('crm', 'contact_job_changes') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'crm', 'contact_job_changes',
    checks=[
        cs_analytics.dq_check_missing_key('contact_id'),
        cs_analytics.dq_check_missing_key('detected_at'),
        cs_analytics.dq_check_unparseable('detected_at'),
        cs_analytics.dq_check_implausible_date('detected_at'),
        cs_analytics.dq_check_future('detected_at'),
    ],
    key=['contact_id', 'detected_at']
) }}

select * from final
