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
        {{ cs_analytics.system_of_record_id('account_id') }} as account_id,
        {{ cs_analytics.system_of_record_id('cta_id') }} as cta_id,

        -- strings
        milestone_type,

        -- timestamps
        achieved_at

    from base
    {{ cs_analytics.join_systems_of_record('cs_platform.milestones') }}
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
