{#-
    Clean crm.users: the rows of base_crm__users
    that passed every check, with exact duplicates and superseded versions
    collapsed. The columns: staged_columns() in
    macros/staging/staged_columns.sql.
-#}

with base as (

    select * from {{ ref('base_crm__users') }}

),

final as (

    select
        {{ cs_analytics.select_staged_columns('crm', 'users') }}

    from base
    {{ cs_analytics.join_systems_of_record('crm.users') }}
    where
        base._dq_reason is null
        and not base._is_exact_duplicate
        and not base._is_superseded_version

)

select * from final
