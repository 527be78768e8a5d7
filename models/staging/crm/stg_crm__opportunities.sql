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
        account_id,
        sourced_by_user_id,
        source_program_id,
        source_cta_id,
        referring_contact_id,

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
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
