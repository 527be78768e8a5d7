{#-
    One parse of raw cs_platform.playbooks: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_cs_platform__playbooks (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}


{%- set playbook_category = cs_analytics.canonical_enum('playbook_category') -%}
{%- set success_metric = cs_analytics.canonical_enum('success_metric') -%}

with source as (

    {{ cs_analytics.raw_source('cs_platform', 'playbooks') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('playbook_id') }} as playbook_id,

        -- strings
        {{ cs_analytics.clean_free_text('playbook_name') }} as playbook_name,
        {{ cs_analytics.clean_enum(
            'category', playbook_category.synonyms, playbook_category.accepted
        ) }} as category,
        {{ cs_analytics.clean_enum(
            'success_metric', success_metric.synonyms, success_metric.accepted
        ) }} as success_metric,

        -- numerics
        {{ cs_analytics.safe_cast_integer('attribution_window_days') }} as attribution_window_days,

        -- raw values, as they arrived
        {{ cs_analytics.dq_raw_values('cs_platform', 'playbooks') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'cs_platform', 'playbooks',
    checks=[
        cs_analytics.dq_check_missing_key('playbook_id'),
        cs_analytics.dq_check_unparseable('attribution_window_days'),
    ],
    key=['playbook_id'],
    unknown_enums={'category': playbook_category, 'success_metric': success_metric}
) }}

select * from final
