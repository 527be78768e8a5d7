{#-
    Clean cs_platform.ctas: the rows of base_cs_platform__ctas
    that passed every check, with exact duplicates and superseded versions
    collapsed.
-#}

with base as (

    select * from {{ ref('base_cs_platform__ctas') }}

),

final as (

    select
        -- ids
        cta_id,
        {{ cs_analytics.system_of_record_id('account_id') }} as account_id,
        {{ cs_analytics.system_of_record_id('owner_user_id') }} as owner_user_id,
        {{ cs_analytics.system_of_record_id('playbook_id') }} as playbook_id,
        rule_id,
        {{ cs_analytics.system_of_record_id('success_plan_id') }} as success_plan_id,
        {{ cs_analytics.system_of_record_id('parent_cta_id') }} as parent_cta_id,

        -- strings
        cta_type,
        reason,
        priority,
        status,
        source,
        not_valid_reason,
        close_source,

        -- dates
        due_date,
        original_due_date,

        -- timestamps
        created_at,
        closed_at,
        updated_at

    from base
    {{ cs_analytics.join_systems_of_record('cs_platform.ctas') }}
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
