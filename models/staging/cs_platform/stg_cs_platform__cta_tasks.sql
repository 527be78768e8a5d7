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
        cta_id,
        owner_user_id,

        -- strings
        status,

        -- dates
        due_date,

        -- timestamps
        closed_at

    from base
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
