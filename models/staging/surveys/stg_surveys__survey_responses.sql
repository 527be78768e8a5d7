{#-
    Clean surveys.survey_responses: the rows of base_surveys__survey_responses
    that passed every check, with exact duplicates and superseded versions
    collapsed. The columns: staged_columns() in
    macros/staging/staged_columns.sql.
-#}

with base as (

    select * from {{ ref('base_surveys__survey_responses') }}

),

final as (

    select
        {{ cs_analytics.select_staged_columns('surveys', 'survey_responses') }}

    from base
    {{ cs_analytics.join_systems_of_record('surveys.survey_responses') }}
    where
        base._dq_reason is null
        and not base._is_exact_duplicate
        and not base._is_superseded_version

)

select * from final
