{#-
    Every measure of the CSM scorecard on its rows (int_csm_months: a CS
    user and month with a book on the 1st or activity), before anything
    that needs the whole team: the book and its retention, health and
    expected GRR, responses, support first response and CSAT, ROI and
    business reviews, engagement, sentiment and advocacy credit,
    renewals and the book's targets, zero where the user had none of a
    count, empty where a rate has no denominator. fct_csm_monthly adds the
    team medians, percent ranks and attainment.
-#}

with scorecard as (

    select * from {{ ref('int_csm_months') }}

),

-- lagging: the book owned on the 1st, single month and trailing twelve months
book_retention as (

    select * from {{ ref('int_csm_book_retention_monthly') }}

),

-- leading: health of the book on the 1st; normalisation: the GRR its segment x health mix predicts
book_health as (

    select * from {{ ref('int_csm_book_health_monthly') }}

),

-- leading: response time to inbound requests received this month
responses as (

    select * from {{ ref('int_csm_responses_monthly') }}

),

-- leading: support's first response to the book's tickets; quality: CSAT credited to the user
support_experience as (

    select * from {{ ref('int_csm_support_experience_monthly') }}

),

-- activity: ROI reviews and business reviews with the executive sponsor, in the month and trailing twelve
business_reviews as (

    select * from {{ ref('int_csm_business_reviews_monthly') }}

),

-- activity, cadence, CTAs and adoption milestones
engagement as (

    select * from {{ ref('int_csm_engagement_monthly') }}

),

-- quality and context: post-EBR scores, NPS, referenceable accounts; lagging: won ARR credited to CS
sentiment as (

    select * from {{ ref('int_csm_sentiment_monthly') }}

),

-- lagging: renewals of the book due in the month
renewals as (

    select * from {{ ref('int_csm_renewals_monthly') }}

),

-- normalisation: the targets of the book's tier and segment
targets as (

    select * from {{ ref('int_csm_targets_monthly') }}

),

joined as (

    select
        scorecard.csm_user_id,
        scorecard.month_start,
        scorecard.user_display_name,
        scorecard.user_role,
        scorecard.team,
        scorecard.owner_role,
        coalesce(book_retention.book_accounts, 0) as book_accounts,
        coalesce(book_retention.book_arr, 0) as book_arr,
        coalesce(book_retention.starting_logos, 0) as starting_logos,
        coalesce(book_retention.retained_logos, 0) as retained_logos,
        coalesce(book_retention.churned_logos, 0) as churned_logos,
        coalesce(book_retention.starting_arr, 0) as starting_arr,
        coalesce(book_retention.expansion_arr, 0) as expansion_arr,
        coalesce(book_retention.contraction_arr, 0) as contraction_arr,
        coalesce(book_retention.churned_arr, 0) as churned_arr,
        coalesce(book_retention.gross_retained_arr, 0) as gross_retained_arr,
        coalesce(book_retention.ending_arr_of_cohort, 0) as ending_arr_of_cohort,
        coalesce(book_retention.new_arr, 0) as new_arr,
        coalesce(book_retention.reactivation_arr, 0) as reactivation_arr,
        book_retention.grr,
        book_retention.nrr,
        book_retention.logo_retention,
        coalesce(book_retention.trailing_12m_arr_exposure, 0) as trailing_12m_arr_exposure,
        coalesce(book_retention.trailing_12m_expansion_arr, 0) as trailing_12m_expansion_arr,
        coalesce(book_retention.trailing_12m_contraction_arr, 0) as trailing_12m_contraction_arr,
        coalesce(book_retention.trailing_12m_churned_arr, 0) as trailing_12m_churned_arr,
        coalesce(book_retention.trailing_12m_gross_retained_arr, 0) as trailing_12m_gross_retained_arr,
        coalesce(book_retention.trailing_12m_net_retained_arr, 0) as trailing_12m_net_retained_arr,
        coalesce(book_retention.trailing_12m_logo_exposure, 0) as trailing_12m_logo_exposure,
        coalesce(book_retention.trailing_12m_churned_logos, 0) as trailing_12m_churned_logos,
        coalesce(book_retention.trailing_12m_months_with_book, 0) as trailing_12m_months_with_book,
        book_retention.trailing_12m_annualised_grr,
        book_retention.trailing_12m_annualised_nrr,
        book_retention.trailing_12m_annualised_logo_retention,
        coalesce(sentiment.cs_sourced_arr, 0) as cs_sourced_arr,
        coalesce(sentiment.cs_sourced_opportunities, 0) as cs_sourced_opportunities,
        coalesce(sentiment.cs_influenced_arr, 0) as cs_influenced_arr,
        coalesce(sentiment.cs_influenced_opportunities, 0) as cs_influenced_opportunities,
        coalesce(book_health.scored_accounts, 0) as scored_accounts,
        book_health.health_score_sum,
        book_health.avg_health_score,
        coalesce(book_health.healthy_accounts, 0) as healthy_accounts,
        book_health.pct_accounts_healthy,
        coalesce(engagement.adoption_milestones_due, 0) as adoption_milestones_due,
        coalesce(engagement.adoption_milestones_on_time, 0) as adoption_milestones_on_time,
        engagement.adoption_milestones_on_time_rate,
        coalesce(responses.inbound_requests, 0) as inbound_requests,
        coalesce(responses.responded_requests, 0) as responded_requests,
        responses.median_response_hours,
        coalesce(responses.support_tickets, 0) as support_tickets,
        coalesce(responses.followed_up_tickets, 0) as followed_up_tickets,
        responses.median_ticket_follow_up_hours,
        coalesce(support_experience.tickets_first_responded, 0) as tickets_first_responded,
        support_experience.first_response_hours_sum,
        support_experience.avg_first_response_hours,
        support_experience.median_first_response_hours,
        coalesce(support_experience.csat_responses, 0) as csat_responses,
        support_experience.csat_score_sum,
        support_experience.avg_csat_score,
        coalesce(business_reviews.roi_reviews, 0) as roi_reviews,
        coalesce(business_reviews.business_reviews, 0) as business_reviews,
        coalesce(business_reviews.exec_attended_reviews, 0) as exec_attended_reviews,
        coalesce(business_reviews.trailing_12m_roi_reviews, 0) as trailing_12m_roi_reviews,
        coalesce(business_reviews.trailing_12m_business_reviews, 0) as trailing_12m_business_reviews,
        coalesce(business_reviews.trailing_12m_exec_attended_reviews, 0) as trailing_12m_exec_attended_reviews,
        business_reviews.trailing_12m_exec_attended_review_share,
        coalesce(engagement.touchpoints, 0) as touchpoints,
        coalesce(engagement.book_touchpoints, 0) as book_touchpoints,
        coalesce(engagement.accounts_touched, 0) as accounts_touched,
        coalesce(engagement.qbrs_completed, 0) as qbrs_completed,
        coalesce(engagement.ebrs_completed, 0) as ebrs_completed,
        coalesce(engagement.success_plan_updates, 0) as success_plan_updates,
        coalesce(engagement.lifecycle_cadence_accounts, 0) as lifecycle_cadence_accounts,
        coalesce(engagement.lifecycle_compliant_accounts, 0) as lifecycle_compliant_accounts,
        engagement.lifecycle_compliance_rate,
        coalesce(engagement.ctas_closed, 0) as ctas_closed,
        coalesce(engagement.ctas_closed_valid, 0) as ctas_closed_valid,
        coalesce(engagement.ctas_successful, 0) as ctas_successful,
        engagement.cta_success_rate,
        coalesce(engagement.ctas_closed_with_due_date, 0) as ctas_closed_with_due_date,
        coalesce(engagement.ctas_closed_on_time, 0) as ctas_closed_on_time,
        engagement.cta_on_time_rate,
        coalesce(sentiment.post_ebr_responses, 0) as post_ebr_responses,
        sentiment.post_ebr_score_sum,
        sentiment.post_ebr_avg_score,
        coalesce(sentiment.nps_responses, 0) as nps_responses,
        coalesce(sentiment.nps_promoters, 0) as nps_promoters,
        coalesce(sentiment.nps_passives, 0) as nps_passives,
        coalesce(sentiment.nps_detractors, 0) as nps_detractors,
        sentiment.portfolio_nps,
        coalesce(sentiment.referenceable_accounts, 0) as referenceable_accounts,
        book_health.expected_gross_retained_arr,
        coalesce(renewals.renewals_due, 0) as renewals_due,
        coalesce(renewals.renewals_renewed, 0) as renewals_renewed,
        renewals.renewal_rate,
        coalesce(renewals.renewal_arr_due, 0) as renewal_arr_due,
        coalesce(renewals.renewal_gross_renewed_arr, 0) as renewal_gross_renewed_arr,
        renewals.gross_renewal_rate,
        coalesce(renewals.renewals_judged_on_time, 0) as renewals_judged_on_time,
        coalesce(renewals.renewals_on_time, 0) as renewals_on_time,
        renewals.on_time_renewal_share,
        targets.target_coverage_model,
        targets.target_segment,
        targets.target_grr,
        targets.target_nrr,
        targets.target_logo_retention,
        targets.target_nps,
        targets.target_touches_per_account_month,
        targets.target_response_hours,
        targets.target_portfolio_accounts,
        targets.target_roi_reviews_per_account_year,
        targets.target_exec_attended_review_share
    from scorecard
    left join book_retention
        on
            scorecard.csm_user_id = book_retention.csm_user_id
            and scorecard.month_start = book_retention.month_start
    left join book_health
        on
            scorecard.csm_user_id = book_health.csm_user_id
            and scorecard.month_start = book_health.month_start
    left join responses
        on
            scorecard.csm_user_id = responses.csm_user_id
            and scorecard.month_start = responses.month_start
    left join support_experience
        on
            scorecard.csm_user_id = support_experience.csm_user_id
            and scorecard.month_start = support_experience.month_start
    left join business_reviews
        on
            scorecard.csm_user_id = business_reviews.csm_user_id
            and scorecard.month_start = business_reviews.month_start
    left join engagement
        on
            scorecard.csm_user_id = engagement.csm_user_id
            and scorecard.month_start = engagement.month_start
    left join sentiment
        on
            scorecard.csm_user_id = sentiment.csm_user_id
            and scorecard.month_start = sentiment.month_start
    left join renewals
        on
            scorecard.csm_user_id = renewals.csm_user_id
            and scorecard.month_start = renewals.month_start
    left join targets
        on
            scorecard.csm_user_id = targets.csm_user_id
            and scorecard.month_start = targets.month_start

),

-- rates that need the book size beside another model's count
rates as (

    select
        *,
        cast(
            case
                when book_accounts > 0 then 1.0 * accounts_touched / book_accounts
            end as {{ cs_analytics.type_double() }}
        ) as accounts_touched_rate,
        cast(
            case
                when book_accounts > 0 then 1.0 * book_touchpoints / book_accounts
            end as {{ cs_analytics.type_double() }}
        ) as touchpoints_per_account,
        cast(
            case
                when book_accounts > 0 then 1.0 * referenceable_accounts / book_accounts
            end as {{ cs_analytics.type_double() }}
        ) as advocates_rate,
        cast(
            case when book_accounts > 0 then 1.0 * nps_responses / book_accounts end
            as {{ cs_analytics.type_double() }}
        ) as nps_responses_per_account,
        cast(
            case when book_accounts > 0 then 1.0 * csat_responses / book_accounts end
            as {{ cs_analytics.type_double() }}
        ) as csat_responses_per_account,
        cast(
            case
                when target_roi_reviews_per_account_year > 0 and book_accounts > 0
                    then trailing_12m_roi_reviews / (target_roi_reviews_per_account_year * book_accounts)
            end as {{ cs_analytics.type_double() }}
        ) as roi_review_attainment,
        cast(
            case
                when target_exec_attended_review_share > 0
                    then trailing_12m_exec_attended_review_share / target_exec_attended_review_share
            end as {{ cs_analytics.type_double() }}
        ) as exec_attended_review_share_attainment,
        case
            when
                starting_arr > 0
                then cast(expected_gross_retained_arr as {{ cs_analytics.type_double() }}) / starting_arr
        end
            as expected_grr
    from joined

),

final as (

    select
        *,
        grr - expected_grr as grr_vs_expected
    from rates

)

select * from final
