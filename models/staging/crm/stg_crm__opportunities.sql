{#-
    Clean crm.opportunities: the rows of base_crm__opportunities
    that passed every check, with exact duplicates and superseded versions
    collapsed.
-#}

with base as (

    select * from {{ ref('base_crm__opportunities') }}

),

final as (

    select
        -- ids
        opportunity_id,
        {{ cs_analytics.system_of_record_id('account_id') }} as account_id,
        {{ cs_analytics.system_of_record_id('sourced_by_user_id') }} as sourced_by_user_id,
        {{ cs_analytics.system_of_record_id('source_program_id') }} as source_program_id,
        {{ cs_analytics.system_of_record_id('source_cta_id') }} as source_cta_id,
        {{ cs_analytics.system_of_record_id('referring_contact_id') }} as referring_contact_id,

        -- strings
        opportunity_type,
        stage,
        lead_source,

        -- numerics
        amount_arr,

        -- booleans
        is_sales_accepted,
        is_closed,
        is_won,
        is_cs_influenced,

        -- timestamps
        created_at,
        closed_at

    from base
    {{ cs_analytics.join_systems_of_record('crm.opportunities') }}
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
