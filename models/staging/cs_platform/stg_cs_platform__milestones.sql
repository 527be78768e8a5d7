{#-
    Clean cs_platform.milestones: the rows of base_cs_platform__milestones
    that passed every check, with exact duplicates and superseded versions
    collapsed.
-#}

with base as (

    select * from {{ ref('base_cs_platform__milestones') }}

),

final as (

    select
        -- ids
        milestone_id,
        account_id,
        cta_id,

        -- strings
        milestone_type,

        -- timestamps
        achieved_at

    from base
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
