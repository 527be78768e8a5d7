{#-
    Clean support.tickets: the rows of base_support__tickets
    that passed every check, with exact duplicates and superseded versions
    collapsed.
-#}

{{ config(enabled=var('using_support_tickets', true)) }}

with base as (

    select * from {{ ref('base_support__tickets') }}

),

final as (

    select
        -- ids
        ticket_id,
        account_id,
        contact_id,

        -- strings
        priority,
        status,

        -- booleans
        is_escalated,

        -- timestamps
        created_at,
        first_response_at,
        solved_at

    from base
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
