{#-
    Clean cs_platform.cta_tasks: the rows of base_cs_platform__cta_tasks
    that passed every check, with exact duplicates and superseded versions
    collapsed. The columns: staged_columns() in
    macros/staging/staged_columns.sql.
-#}

with base as (

    select * from {{ ref('base_cs_platform__cta_tasks') }}

),

final as (

    select
        {{ cs_analytics.select_staged_columns('cs_platform', 'cta_tasks') }}

    from base
    {{ cs_analytics.join_systems_of_record('cs_platform.cta_tasks') }}
    where
        base._dq_reason is null
        and not base._is_exact_duplicate
        and not base._is_superseded_version

)

select * from final
