{#-
    The CSM scorecard: one row per CS user and month, from the first month
    the CS platform has activity for to the as-of month. Outcomes are
    credited point in time: an account's result in month M goes to whoever
    owned it on the first day of M. Every rate sits beside its numerator and
    denominator. Definitions: docs blocks in models/docs/csm_docs.md.
-#}

with measures as (

    select * from {{ ref('int_csm_months_joined_to_measures') }}

),

-- normalisation: team medians and percentile ranks within the owner role
team_medians as (

    select
        month_start,
        owner_role,
        {{ cs_analytics.median('grr') }} as team_median_grr,
        {{ cs_analytics.median('nrr') }} as team_median_nrr,
        {{ cs_analytics.median('grr_vs_expected') }} as team_median_grr_vs_expected,
        {{ cs_analytics.median('touchpoints') }} as team_median_touchpoints
    from measures
    group by month_start, owner_role

),

-- ties share the average of the positions they hold (mid-rank); a group of one gets null
ranked as (

    select
        *,
        {{ cs_analytics.shared_percent_rank('grr', 'month_start, owner_role') }} as grr_percent_rank,
        {{ cs_analytics.shared_percent_rank('nrr', 'month_start, owner_role') }} as nrr_percent_rank,
        {{ cs_analytics.shared_percent_rank('grr_vs_expected', 'month_start, owner_role') }}
            as grr_vs_expected_percent_rank,
        {{ cs_analytics.shared_percent_rank('touchpoints', 'month_start, owner_role') }} as touchpoints_percent_rank
    from measures

),

final as (

    select
        -- ids
        ranked.csm_user_id as user_id,

        -- dates
        ranked.month_start,

        -- strings
        ranked.user_display_name,
        ranked.user_role,
        ranked.owner_role,
        ranked.team,
        ranked.target_coverage_model,
        ranked.target_segment,

        -- context: the book
        cast(ranked.book_accounts as bigint) as book_accounts,
        {{ cs_analytics.to_decimal('ranked.book_arr', 18, 2) }} as book_arr,

        -- lagging: single month
        {{ cs_analytics.to_decimal('ranked.starting_arr', 18, 2) }} as starting_arr,
        {{ cs_analytics.to_decimal('ranked.expansion_arr', 18, 2) }} as expansion_arr,
        {{ cs_analytics.to_decimal('ranked.contraction_arr', 18, 2) }} as contraction_arr,
        {{ cs_analytics.to_decimal('ranked.churned_arr', 18, 2) }} as churned_arr,
        {{ cs_analytics.to_decimal('ranked.gross_retained_arr', 18, 2) }} as gross_retained_arr,
        {{ cs_analytics.to_decimal('ranked.ending_arr_of_cohort', 18, 2) }} as ending_arr_of_cohort,
        {{ cs_analytics.to_decimal('ranked.new_arr', 18, 2) }} as new_arr,
        {{ cs_analytics.to_decimal('ranked.reactivation_arr', 18, 2) }} as reactivation_arr,
        {{ cs_analytics.to_decimal('ranked.grr', 18, 6) }} as grr,
        {{ cs_analytics.to_decimal('ranked.nrr', 18, 6) }} as nrr,
        cast(ranked.starting_logos as bigint) as starting_logos,
        cast(ranked.retained_logos as bigint) as retained_logos,
        cast(ranked.churned_logos as bigint) as churned_logos,
        {{ cs_analytics.to_decimal('ranked.logo_retention', 18, 6) }} as logo_retention,

        -- lagging: trailing twelve months
        cast(ranked.trailing_12m_months_with_book as integer) as trailing_12m_months_with_book,
        {{ cs_analytics.to_decimal('ranked.trailing_12m_arr_exposure', 18, 2) }} as trailing_12m_arr_exposure,
        {{ cs_analytics.to_decimal('ranked.trailing_12m_expansion_arr', 18, 2) }} as trailing_12m_expansion_arr,
        {{ cs_analytics.to_decimal('ranked.trailing_12m_contraction_arr', 18, 2) }} as trailing_12m_contraction_arr,
        {{ cs_analytics.to_decimal('ranked.trailing_12m_churned_arr', 18, 2) }} as trailing_12m_churned_arr,
        {{ cs_analytics.to_decimal('ranked.trailing_12m_gross_retained_arr', 18, 2) }}
            as trailing_12m_gross_retained_arr,
        {{ cs_analytics.to_decimal('ranked.trailing_12m_net_retained_arr', 18, 2) }} as trailing_12m_net_retained_arr,
        {{ cs_analytics.to_decimal('ranked.trailing_12m_annualised_grr', 18, 6) }} as trailing_12m_annualised_grr,
        {{ cs_analytics.to_decimal('ranked.trailing_12m_annualised_nrr', 18, 6) }} as trailing_12m_annualised_nrr,
        {{ cs_analytics.to_decimal('ranked.trailing_12m_logo_exposure', 18, 6) }} as trailing_12m_logo_exposure,
        cast(ranked.trailing_12m_churned_logos as bigint) as trailing_12m_churned_logos,
        {{ cs_analytics.to_decimal('ranked.trailing_12m_annualised_logo_retention', 18, 6) }}
            as trailing_12m_annualised_logo_retention,

        -- lagging: renewals of the book due this month
        cast(ranked.renewals_due as bigint) as renewals_due,
        cast(ranked.renewals_renewed as bigint) as renewals_renewed,
        cast(ranked.renewal_rate as decimal(18, 6)) as renewal_rate,
        cast(ranked.renewal_arr_due as decimal(18, 2)) as renewal_arr_due,
        cast(ranked.renewal_gross_renewed_arr as decimal(18, 2)) as renewal_gross_renewed_arr,
        cast(ranked.gross_renewal_rate as decimal(18, 6)) as gross_renewal_rate,
        cast(ranked.renewals_judged_on_time as bigint) as renewals_judged_on_time,
        cast(ranked.renewals_on_time as bigint) as renewals_on_time,
        cast(ranked.on_time_renewal_share as decimal(18, 6)) as on_time_renewal_share,

        -- lagging: won ARR credited to CS
        {{ cs_analytics.to_decimal('ranked.cs_sourced_arr', 18, 2) }} as cs_sourced_arr,
        cast(ranked.cs_sourced_opportunities as bigint) as cs_sourced_opportunities,
        {{ cs_analytics.to_decimal('ranked.cs_influenced_arr', 18, 2) }} as cs_influenced_arr,
        cast(ranked.cs_influenced_opportunities as bigint) as cs_influenced_opportunities,

        -- leading
        cast(ranked.scored_accounts as bigint) as scored_accounts,
        {{ cs_analytics.to_decimal('ranked.health_score_sum', 18, 4) }} as health_score_sum,
        {{ cs_analytics.to_decimal('ranked.avg_health_score', 18, 4) }} as avg_health_score,
        cast(ranked.healthy_accounts as bigint) as healthy_accounts,
        {{ cs_analytics.to_decimal('ranked.pct_accounts_healthy', 18, 6) }} as pct_accounts_healthy,
        cast(ranked.adoption_milestones_due as bigint) as adoption_milestones_due,
        cast(ranked.adoption_milestones_on_time as bigint) as adoption_milestones_on_time,
        {{ cs_analytics.to_decimal('ranked.adoption_milestones_on_time_rate', 18, 6) }}
            as adoption_milestones_on_time_rate,
        cast(ranked.inbound_requests as bigint) as inbound_requests,
        cast(ranked.responded_requests as bigint) as responded_requests,
        {{ cs_analytics.to_decimal('ranked.median_response_hours', 18, 4) }} as median_response_hours,
        cast(ranked.support_tickets as bigint) as support_tickets,
        cast(ranked.followed_up_tickets as bigint) as followed_up_tickets,
        {{ cs_analytics.to_decimal('ranked.median_ticket_follow_up_hours', 18, 4) }} as median_ticket_follow_up_hours,
        cast(ranked.tickets_first_responded as bigint) as tickets_first_responded,
        {{ cs_analytics.to_decimal('ranked.first_response_hours_sum', 18, 4) }} as first_response_hours_sum,
        {{ cs_analytics.to_decimal('ranked.avg_first_response_hours', 18, 4) }} as avg_first_response_hours,
        {{ cs_analytics.to_decimal('ranked.median_first_response_hours', 18, 4) }} as median_first_response_hours,

        -- activity
        cast(ranked.touchpoints as bigint) as touchpoints,
        cast(ranked.book_touchpoints as bigint) as book_touchpoints,
        {{ cs_analytics.to_decimal('ranked.touchpoints_per_account', 18, 6) }} as touchpoints_per_account,
        cast(ranked.accounts_touched as bigint) as accounts_touched,
        {{ cs_analytics.to_decimal('ranked.accounts_touched_rate', 18, 6) }} as accounts_touched_rate,
        cast(ranked.qbrs_completed as bigint) as qbrs_completed,
        cast(ranked.ebrs_completed as bigint) as ebrs_completed,
        cast(ranked.lifecycle_cadence_accounts as bigint) as lifecycle_cadence_accounts,
        cast(ranked.lifecycle_compliant_accounts as bigint) as lifecycle_compliant_accounts,
        {{ cs_analytics.to_decimal('ranked.lifecycle_compliance_rate', 18, 6) }} as lifecycle_compliance_rate,
        cast(ranked.success_plan_updates as bigint) as success_plan_updates,
        cast(ranked.ctas_closed as bigint) as ctas_closed,
        cast(ranked.roi_reviews as bigint) as roi_reviews,
        cast(ranked.business_reviews as bigint) as business_reviews,
        cast(ranked.exec_attended_reviews as bigint) as exec_attended_reviews,
        cast(ranked.trailing_12m_roi_reviews as bigint) as trailing_12m_roi_reviews,
        cast(ranked.trailing_12m_business_reviews as bigint) as trailing_12m_business_reviews,
        cast(ranked.trailing_12m_exec_attended_reviews as bigint) as trailing_12m_exec_attended_reviews,
        {{ cs_analytics.to_decimal('ranked.trailing_12m_exec_attended_review_share', 18, 6) }}
            as trailing_12m_exec_attended_review_share,

        -- quality
        cast(ranked.ctas_closed_valid as bigint) as ctas_closed_valid,
        cast(ranked.ctas_successful as bigint) as ctas_successful,
        {{ cs_analytics.to_decimal('ranked.cta_success_rate', 18, 6) }} as cta_success_rate,
        cast(ranked.ctas_closed_with_due_date as bigint) as ctas_closed_with_due_date,
        cast(ranked.ctas_closed_on_time as bigint) as ctas_closed_on_time,
        {{ cs_analytics.to_decimal('ranked.cta_on_time_rate', 18, 6) }} as cta_on_time_rate,
        cast(ranked.post_ebr_responses as bigint) as post_ebr_responses,
        cast(ranked.post_ebr_score_sum as bigint) as post_ebr_score_sum,
        {{ cs_analytics.to_decimal('ranked.post_ebr_avg_score', 18, 4) }} as post_ebr_avg_score,
        cast(ranked.csat_responses as bigint) as csat_responses,
        cast(ranked.csat_score_sum as bigint) as csat_score_sum,
        {{ cs_analytics.to_decimal('ranked.avg_csat_score', 18, 4) }} as avg_csat_score,

        -- context
        cast(ranked.nps_responses as bigint) as nps_responses,
        cast(ranked.nps_promoters as bigint) as nps_promoters,
        cast(ranked.nps_passives as bigint) as nps_passives,
        cast(ranked.nps_detractors as bigint) as nps_detractors,
        {{ cs_analytics.to_decimal('ranked.portfolio_nps', 18, 4) }} as portfolio_nps,
        {{ cs_analytics.to_decimal('ranked.nps_responses_per_account', 18, 6) }} as nps_responses_per_account,
        {{ cs_analytics.to_decimal('ranked.csat_responses_per_account', 18, 6) }} as csat_responses_per_account,
        cast(ranked.referenceable_accounts as bigint) as referenceable_accounts,
        {{ cs_analytics.to_decimal('ranked.advocates_rate', 18, 6) }} as advocates_rate,

        -- normalisation: portfolio mix
        {{ cs_analytics.to_decimal('ranked.expected_gross_retained_arr', 18, 2) }} as expected_gross_retained_arr,
        {{ cs_analytics.to_decimal('ranked.expected_grr', 18, 6) }} as expected_grr,
        {{ cs_analytics.to_decimal('ranked.grr_vs_expected', 18, 6) }} as grr_vs_expected,

        -- normalisation: the team (same owner role, same month)
        {{ cs_analytics.to_decimal('team_medians.team_median_grr', 18, 6) }} as team_median_grr,
        {{ cs_analytics.to_decimal('ranked.grr_percent_rank', 18, 6) }} as grr_percent_rank,
        {{ cs_analytics.to_decimal('team_medians.team_median_nrr', 18, 6) }} as team_median_nrr,
        {{ cs_analytics.to_decimal('ranked.nrr_percent_rank', 18, 6) }} as nrr_percent_rank,
        {{ cs_analytics.to_decimal('team_medians.team_median_grr_vs_expected', 18, 6) }} as team_median_grr_vs_expected,
        {{ cs_analytics.to_decimal('ranked.grr_vs_expected_percent_rank', 18, 6) }} as grr_vs_expected_percent_rank,
        {{ cs_analytics.to_decimal('team_medians.team_median_touchpoints', 18, 6) }} as team_median_touchpoints,
        {{ cs_analytics.to_decimal('ranked.touchpoints_percent_rank', 18, 6) }} as touchpoints_percent_rank,

        -- normalisation: targets of the book's tier and attainment
        {{ cs_analytics.to_decimal('ranked.target_grr', 18, 6) }} as target_grr,
        {{ cs_analytics.to_decimal('ranked.target_nrr', 18, 6) }} as target_nrr,
        {{ cs_analytics.to_decimal('ranked.target_logo_retention', 18, 6) }} as target_logo_retention,
        {{ cs_analytics.to_decimal('ranked.target_nps', 18, 4) }} as target_nps,
        {{ cs_analytics.to_decimal('ranked.target_touches_per_account_month', 18, 4) }}
            as target_touches_per_account_month,
        {{ cs_analytics.to_decimal('ranked.target_response_hours', 18, 4) }} as target_response_hours,
        cast(ranked.target_portfolio_accounts as integer) as target_portfolio_accounts,
        {{ cs_analytics.to_decimal('ranked.target_roi_reviews_per_account_year', 18, 4) }}
            as target_roi_reviews_per_account_year,
        {{ cs_analytics.to_decimal('ranked.target_exec_attended_review_share', 18, 6) }}
            as target_exec_attended_review_share,
        {{ cs_analytics.to_decimal('ranked.roi_review_attainment', 18, 6) }} as roi_review_attainment,
        {{ cs_analytics.to_decimal('ranked.exec_attended_review_share_attainment', 18, 6) }}
            as exec_attended_review_share_attainment,
        cast(
            cast(
                case
                    when ranked.target_grr > 0
                        then ranked.trailing_12m_annualised_grr / ranked.target_grr
                end as decimal(28, 9)
            ) as decimal(18, 6)
        ) as grr_attainment,
        cast(
            cast(
                case
                    when ranked.target_nrr > 0
                        then ranked.trailing_12m_annualised_nrr / ranked.target_nrr
                end as decimal(28, 9)
            ) as decimal(18, 6)
        ) as nrr_attainment,
        cast(
            cast(
                case
                    when ranked.target_logo_retention > 0
                        then ranked.trailing_12m_annualised_logo_retention / ranked.target_logo_retention
                end as decimal(28, 9)
            ) as decimal(18, 6)
        ) as logo_retention_attainment,
        cast(
            cast(
                case
                    when ranked.target_touches_per_account_month > 0
                        then ranked.touchpoints_per_account / ranked.target_touches_per_account_month
                end as decimal(28, 9)
            ) as decimal(18, 6)
        ) as touches_attainment,
        cast(
            cast(
                case
                    when ranked.target_portfolio_accounts > 0
                        then 1.0 * ranked.book_accounts / ranked.target_portfolio_accounts
                end as decimal(28, 9)
            ) as decimal(18, 6)
        ) as portfolio_load,
        ranked.median_response_hours <= ranked.target_response_hours as is_response_time_on_target

    from ranked
    left join team_medians
        on
            ranked.month_start = team_medians.month_start
            and ranked.owner_role = team_medians.owner_role

)

select * from final
