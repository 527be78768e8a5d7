{#-
    Clean billing.subscriptions: the rows of base_billing__subscriptions
    that passed every check, with exact duplicates and superseded versions
    collapsed. The columns: staged_columns() in
    macros/staging/staged_columns.sql.
-#}

with base as (

    select * from {{ ref('base_billing__subscriptions') }}

),

final as (

    select
        {{ cs_analytics.select_staged_columns('billing', 'subscriptions') }}

    from base
    {{ cs_analytics.join_systems_of_record('billing.subscriptions') }}
    where
        base._dq_reason is null
        and not base._is_exact_duplicate
        and not base._is_superseded_version

)

select * from final
