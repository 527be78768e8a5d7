{#-
    Per account, the reviews of the twelve months ending on the as-of date
    (int_business_reviews): ROI reviews, business reviews (QBR, EBR) and
    those the executive sponsor attended, the last of each, and whether the
    account met its tier's targets (int_tier_targets_by_segment, by its
    coverage model and segment): ROI reviews at or above
    `target_roi_reviews_per_account_year`, exec-attended share at or above
    `target_exec_attended_review_share`; judged for accounts paying in the
    as-of month only. One row per account.
-#}

with accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

reviews as (

    select * from {{ ref('int_business_reviews') }}

),

months as (

    select * from {{ ref('int_months') }}

),

tier_targets as (

    select * from {{ ref('int_tier_targets_by_segment') }}

),

mrr_monthly as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

as_of as (

    select
        month_start as as_of_month,
        as_of_date
    from months
    where is_as_of_month

),

-- the targets judge accounts paying in the as-of month
paying_now as (

    select mrr_monthly.account_id
    from mrr_monthly
    inner join as_of
        on mrr_monthly.month_start = as_of.as_of_month
    where mrr_monthly.mrr > 0

),

reviews_12m as (

    select
        reviews.account_id,
        sum(case when reviews.is_roi_review then 1 else 0 end) as trailing_12m_roi_reviews,
        sum(case when reviews.is_business_review then 1 else 0 end) as trailing_12m_business_reviews,
        sum(case when reviews.is_exec_attended then 1 else 0 end) as trailing_12m_exec_attended_reviews
    from reviews
    cross join as_of
    where
        reviews.activity_date <= as_of.as_of_date
        and reviews.activity_date > cast({{ dbt.dateadd('month', -12, 'as_of.as_of_date') }} as date)
    group by reviews.account_id

),

last_reviews as (

    select
        reviews.account_id,
        max(case when reviews.is_roi_review then reviews.activity_date end) as last_roi_review_date,
        max(case when reviews.is_exec_attended then reviews.activity_date end) as last_exec_attended_review_date
    from reviews
    cross join as_of
    where reviews.activity_date <= as_of.as_of_date
    group by reviews.account_id

),

final as (

    select
        -- ids
        accounts.account_id,

        -- numerics
        coalesce(reviews_12m.trailing_12m_roi_reviews, 0) as trailing_12m_roi_reviews,
        coalesce(reviews_12m.trailing_12m_business_reviews, 0) as trailing_12m_business_reviews,
        coalesce(reviews_12m.trailing_12m_exec_attended_reviews, 0) as trailing_12m_exec_attended_reviews,
        tier_targets.target_roi_reviews_per_account_year,
        tier_targets.target_exec_attended_review_share,

        -- booleans
        case
            when tier_targets.target_roi_reviews_per_account_year is not null and paying_now.account_id is not null
                then
                    coalesce(reviews_12m.trailing_12m_roi_reviews, 0)
                    >= tier_targets.target_roi_reviews_per_account_year
        end as is_roi_review_on_target,
        case
            when
                tier_targets.target_exec_attended_review_share is not null
                and paying_now.account_id is not null
                and reviews_12m.trailing_12m_business_reviews > 0
                then
                    reviews_12m.trailing_12m_exec_attended_reviews
                    >= tier_targets.target_exec_attended_review_share * reviews_12m.trailing_12m_business_reviews
        end as is_exec_attended_review_share_on_target,

        -- dates
        last_reviews.last_roi_review_date,
        last_reviews.last_exec_attended_review_date

    from accounts
    left join reviews_12m
        on accounts.account_id = reviews_12m.account_id
    left join last_reviews
        on accounts.account_id = last_reviews.account_id
    left join paying_now
        on accounts.account_id = paying_now.account_id
    left join tier_targets
        on
            accounts.coverage_model = tier_targets.coverage_model
            and coalesce(accounts.segment, 'unknown') = tier_targets.segment

)

select * from final
