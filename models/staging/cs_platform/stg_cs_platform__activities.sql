{#-
    Clean cs_platform.activities: the rows of base_cs_platform__activities
    that passed every check, with exact duplicates and superseded versions
    collapsed.
-#}

with base as (

    select * from {{ ref('base_cs_platform__activities') }}

),

final as (

    select
        -- ids
        activity_id,
        {{ cs_analytics.system_of_record_id('account_id') }} as account_id,
        {{ cs_analytics.system_of_record_id('user_id') }} as user_id,
        {{ cs_analytics.system_of_record_id('contact_id') }} as contact_id,
        {{ cs_analytics.system_of_record_id('cta_id') }} as cta_id,

        -- strings
        activity_type,
        direction,
        sentiment,

        -- numerics
        duration_minutes,

        -- timestamps
        occurred_at

    from base
    {{ cs_analytics.join_systems_of_record('cs_platform.activities') }}
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
