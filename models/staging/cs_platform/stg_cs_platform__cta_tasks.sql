{#-
    Clean cs_platform.cta_tasks: the rows of base_cs_platform__cta_tasks
    that passed every check, with exact duplicates and superseded versions
    collapsed.
-#}

with base as (

    select * from {{ ref('base_cs_platform__cta_tasks') }}

),

final as (

    select
        -- ids
        task_id,
        {{ cs_analytics.system_of_record_id('cta_id') }} as cta_id,
        {{ cs_analytics.system_of_record_id('owner_user_id') }} as owner_user_id,

        -- strings
        status,

        -- dates
        due_date,

        -- timestamps
        closed_at

    from base
    {{ cs_analytics.join_systems_of_record('cs_platform.cta_tasks') }}
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
