{#-
    Clean support.tickets: the rows of base_support__tickets
    that passed every check, with exact duplicates and superseded versions
    collapsed. The columns: staged_columns() in
    macros/staging/staged_columns.sql.
-#}

{{ config(enabled=var('using_support_tickets', true)) }}

with base as (

    select * from {{ ref('base_support__tickets') }}

),

final as (

    select
        {{ cs_analytics.select_staged_columns('support', 'tickets') }}

    from base
    {{ cs_analytics.join_systems_of_record('support.tickets') }}
    where
        base._dq_reason is null
        and not base._is_exact_duplicate
        and not base._is_superseded_version

)

select * from final
