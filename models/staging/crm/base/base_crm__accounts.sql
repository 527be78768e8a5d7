{#-
    One parse of raw crm.accounts: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_crm__accounts (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}


{%- set coverage_model = cs_analytics.canonical_enum('coverage_model') -%}
{%- set segment = cs_analytics.canonical_enum('segment') -%}

with source as (

    {{ cs_analytics.raw_source('crm', 'accounts') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('parent_account_id') }} as parent_account_id,

        -- strings
        {{ cs_analytics.clean_free_text('account_name') }} as account_name,
        {{ cs_analytics.clean_enum('segment', segment.synonyms, segment.accepted) }} as segment,
        {{ cs_analytics.clean_enum(
            'coverage_model', coverage_model.synonyms, coverage_model.accepted
        ) }} as coverage_model,
        {{ cs_analytics.clean_free_text('industry') }} as industry,
        {{ cs_analytics.clean_free_text('region') }} as region,

        -- booleans
        {{ cs_analytics.safe_cast_boolean('is_deleted') }} as is_deleted,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('created_at') }} as created_at,
        {{ cs_analytics.safe_cast_timestamp_utc('updated_at') }} as updated_at,

        -- raw values, as they arrived
        {{ cs_analytics.dq_raw_values('crm', 'accounts') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'crm', 'accounts',
    checks=[
        cs_analytics.dq_check_missing_key('account_id'),
        cs_analytics.dq_check_unparseable('created_at'),
        cs_analytics.dq_check_unparseable('updated_at'),
        cs_analytics.dq_check_unparseable('is_deleted'),
        cs_analytics.dq_check_implausible_date('created_at'),
        cs_analytics.dq_check_implausible_date('updated_at'),
        cs_analytics.dq_check_future('created_at'),
    ],
    key=['account_id'],
    version_order=[
        'case when updated_at is null then 1 else 0 end', 'updated_at desc', '_dq_raw_row desc'
    ],
    unknown_enums={'segment': segment, 'coverage_model': coverage_model}
) }}

select * from final
