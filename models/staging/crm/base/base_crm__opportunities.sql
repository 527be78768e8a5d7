{#-
    One parse of raw crm.opportunities: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_crm__opportunities (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}


{%- set lead_source = cs_analytics.canonical_enum('lead_source') -%}
{%- set opportunity_type = cs_analytics.canonical_enum('opportunity_type') -%}

with source as (

    {{ cs_analytics.raw_source('crm', 'opportunities') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('opportunity_id') }} as opportunity_id,
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('sourced_by_user_id') }} as sourced_by_user_id,
        {{ cs_analytics.clean_id('source_program_id') }} as source_program_id,
        {{ cs_analytics.clean_id('source_cta_id') }} as source_cta_id,
        {{ cs_analytics.clean_id('referring_contact_id') }} as referring_contact_id,

        -- strings
        {{ cs_analytics.clean_enum(
            'opportunity_type', opportunity_type.synonyms, opportunity_type.accepted
        ) }} as opportunity_type,
        {{ cs_analytics.clean_free_text('stage') }} as stage,
        {{ cs_analytics.clean_enum(
            'lead_source', lead_source.synonyms, lead_source.accepted
        ) }} as lead_source,

        -- numerics
        {{ cs_analytics.safe_cast_numeric('amount_arr') }} as amount_arr,

        -- booleans
        {{ cs_analytics.safe_cast_boolean('is_sales_accepted') }} as is_sales_accepted,
        {{ cs_analytics.safe_cast_boolean('is_closed') }} as is_closed,
        {{ cs_analytics.safe_cast_boolean('is_won') }} as is_won,
        {{ cs_analytics.safe_cast_boolean('is_cs_influenced') }} as is_cs_influenced,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('created_at') }} as created_at,
        {{ cs_analytics.safe_cast_timestamp_utc('closed_at') }} as closed_at,

        -- raw values, as they arrived
        {{ cs_analytics.dq_raw_values('crm', 'opportunities') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'crm', 'opportunities',
    checks=[
        cs_analytics.dq_check_missing_key('opportunity_id'),
        cs_analytics.dq_check_unparseable('is_sales_accepted'),
        cs_analytics.dq_check_unparseable('is_closed'),
        cs_analytics.dq_check_unparseable('is_won'),
        cs_analytics.dq_check_out_of_range('amount_arr'),
        cs_analytics.dq_check_unparseable('amount_arr'),
        cs_analytics.dq_check_unparseable('is_cs_influenced'),
        cs_analytics.dq_check_unparseable('created_at'),
        cs_analytics.dq_check_unparseable('closed_at'),
        cs_analytics.dq_check_implausible_date('created_at'),
        cs_analytics.dq_check_implausible_date('closed_at'),
        cs_analytics.dq_check_future('created_at'),
        cs_analytics.dq_check_future('closed_at'),
    ],
    key=['opportunity_id'],
    unknown_enums={'opportunity_type': opportunity_type, 'lead_source': lead_source}
) }}

select * from final
