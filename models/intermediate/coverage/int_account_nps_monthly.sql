{#-
    NPS answers per account and response month: responses with a score, and
    how many were promoters (9-10), passives (7-8) and detractors (0-6).
    Written once for both scorecards: fct_csm_monthly credits them to the
    owner on the 1st of the month, fct_one_to_many_monthly sums them by tier
    over the trailing twelve months.
-#}

with surveys as (

    select * from {{ ref('int_survey_responses_bucketed') }}

),

final as (

    select
        -- ids
        account_id,

        -- dates
        response_month as month_start,

        -- numerics
        count(*) as nps_responses,
        sum(case when is_promoter then 1 else 0 end) as nps_promoters,
        sum(case when is_passive then 1 else 0 end) as nps_passives,
        sum(case when is_detractor then 1 else 0 end) as nps_detractors

    from surveys
    where survey_type = 'nps' and nps_bucket is not null
    group by account_id, response_month

)

select * from final
