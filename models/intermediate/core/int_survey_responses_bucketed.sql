{#-
    Survey responses with the NPS bucket of each NPS answer: promoter (9-10),
    passive (7-8) or detractor (0-6). NPS = % promoters - % detractors of
    the NPS answers, -100 to 100. CSAT and post-EBR answers (1-5) carry no
    bucket.
-#}

with responses as (

    select * from {{ ref('stg_surveys__survey_responses') }}

),

final as (

    select
        -- ids
        response_id,
        account_id,
        contact_id,
        related_activity_id,
        rated_user_id,

        -- strings
        survey_type,
        case
            when survey_type <> 'nps' or score is null then null
            when score >= 9 then 'promoter'
            when score >= 7 then 'passive'
            else 'detractor'
        end as nps_bucket,

        -- numerics
        score,

        -- booleans
        coalesce(survey_type = 'nps' and score >= 9, false) as is_promoter,
        coalesce(survey_type = 'nps' and score >= 7 and score < 9, false) as is_passive,
        coalesce(survey_type = 'nps' and score < 7, false) as is_detractor,

        -- dates
        cast({{ dbt.date_trunc('month', 'responded_at') }} as date) as response_month,

        -- timestamps
        responded_at

    from responses
    where responded_at is not null

)

select * from final
