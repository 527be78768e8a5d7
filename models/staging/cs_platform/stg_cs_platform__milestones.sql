{#-
    Clean cs_platform.milestones: the rows of base_cs_platform__milestones
    that passed every check, with exact duplicates and superseded versions
    collapsed. The columns: staged_columns() in
    macros/staging/staged_columns.sql.
-#}

with base as (

    select * from {{ ref('base_cs_platform__milestones') }}

),

final as (

    select
        {{ cs_analytics.select_staged_columns('cs_platform', 'milestones') }}

    from base
    {{ cs_analytics.join_systems_of_record('cs_platform.milestones') }}
    where
        base._dq_reason is null
        and not base._is_exact_duplicate
        and not base._is_superseded_version

)

select * from final
