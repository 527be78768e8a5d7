{#-
    One parse of raw crm.contacts: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_crm__contacts (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}



with source as (

    {{ cs_analytics.raw_source('crm', 'contacts') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('contact_id') }} as contact_id,
        {{ cs_analytics.clean_id('account_id') }} as account_id,

        -- strings
        {{ cs_analytics.clean_text('email') }} as email,
        {{ cs_analytics.clean_free_text('full_name') }} as full_name,
        {{ cs_analytics.clean_free_text('title') }} as title,

        -- booleans
        {{ cs_analytics.safe_cast_boolean('is_champion') }} as is_champion,
        {{ cs_analytics.safe_cast_boolean('is_exec_sponsor') }} as is_exec_sponsor,
        {{ cs_analytics.safe_cast_boolean('is_referenceable') }} as is_referenceable,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('created_at') }} as created_at,
        {{ cs_analytics.safe_cast_timestamp_utc('left_at') }} as left_at,

        -- raw values, as they arrived
        {{ cs_analytics.dq_raw_values('crm', 'contacts') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'crm', 'contacts',
    checks=[
        cs_analytics.dq_check_missing_key('contact_id'),
        cs_analytics.dq_check_unparseable('is_champion'),
        cs_analytics.dq_check_unparseable('is_exec_sponsor'),
        cs_analytics.dq_check_unparseable('is_referenceable'),
        cs_analytics.dq_check_unparseable('created_at'),
        cs_analytics.dq_check_unparseable('left_at'),
        cs_analytics.dq_check_implausible_date('created_at'),
        cs_analytics.dq_check_implausible_date('left_at'),
        cs_analytics.dq_check_future('created_at'),
    ],
    key=['contact_id']
) }}

select * from final
