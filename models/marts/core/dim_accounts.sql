{#-
    One row per customer account (every CRM account plus any account billing
    has revenue for): who it is, how it is covered, who owns it now, what it
    pays now and its estimated lifetime value. "Now" is the as-of month
    (`int_months`); current health is the health domain's score on the
    latest day on or before the as-of date, for paying accounts. CLV = ARPA (the account's current MRR) x gross margin
    (var `gross_margin`, default 0.8) / the monthly revenue churn rate of its
    segment over the trailing twelve months (churned + contracted MRR /
    starting MRR, pooled over the twelve single-month windows), shrunk
    towards the company's rate (var `clv_churn_prior_weight`) so a segment
    that lost nothing still gets a finite value; `clv_churn_basis` says which.
-#}

with accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

assignments as (

    select * from {{ ref('int_account_csm_assignments') }}

),

mrr_monthly as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

retention_windows as (

    select * from {{ ref('int_account_retention_windows') }}

),

months as (

    select * from {{ ref('int_months') }}

),

health_daily as (

    select * from {{ ref('int_account_health_daily') }}

),

reviews_12m as (

    select * from {{ ref('int_account_business_reviews_12m') }}

),

as_of as (

    select
        month_start as as_of_month,
        month_index as as_of_month_index,
        as_of_date
    from months
    where is_as_of_month

),

current_owners as (

    select
        account_id,
        csm_user_id,
        owner_role
    from assignments
    where is_current

),

current_mrr as (

    select
        mrr_monthly.account_id,
        mrr_monthly.mrr,
        mrr_monthly.seats
    from mrr_monthly
    inner join as_of
        on mrr_monthly.month_start = as_of.as_of_month

),

revenue_history as (

    select
        account_id,
        min(first_mrr_month) as first_mrr_month,
        sum(case when mrr > 0 then 1 else 0 end) as months_with_mrr,
        sum(mrr) as lifetime_revenue,
        max(case when movement = 'churn' then month_start end) as last_churn_month
    from mrr_monthly
    group by account_id

),

latest_health_day as (

    select
        health_daily.account_id,
        max(health_daily.date_day) as health_date
    from health_daily
    cross join as_of
    where health_daily.date_day <= as_of.as_of_date
    group by health_daily.account_id

),

current_health as (

    select
        health_daily.account_id,
        health_daily.health_score,
        health_daily.health_band
    from health_daily
    inner join latest_health_day
        on
            health_daily.account_id = latest_health_day.account_id
            and health_daily.date_day = latest_health_day.health_date

),

segment_churn as (

    select
        coalesce(accounts.segment, 'unknown') as segment,
        sum(retention_windows.churned_mrr + retention_windows.contraction_mrr) as lost_mrr,
        sum(retention_windows.starting_mrr) as starting_mrr
    from retention_windows
    inner join months
        on retention_windows.month_start = months.month_start
    cross join as_of
    left join accounts
        on retention_windows.account_id = accounts.account_id
    where
        retention_windows.window_type = 'single_month'
        and months.month_index > as_of.as_of_month_index - 12
        and months.month_index <= as_of.as_of_month_index
    group by coalesce(accounts.segment, 'unknown')

),

company_churn as (

    select
        sum(lost_mrr) as lost_mrr,
        sum(starting_mrr) as starting_mrr
    from segment_churn

),

segment_churn_rates as (

    {#- the CLV rate: the segment's pooled rate shrunk towards the company's,
        with the company's rate counting as var clv_churn_prior_weight (default
        0.1) of the company's twelve-month starting MRR; DECISIONS.md -#}
    select
        segment_churn.segment,
        case
            when segment_churn.starting_mrr > 0
                then cast(segment_churn.lost_mrr as {{ cs_analytics.type_double() }}) / segment_churn.starting_mrr
        end as monthly_revenue_churn_rate,
        case
            when segment_churn.starting_mrr > 0 and company_churn.starting_mrr > 0
                then (
                    segment_churn.lost_mrr
                    + {{ var('clv_churn_prior_weight', 0.1) }} * company_churn.lost_mrr
                )
                / cast(
                    segment_churn.starting_mrr
                    + {{ var('clv_churn_prior_weight', 0.1) }} * company_churn.starting_mrr
                    as {{ cs_analytics.type_double() }}
                )
        end as clv_monthly_churn_rate
    from segment_churn
    cross join company_churn

),

company_churn_rate as (

    select
        case
            when starting_mrr > 0
                then cast(lost_mrr as {{ cs_analytics.type_double() }}) / starting_mrr
        end as clv_monthly_churn_rate
    from company_churn

),

joined as (

    select
        accounts.*,
        current_owners.csm_user_id as current_csm_user_id,
        current_owners.owner_role as current_owner_role,
        coalesce(current_mrr.mrr, 0) as current_mrr,
        current_mrr.seats as current_seats,
        revenue_history.first_mrr_month,
        coalesce(revenue_history.months_with_mrr, 0) as months_with_mrr,
        coalesce(revenue_history.lifetime_revenue, 0) as lifetime_revenue,
        revenue_history.last_churn_month,
        segment_churn_rates.monthly_revenue_churn_rate,
        coalesce(segment_churn_rates.clv_monthly_churn_rate, company_churn_rate.clv_monthly_churn_rate)
            as clv_monthly_churn_rate,
        case
            when segment_churn_rates.clv_monthly_churn_rate is not null
                then case when segment_churn_rates.clv_monthly_churn_rate > 0 then 'segment_shrunk_to_company' end
            when company_churn_rate.clv_monthly_churn_rate > 0 then 'company'
        end as clv_churn_basis,
        current_health.health_score,
        current_health.health_band,
        reviews_12m.trailing_12m_roi_reviews,
        reviews_12m.trailing_12m_business_reviews,
        reviews_12m.trailing_12m_exec_attended_reviews,
        reviews_12m.is_roi_review_on_target,
        reviews_12m.is_exec_attended_review_share_on_target
    from accounts
    left join current_owners
        on accounts.account_id = current_owners.account_id
    left join current_mrr
        on accounts.account_id = current_mrr.account_id
    left join revenue_history
        on accounts.account_id = revenue_history.account_id
    left join segment_churn_rates
        on accounts.segment = segment_churn_rates.segment
    left join current_health
        on accounts.account_id = current_health.account_id
    left join reviews_12m
        on accounts.account_id = reviews_12m.account_id
    cross join company_churn_rate

),

final as (

    select
        -- ids
        account_id,
        parent_account_id,
        current_csm_user_id,

        -- strings
        account_name,
        segment,
        coverage_model,
        industry,
        region,
        current_owner_role,
        case when current_mrr > 0 then health_band end as current_health_band,
        case when current_mrr > 0 then clv_churn_basis end as clv_churn_basis,

        -- numerics
        {{ cs_analytics.to_decimal('current_mrr', 18, 2) }} as current_mrr,
        cast(12 * current_mrr as decimal(18, 2)) as current_arr,
        cast(current_seats as bigint) as current_seats,
        cast(months_with_mrr as integer) as months_with_mrr,
        {{ cs_analytics.to_decimal('lifetime_revenue', 18, 2) }} as lifetime_revenue,
        cast(case when current_mrr > 0 then health_score end as decimal(18, 2)) as current_health_score,
        {{ cs_analytics.to_decimal('monthly_revenue_churn_rate', 18, 6) }} as segment_monthly_revenue_churn_rate,
        {{ cs_analytics.to_decimal('clv_monthly_churn_rate', 18, 6) }} as clv_monthly_churn_rate,
        cast({{ var('gross_margin', 0.8) }} as decimal(18, 6)) as gross_margin,
        cast(
            cast(
                case
                    when current_mrr > 0 and clv_monthly_churn_rate > 0
                        then current_mrr * {{ var('gross_margin', 0.8) }} / clv_monthly_churn_rate
                end as decimal(28, 9)
            ) as decimal(18, 2)
        ) as estimated_clv,
        cast(trailing_12m_roi_reviews as bigint) as trailing_12m_roi_reviews,
        cast(trailing_12m_business_reviews as bigint) as trailing_12m_business_reviews,
        cast(trailing_12m_exec_attended_reviews as bigint) as trailing_12m_exec_attended_reviews,

        -- booleans
        current_mrr > 0 as is_active_customer,
        is_deleted,
        is_in_crm,
        is_roi_review_on_target,
        is_exec_attended_review_share_on_target,

        -- dates
        first_contract_date,
        first_mrr_month,
        case when current_mrr = 0 then last_churn_month end as churned_date,

        -- timestamps
        created_at

    from joined

)

select * from final
