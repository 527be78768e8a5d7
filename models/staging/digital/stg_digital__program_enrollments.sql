{#-
    Clean digital.program_enrollments: the rows of base_digital__program_enrollments
    that passed every check, with exact duplicates and superseded versions
    collapsed.
-#}

with base as (

    select * from {{ ref('base_digital__program_enrollments') }}

),

final as (

    select
        -- ids
        enrollment_id,
        {{ cs_analytics.system_of_record_id('program_id') }} as program_id,
        {{ cs_analytics.system_of_record_id('account_id') }} as account_id,
        {{ cs_analytics.system_of_record_id('contact_id') }} as contact_id,

        -- booleans
        is_holdout,

        -- timestamps
        enrolled_at,
        exited_at

    from base
    {{ cs_analytics.join_systems_of_record('digital.program_enrollments') }}
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
