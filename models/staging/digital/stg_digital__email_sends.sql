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
        program_id,
        account_id,
        contact_id,

        -- numerics
        step_number,

        -- timestamps
        sent_at

    from base
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
