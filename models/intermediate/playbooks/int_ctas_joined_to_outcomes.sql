{#-
    Each CTA joined to what happened after it (usage: int_ctas_joined_to_usage):

    - revenue within the alert-precision window: whether the account churned
      or contracted (MRR below the previous month's) in a month M with
      created day < first day of M <= created day + var
      `alert_precision_window_days` (90). Complete once the last such month
      is in the calendar.
    - the next renewal: the first anniversary of the account's first
      contract date after the CTA was opened (annual terms: billing carries
      no term dates), judged on MRR in the first month starting on or after
      it: renewed when MRR > 0, expanded when MRR is above the CTA month's.
    - the milestone recorded against the CTA (milestones.cta_id) from the
      day it was opened to the end of its attribution window.
    - the CSQLs it generated (int_opportunities_aggregated_to_ctas) and the
      days from CTA to the first one.
    - for lifecycle CTAs whose reason is `<activity type>_due` (`ebr_due`,
      `qbr_due`, `check_in_due`): the first such activity on the account
      from the CTA's opening to its close (or the as-of date), and for an EBR
      the post-EBR survey answered about it, with the CSM it rated.
-#}

{{ config(materialized='table') }}

{%- set precision_days = var('alert_precision_window_days', 90) %}

with ctas as (

    select * from {{ ref('int_ctas_enriched') }}

),

mrr_monthly as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

milestones as (

    select * from {{ ref('stg_cs_platform__milestones') }}

),

opportunities_per_cta as (

    select * from {{ ref('int_opportunities_aggregated_to_ctas') }}

),

activities as (

    select * from {{ ref('int_activities_classified') }}

),

surveys as (

    select * from {{ ref('int_survey_responses_bucketed') }}

),

months as (

    select * from {{ ref('int_months') }}

),

as_of as (

    select
        max(as_of_date) as as_of_date,
        max(case when is_as_of_month then month_start end) as as_of_month_start,
        max(case when is_as_of_month then month_end end) as as_of_month_end
    from months

),

ctas_dated as (

    select
        ctas.cta_id,
        ctas.account_id,
        ctas.reason,
        ctas.cta_type,
        ctas.created_date,
        ctas.created_month,
        ctas.created_at,
        ctas.closed_at,
        ctas.closed_date,
        ctas.is_closed,
        ctas.attribution_window_days,
        as_of.as_of_date,
        as_of.as_of_month_start,
        as_of.as_of_month_end,
        accounts.first_contract_date,
        cast({{ dbt.dateadd('day', precision_days, 'ctas.created_date') }} as date) as precision_window_end_date,
        cast(
            {{ dbt.dateadd(
                'day',
                'ctas.attribution_window_days',
                'coalesce(ctas.closed_date, as_of.as_of_date)'
            ) }} as date
        ) as attribution_end_date
    from ctas
    cross join as_of
    left join accounts
        on ctas.account_id = accounts.account_id

),

renewal_months as (

    select
        cta_id,
        {{ cs_analytics.next_contract_anniversary('first_contract_date', 'created_date') }} as next_renewal_date,
        {{ cs_analytics.month_start_on_or_after(
            cs_analytics.next_contract_anniversary('first_contract_date', 'created_date')
        ) }} as renewal_judged_month
    from ctas_dated

),

renewals as (

    select
        ctas_dated.cta_id,
        renewal_months.next_renewal_date,
        renewal_months.renewal_judged_month,
        renewal_months.renewal_judged_month <= ctas_dated.as_of_month_start as is_renewal_observed,
        coalesce(mrr_at_cta.mrr, 0) as mrr_at_cta,
        coalesce(mrr_at_renewal.mrr, 0) as mrr_at_renewal
    from ctas_dated
    inner join renewal_months
        on ctas_dated.cta_id = renewal_months.cta_id
    left join mrr_monthly as mrr_at_cta
        on
            ctas_dated.account_id = mrr_at_cta.account_id
            and ctas_dated.created_month = mrr_at_cta.month_start
    left join mrr_monthly as mrr_at_renewal
        on
            ctas_dated.account_id = mrr_at_renewal.account_id
            and renewal_months.renewal_judged_month = mrr_at_renewal.month_start

),

revenue_after as (

    select
        ctas_dated.cta_id,
        count(*) as churn_or_contraction_months
    from ctas_dated
    inner join mrr_monthly
        on
            ctas_dated.account_id = mrr_monthly.account_id
            and ctas_dated.created_date < mrr_monthly.month_start
            and ctas_dated.precision_window_end_date >= mrr_monthly.month_start
    where mrr_monthly.movement in ('churn', 'contraction')
    group by ctas_dated.cta_id

),

milestones_in_window as (

    select
        ctas_dated.cta_id,
        count(*) as milestones_recorded
    from ctas_dated
    inner join milestones
        on ctas_dated.cta_id = milestones.cta_id
    where
        cast(milestones.achieved_at as date) >= ctas_dated.created_date
        and cast(milestones.achieved_at as date) < ctas_dated.attribution_end_date
    group by ctas_dated.cta_id

),

lifecycle_activities as (

    select
        ctas_dated.cta_id,
        activities.activity_id,
        activities.user_id,
        activities.occurred_at,
        row_number() over (
            partition by ctas_dated.cta_id
            order by activities.occurred_at, activities.activity_id
        ) as activity_rank
    from ctas_dated
    inner join activities
        on
            ctas_dated.account_id = activities.account_id
            and ctas_dated.reason = {{ dbt.concat(['activities.activity_type', "'_due'"]) }}
            and ctas_dated.created_at <= activities.occurred_at
            and coalesce(ctas_dated.closed_date, ctas_dated.as_of_date) >= activities.activity_date
    where ctas_dated.cta_type = 'lifecycle'

),

lifecycle_activity as (

    select
        cta_id,
        activity_id,
        user_id,
        occurred_at
    from lifecycle_activities
    where activity_rank = 1

),

post_ebr as (

    select
        lifecycle_activity.cta_id,
        count(*) as post_ebr_responses,
        avg(cast(surveys.score as {{ cs_analytics.type_double() }})) as post_ebr_score,
        max(surveys.rated_user_id) as post_ebr_rated_user_id
    from lifecycle_activity
    inner join surveys
        on lifecycle_activity.activity_id = surveys.related_activity_id
    where surveys.survey_type = 'post_ebr'
    group by lifecycle_activity.cta_id

),

final as (

    select
        -- ids
        ctas_dated.cta_id,
        opportunities_per_cta.opportunity_id,
        lifecycle_activity.activity_id as lifecycle_activity_id,
        lifecycle_activity.user_id as lifecycle_activity_user_id,
        post_ebr.post_ebr_rated_user_id,

        -- numerics
        cast(coalesce(milestones_in_window.milestones_recorded, 0) as integer) as milestones_recorded,
        cast(coalesce(opportunities_per_cta.opportunities_created, 0) as integer) as opportunities_created,
        cast(opportunities_per_cta.pipeline_arr as decimal(18, 2)) as pipeline_arr,
        cast(opportunities_per_cta.won_arr as decimal(18, 2)) as won_arr,
        cast(
            {{ dbt.datediff(
                'ctas_dated.created_date',
                'cast(opportunities_per_cta.first_opportunity_created_at as date)',
                'day'
            ) }} as integer
        ) as days_to_convert,
        cast(post_ebr.post_ebr_responses as integer) as post_ebr_responses,
        cast(post_ebr.post_ebr_score as {{ cs_analytics.type_double() }}) as post_ebr_score,
        cast(renewals.mrr_at_cta as decimal(18, 2)) as mrr_at_cta,
        case when renewals.is_renewal_observed then cast(renewals.mrr_at_renewal as decimal(18, 2)) end
            as mrr_at_next_renewal,

        -- booleans
        coalesce(revenue_after.churn_or_contraction_months, 0) > 0 as is_followed_by_churn_or_contraction,
        ctas_dated.precision_window_end_date < ctas_dated.as_of_month_end as is_precision_window_complete,
        coalesce(milestones_in_window.milestones_recorded, 0) > 0 as milestone_within_window,
        opportunities_per_cta.cta_id is not null as has_opportunity,
        coalesce(opportunities_per_cta.was_sales_accepted, false) as opportunity_sales_accepted,
        coalesce(opportunities_per_cta.was_won, false) as opportunity_won,
        coalesce(renewals.is_renewal_observed, false) as is_renewal_observed,
        case when renewals.is_renewal_observed then renewals.mrr_at_renewal > 0 end as renewed_next_renewal,
        case
            when renewals.is_renewal_observed then renewals.mrr_at_renewal > renewals.mrr_at_cta
        end as expanded_next_renewal,

        -- dates
        ctas_dated.precision_window_end_date,
        renewals.next_renewal_date,
        renewals.renewal_judged_month,

        -- timestamps
        opportunities_per_cta.first_opportunity_created_at as opportunity_created_at,
        lifecycle_activity.occurred_at as lifecycle_activity_at

    from ctas_dated
    left join renewals
        on ctas_dated.cta_id = renewals.cta_id
    left join revenue_after
        on ctas_dated.cta_id = revenue_after.cta_id
    left join milestones_in_window
        on ctas_dated.cta_id = milestones_in_window.cta_id
    left join opportunities_per_cta
        on ctas_dated.cta_id = opportunities_per_cta.cta_id
    left join lifecycle_activity
        on ctas_dated.cta_id = lifecycle_activity.cta_id
    left join post_ebr
        on ctas_dated.cta_id = post_ebr.cta_id

)

select * from final
