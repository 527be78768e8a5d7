{#-
    One parse of raw cs_platform.ctas: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_cs_platform__ctas (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}


{%- set close_source = cs_analytics.canonical_enum('close_source') -%}
{%- set cta_source = cs_analytics.canonical_enum('cta_source') -%}
{%- set cta_type = cs_analytics.canonical_enum('cta_type') -%}

with source as (

    {{ cs_analytics.raw_source('cs_platform', 'ctas') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('cta_id') }} as cta_id,
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('owner_user_id') }} as owner_user_id,
        {{ cs_analytics.clean_id('playbook_id') }} as playbook_id,
        {{ cs_analytics.clean_id('rule_id') }} as rule_id,
        {{ cs_analytics.clean_id('success_plan_id') }} as success_plan_id,
        {{ cs_analytics.clean_id('parent_cta_id') }} as parent_cta_id,

        -- strings
        {{ cs_analytics.clean_enum('cta_type', cta_type.synonyms, cta_type.accepted) }} as cta_type,
        {{ cs_analytics.clean_code('reason') }} as reason,
        {{ cs_analytics.clean_code('priority') }} as priority,
        {{ cs_analytics.clean_code('status') }} as status,
        {{ cs_analytics.clean_enum('source', cta_source.synonyms, cta_source.accepted) }} as source,
        {{ cs_analytics.clean_free_text('not_valid_reason') }} as not_valid_reason,
        {{ cs_analytics.clean_enum(
            'close_source', close_source.synonyms, close_source.accepted
        ) }} as close_source,

        -- dates
        {{ cs_analytics.safe_cast_date('due_date') }} as due_date,
        {{ cs_analytics.safe_cast_date('original_due_date') }} as original_due_date,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('created_at') }} as created_at,
        {{ cs_analytics.safe_cast_timestamp_utc('closed_at') }} as closed_at,
        {{ cs_analytics.safe_cast_timestamp_utc('updated_at') }} as updated_at,

        -- raw values, as they arrived
        {{ cs_analytics.dq_raw_values('cs_platform', 'ctas') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'cs_platform', 'ctas',
    checks=[
        cs_analytics.dq_check_missing_key('cta_id'),
        cs_analytics.dq_check_unparseable('created_at'),
        cs_analytics.dq_check_unparseable('due_date'),
        cs_analytics.dq_check_unparseable('original_due_date'),
        cs_analytics.dq_check_unparseable('closed_at'),
        cs_analytics.dq_check_unparseable('updated_at'),
        cs_analytics.dq_check_implausible_date('due_date'),
        cs_analytics.dq_check_implausible_date('original_due_date'),
        cs_analytics.dq_check_implausible_date('created_at'),
        cs_analytics.dq_check_implausible_date('closed_at'),
        cs_analytics.dq_check_implausible_date('updated_at'),
        cs_analytics.dq_check_future('created_at'),
        cs_analytics.dq_check_future('closed_at'),
    ],
    key=['cta_id'],
    version_order=[
        'case when updated_at is null then 1 else 0 end', 'updated_at desc', '_dq_raw_row desc'
    ],
    unknown_enums={'cta_type': cta_type, 'source': cta_source, 'close_source': close_source}
) }}

select * from final
