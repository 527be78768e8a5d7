{#-
    Clean digital.programs: the rows of base_digital__programs
    that passed every check, with exact duplicates and superseded versions
    collapsed.
-#}

with base as (

    select * from {{ ref('base_digital__programs') }}

),

final as (

    select
        -- ids
        program_id,
        {{ cs_analytics.system_of_record_id('owner_user_id') }} as owner_user_id,

        -- strings
        program_name,
        program_type,
        trigger_type,
        trigger_rule,
        goal_metric,

        -- timestamps
        launched_at

    from base
    {{ cs_analytics.join_systems_of_record('digital.programs') }}
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
