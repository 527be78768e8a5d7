{#-
    Clean crm.users: the rows of base_crm__users
    that passed every check, with exact duplicates and superseded versions
    collapsed.
-#}

with base as (

    select * from {{ ref('base_crm__users') }}

),

final as (

    select
        -- ids
        user_id,
        {{ cs_analytics.system_of_record_id('manager_user_id') }} as manager_user_id,

        -- strings
        full_name,
        email,
        role,
        team,
        region,

        -- numerics
        monthly_cost,

        -- timestamps
        hired_at,
        terminated_at

    from base
    {{ cs_analytics.join_systems_of_record('crm.users') }}
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
