{#-
    Clean billing.subscriptions: the rows of base_billing__subscriptions
    that passed every check, with exact duplicates and superseded versions
    collapsed.
-#}

with base as (

    select * from {{ ref('base_billing__subscriptions') }}

),

final as (

    select
        -- ids
        subscription_id,
        {{ cs_analytics.system_of_record_id('account_id') }} as account_id,

        -- strings
        product,

        -- numerics
        mrr,
        seats,

        -- dates
        start_date,
        end_date,

        -- timestamps
        updated_at

    from base
    {{ cs_analytics.join_systems_of_record('billing.subscriptions') }}
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
