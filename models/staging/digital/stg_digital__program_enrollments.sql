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
        program_id,
        account_id,
        contact_id,

        -- booleans
        is_holdout,

        -- timestamps
        enrolled_at,
        exited_at

    from base
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
