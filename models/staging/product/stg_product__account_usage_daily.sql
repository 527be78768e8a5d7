{#-
    Clean product.account_usage_daily: the rows of base_product__account_usage_daily
    that passed every check, with exact duplicates and superseded versions
    collapsed. The columns: staged_columns() in
    macros/staging/staged_columns.sql.
-#}

with base as (

    select * from {{ ref('base_product__account_usage_daily') }}

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key([cs_analytics.system_of_record_id('account_id'), 'usage_date']) }} as usage_key,
        {{ cs_analytics.select_staged_columns('product', 'account_usage_daily') }}

    from base
    {{ cs_analytics.join_systems_of_record('product.account_usage_daily') }}
    where
        base._dq_reason is null
        and not base._is_exact_duplicate
        and not base._is_superseded_version

)

select * from final
