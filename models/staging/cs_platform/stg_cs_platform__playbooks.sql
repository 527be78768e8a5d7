{#-
    Clean cs_platform.playbooks: the rows of base_cs_platform__playbooks
    that passed every check, with exact duplicates and superseded versions
    collapsed.
-#}

with base as (

    select * from {{ ref('base_cs_platform__playbooks') }}

),

final as (

    select
        -- ids
        playbook_id,

        -- strings
        playbook_name,
        category,
        success_metric,

        -- numerics
        attribution_window_days

    from base
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
