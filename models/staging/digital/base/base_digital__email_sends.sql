{#-
    One parse of raw digital.email_sends: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_digital__email_sends (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}



with source as (

    {{ cs_analytics.raw_source('digital', 'email_sends') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('send_id') }} as send_id,
        {{ cs_analytics.clean_id('program_id') }} as program_id,
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('contact_id') }} as contact_id,

        -- numerics
        {{ cs_analytics.safe_cast_integer('step_number') }} as step_number,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('sent_at') }} as sent_at,

        -- raw values, as they arrived
        {{ cs_analytics.dq_raw_values('digital', 'email_sends') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'digital', 'email_sends',
    checks=[
        cs_analytics.dq_check_missing_key('send_id'),
        cs_analytics.dq_check_unparseable('step_number'),
        cs_analytics.dq_check_unparseable('sent_at'),
        cs_analytics.dq_check_implausible_date('sent_at'),
        cs_analytics.dq_check_future('sent_at'),
    ],
    key=['send_id']
) }}

select * from final
