{#-
    Clean crm.accounts: the rows of base_crm__accounts
    that passed every check, with exact duplicates and superseded versions
    collapsed.
-#}

with base as (

    select * from {{ ref('base_crm__accounts') }}

),

final as (

    select
        -- ids
        account_id,
        {{ cs_analytics.system_of_record_id('parent_account_id') }} as parent_account_id,

        -- strings
        account_name,
        segment,
        coverage_model,
        industry,
        region,

        -- booleans
        is_deleted,

        -- timestamps
        created_at,
        updated_at

    from base
    {{ cs_analytics.join_systems_of_record('crm.accounts') }}
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
