{#-
    Clean crm.advocacy_events: the rows of base_crm__advocacy_events
    that passed every check, with exact duplicates and superseded versions
    collapsed.
-#}

with base as (

    select * from {{ ref('base_crm__advocacy_events') }}

),

final as (

    select
        -- ids
        advocacy_event_id,
        {{ cs_analytics.system_of_record_id('account_id') }} as account_id,
        {{ cs_analytics.system_of_record_id('contact_id') }} as contact_id,
        {{ cs_analytics.system_of_record_id('influenced_opportunity_id') }} as influenced_opportunity_id,

        -- strings
        event_type,

        -- timestamps
        occurred_at

    from base
    {{ cs_analytics.join_systems_of_record('crm.advocacy_events') }}
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
