{#-
    Clean cs_platform.success_plans: the rows of base_cs_platform__success_plans
    that passed every check, with exact duplicates and superseded versions
    collapsed.
-#}

with base as (

    select * from {{ ref('base_cs_platform__success_plans') }}

),

final as (

    select
        -- ids
        success_plan_id,
        {{ cs_analytics.system_of_record_id('account_id') }} as account_id,
        {{ cs_analytics.system_of_record_id('owner_user_id') }} as owner_user_id,

        -- strings
        status,

        -- dates
        due_date,

        -- timestamps
        created_at,
        updated_at,
        closed_at

    from base
    {{ cs_analytics.join_systems_of_record('cs_platform.success_plans') }}
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
