{#-
    Clean surveys.survey_responses: the rows of base_surveys__survey_responses
    that passed every check, with exact duplicates and superseded versions
    collapsed.
-#}

with base as (

    select * from {{ ref('base_surveys__survey_responses') }}

),

final as (

    select
        -- ids
        response_id,
        {{ cs_analytics.system_of_record_id('account_id') }} as account_id,
        {{ cs_analytics.system_of_record_id('contact_id') }} as contact_id,
        {{ cs_analytics.system_of_record_id('related_activity_id') }} as related_activity_id,
        {{ cs_analytics.system_of_record_id('rated_user_id') }} as rated_user_id,

        -- strings
        survey_type,
        comment,

        -- numerics
        score,

        -- timestamps
        responded_at

    from base
    {{ cs_analytics.join_systems_of_record('surveys.survey_responses') }}
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
