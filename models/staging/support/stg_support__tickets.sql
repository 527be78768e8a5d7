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
        {{ cs_analytics.system_of_record_id('account_id') }} as account_id,
        {{ cs_analytics.system_of_record_id('contact_id') }} as contact_id,

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
    {{ cs_analytics.join_systems_of_record('support.tickets') }}
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
