{#-
    Clean digital.email_events: the rows of base_digital__email_events
    that passed every check, with exact duplicates and superseded versions
    collapsed.
-#}

with base as (

    select * from {{ ref('base_digital__email_events') }}

),

final as (

    select
        -- ids
        event_id,
        {{ cs_analytics.system_of_record_id('send_id') }} as send_id,

        -- strings
        event_type,
        url,

        -- booleans
        is_machine_open,

        -- timestamps
        occurred_at

    from base
    {{ cs_analytics.join_systems_of_record('digital.email_events') }}
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
