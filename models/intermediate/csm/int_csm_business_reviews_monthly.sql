{#-
    The reviews each CS user held per month, credited to the user who
    logged them (as QBRs and EBRs completed): ROI reviews, business reviews
    (QBR, EBR) and those of them the customer's executive sponsor attended
    (int_business_reviews), in the month and over the trailing twelve
    months ending with it (the counts the tier targets are judged on). One
    row per user and month of `int_months` with a review in the month or
    the eleven before it.
-#}

with reviews as (

    select * from {{ ref('int_business_reviews') }}

),

months as (

    select * from {{ ref('int_months') }}

),

reviews_monthly as (

    select
        user_id as csm_user_id,
        activity_month as month_start,
        sum(case when is_roi_review then 1 else 0 end) as roi_reviews,
        sum(case when is_business_review then 1 else 0 end) as business_reviews,
        sum(case when is_exec_attended then 1 else 0 end) as exec_attended_reviews
    from reviews
    where user_id is not null
    group by user_id, activity_month

),

windowed as (

    select
        reviews_monthly.csm_user_id,
        months.month_start,
        sum(case when reviews_monthly.month_start = months.month_start then reviews_monthly.roi_reviews else 0 end)
            as roi_reviews,
        sum(
            case when reviews_monthly.month_start = months.month_start then reviews_monthly.business_reviews else 0 end
        ) as business_reviews,
        sum(
            case
                when reviews_monthly.month_start = months.month_start then reviews_monthly.exec_attended_reviews else 0
            end
        ) as exec_attended_reviews,
        sum(reviews_monthly.roi_reviews) as trailing_12m_roi_reviews,
        sum(reviews_monthly.business_reviews) as trailing_12m_business_reviews,
        sum(reviews_monthly.exec_attended_reviews) as trailing_12m_exec_attended_reviews
    from months
    inner join reviews_monthly
        on
            months.month_start >= reviews_monthly.month_start
            and months.month_start < cast({{ dbt.dateadd('month', 12, 'reviews_monthly.month_start') }} as date)
    group by reviews_monthly.csm_user_id, months.month_start

),

final as (

    select
        -- ids
        csm_user_id,

        -- dates
        month_start,

        -- numerics
        roi_reviews,
        business_reviews,
        exec_attended_reviews,
        trailing_12m_roi_reviews,
        trailing_12m_business_reviews,
        trailing_12m_exec_attended_reviews,
        case
            when trailing_12m_business_reviews > 0
                then
                    cast(trailing_12m_exec_attended_reviews as {{ cs_analytics.type_double() }})
                    / trailing_12m_business_reviews
        end as trailing_12m_exec_attended_review_share

    from windowed

)

select * from final
