{#-
    Clean digital.email_sends: the rows of base_digital__email_sends
    that passed every check, with exact duplicates and superseded versions
    collapsed.
-#}

with base as (

    select * from {{ ref('base_digital__email_sends') }}

),

final as (

    select
        -- ids
        send_id,
        {{ cs_analytics.system_of_record_id('program_id') }} as program_id,
        {{ cs_analytics.system_of_record_id('account_id') }} as account_id,
        {{ cs_analytics.system_of_record_id('contact_id') }} as contact_id,

        -- numerics
        step_number,

        -- timestamps
        sent_at

    from base
    {{ cs_analytics.join_systems_of_record('digital.email_sends') }}
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
