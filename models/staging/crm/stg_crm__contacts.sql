{#-
    Clean crm.contacts: the rows of base_crm__contacts
    that passed every check, with exact duplicates and superseded versions
    collapsed.
-#}

with base as (

    select * from {{ ref('base_crm__contacts') }}

),

final as (

    select
        -- ids
        contact_id,
        {{ cs_analytics.system_of_record_id('account_id') }} as account_id,

        -- strings
        email,
        full_name,
        title,

        -- booleans
        is_champion,
        is_exec_sponsor,
        is_referenceable,

        -- timestamps
        created_at,
        left_at

    from base
    {{ cs_analytics.join_systems_of_record('crm.contacts') }}
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
