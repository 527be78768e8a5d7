{#-
    The CSM scorecard: one row per CS user and month, from the first month
    the CS platform has activity for to the as-of month. Outcomes are
    credited point in time: an account's result in month M goes to whoever
    owned it on the first day of M. Every rate sits beside its numerator and
    denominator. Definitions: docs blocks in models/docs/csm_docs.md.
-#}

with book as (

    select * from {{ ref('int_csm_book_accounts_monthly') }}

),

users as (

    select * from {{ ref('stg_crm__users') }}

),

months as (

    select * from {{ ref('int_months') }}

),

owners as (

    select * from {{ ref('int_account_owners_monthly') }}

),

activities as (

    select * from {{ ref('int_activities_classified') }}

),

responses as (

    select * from {{ ref('int_inbound_events_paired_to_responses') }}

),

compliance as (

    select * from {{ ref('int_account_lifecycle_compliance_monthly') }}

),

milestones as (

    select * from {{ ref('int_csm_adoption_milestones') }}

),

ctas as (

    select * from {{ ref('int_csm_cta_outcomes') }}

),

surveys as (

    select * from {{ ref('int_survey_responses_bucketed') }}

),

credited_opportunities as (

    select * from {{ ref('int_opportunities_credited_to_cs') }}

),

referenceable as (

    select * from {{ ref('int_csm_referenceable_accounts_monthly') }}

),

health as (

    select * from {{ ref('int_account_health_monthly') }}

),

user_labels as (

    select * from {{ ref('int_users_labelled') }}

),

tier_targets as (

    select * from {{ cs_analytics.reference_table('tier_targets') }}

),

-- lagging: renewals of the book due in the month (int_csm_renewals_monthly)
renewals_monthly as (

    select * from {{ ref('int_csm_renewals_monthly') }}

),

-- the scorecard's months: from the CS platform's first activity month
activity_coverage as (

    select min(activity_month) as first_activity_month
    from activities

),

scorecard_months as (

    select
        months.month_start,
        months.month_index,
        months.as_of_date
    from months
    cross join activity_coverage
    where
        activity_coverage.first_activity_month is null
        or months.month_start >= activity_coverage.first_activity_month

),

paying_book as (

    select
        csm_user_id,
        account_id,
        month_start,
        segment,
        coverage_model,
        mrr
    from book
    where is_paying

),

-- lagging: the single-month outcome of the book owned on the 1st
book_monthly as (

    select
        csm_user_id,
        month_start,
        max(owner_role) as owner_role,
        sum(case when is_paying then 1 else 0 end) as book_accounts,
        12 * sum(mrr) as book_arr,
        sum(case when is_in_starting_book then 1 else 0 end) as starting_logos,
        sum(case when is_retained_logo then 1 else 0 end) as retained_logos,
        sum(case when movement = 'churn' then 1 else 0 end) as churned_logos,
        12 * sum(starting_mrr) as starting_arr,
        12 * sum(expansion_mrr) as expansion_arr,
        12 * sum(contraction_mrr) as contraction_arr,
        12 * sum(churned_mrr) as churned_arr,
        12 * sum(ending_mrr_of_starting_book) as ending_arr_of_cohort,
        12 * sum(new_mrr) as new_arr,
        12 * sum(reactivation_mrr) as reactivation_arr
    from book
    group by csm_user_id, month_start

),

book_monthly_indexed as (

    select
        book_monthly.*,
        months.month_index
    from book_monthly
    inner join months
        on book_monthly.month_start = months.month_start

),

-- lagging, trailing twelve months: the monthly credited outcomes summed,
-- with the monthly starting ARR / 12 as the exposure (book-years of ARR)
trailing_12m as (

    select
        scorecard_months.month_start,
        book_monthly_indexed.csm_user_id,
        cast(sum(book_monthly_indexed.starting_arr) as {{ cs_analytics.type_double() }}) / 12.0 as arr_exposure,
        sum(book_monthly_indexed.expansion_arr) as expansion_arr,
        sum(book_monthly_indexed.contraction_arr) as contraction_arr,
        sum(book_monthly_indexed.churned_arr) as churned_arr,
        cast(sum(book_monthly_indexed.starting_logos) as {{ cs_analytics.type_double() }}) / 12.0 as logo_exposure,
        sum(book_monthly_indexed.churned_logos) as churned_logos,
        sum(case when book_monthly_indexed.starting_logos > 0 then 1 else 0 end) as months_with_book
    from scorecard_months
    inner join book_monthly_indexed
        on
            scorecard_months.month_index >= book_monthly_indexed.month_index
            and scorecard_months.month_index - 12 < book_monthly_indexed.month_index
    group by scorecard_months.month_start, book_monthly_indexed.csm_user_id

),

-- normalisation: the team's single-month GRR per segment x health band
-- (band on the 1st), pooled over the trailing twelve months
cell_monthly as (

    select
        book.month_start,
        book.segment,
        coalesce(health.health_band, 'unscored') as health_band,
        sum(book.starting_mrr) as starting_mrr,
        sum(book.starting_mrr - book.contraction_mrr - book.churned_mrr) as gross_retained_mrr
    from book
    left join health
        on
            book.account_id = health.account_id
            and book.month_start = health.month_start
    where book.is_in_starting_book
    group by book.month_start, book.segment, coalesce(health.health_band, 'unscored')

),

cell_rates as (

    select
        scorecard_months.month_start,
        cell_monthly.segment,
        cell_monthly.health_band,
        cast(sum(cell_monthly.gross_retained_mrr) as {{ cs_analytics.type_double() }})
        / sum(cell_monthly.starting_mrr) as cell_grr
    from scorecard_months
    inner join months
        on
            scorecard_months.month_index >= months.month_index
            and scorecard_months.month_index - 12 < months.month_index
    inner join cell_monthly
        on months.month_start = cell_monthly.month_start
    group by scorecard_months.month_start, cell_monthly.segment, cell_monthly.health_band
    having sum(cell_monthly.starting_mrr) > 0

),

expected as (

    select
        book.csm_user_id,
        book.month_start,
        12 * sum(
            cast(book.starting_mrr as {{ cs_analytics.type_double() }}) * cell_rates.cell_grr
        ) as expected_gross_retained_arr
    from book
    left join health
        on
            book.account_id = health.account_id
            and book.month_start = health.month_start
    inner join cell_rates
        on
            book.month_start = cell_rates.month_start
            and book.segment = cell_rates.segment
            and coalesce(health.health_band, 'unscored') = cell_rates.health_band
    where book.is_in_starting_book
    group by book.csm_user_id, book.month_start

),

-- leading: health of the paying book on the 1st
health_monthly as (

    select
        paying_book.csm_user_id,
        paying_book.month_start,
        count(health.health_score) as scored_accounts,
        sum(cast(health.health_score as {{ cs_analytics.type_double() }})) as health_score_sum,
        sum(case when health.health_band = 'green' then 1 else 0 end) as healthy_accounts
    from paying_book
    inner join health
        on
            paying_book.account_id = health.account_id
            and paying_book.month_start = health.month_start
    group by paying_book.csm_user_id, paying_book.month_start

),

-- leading: adoption milestones falling due this month, by the owner on the 1st
milestones_monthly as (

    select
        owners.csm_user_id,
        milestones.due_month as month_start,
        count(*) as adoption_milestones_due,
        sum(case when milestones.is_reached_on_time then 1 else 0 end) as adoption_milestones_on_time
    from milestones
    inner join owners
        on
            milestones.account_id = owners.account_id
            and milestones.due_month = owners.month_start
    cross join (select max(as_of_date) as as_of_date from months) as as_of
    where milestones.due_date <= as_of.as_of_date
    group by owners.csm_user_id, milestones.due_month

),

-- leading: response time to inbound requests received this month
responses_monthly as (

    select
        owner_user_id as csm_user_id,
        inbound_month as month_start,
        sum(case when inbound_source = 'activity' then 1 else 0 end) as inbound_requests,
        sum(case when inbound_source = 'activity' and is_responded then 1 else 0 end) as responded_requests,
        sum(case when inbound_source = 'ticket' then 1 else 0 end) as support_tickets,
        sum(case when inbound_source = 'ticket' and is_responded then 1 else 0 end) as followed_up_tickets
    from responses
    where owner_user_id is not null
    group by owner_user_id, inbound_month

),

response_medians as (

    select
        owner_user_id as csm_user_id,
        inbound_month as month_start,
        {{ cs_analytics.median('response_hours') }} as median_response_hours
    from responses
    where
        owner_user_id is not null
        and is_responded
        and (inbound_source = 'activity' or {{ 'true' if var('response_hours_include_tickets', false) else 'false' }})
    group by owner_user_id, inbound_month

),

ticket_medians as (

    select
        owner_user_id as csm_user_id,
        inbound_month as month_start,
        {{ cs_analytics.median('response_hours') }} as median_ticket_follow_up_hours
    from responses
    where
        owner_user_id is not null
        and is_responded
        and inbound_source = 'ticket'
    group by owner_user_id, inbound_month

),

-- activity: what the user logged this month
activity_monthly as (

    select
        user_id as csm_user_id,
        activity_month as month_start,
        sum(case when is_touchpoint then 1 else 0 end) as touchpoints,
        sum(case when activity_type = 'qbr' then 1 else 0 end) as qbrs_completed,
        sum(case when activity_type = 'ebr' then 1 else 0 end) as ebrs_completed,
        sum(case when activity_type = 'success_plan_update' then 1 else 0 end) as success_plan_updates
    from activities
    where user_id is not null
    group by user_id, activity_month

),

touched_monthly as (

    select
        paying_book.csm_user_id,
        paying_book.month_start,
        count(distinct activities.account_id) as accounts_touched,
        count(*) as book_touchpoints
    from paying_book
    inner join activities
        on
            paying_book.account_id = activities.account_id
            and paying_book.csm_user_id = activities.user_id
            and paying_book.month_start = activities.activity_month
    where activities.is_touchpoint
    group by paying_book.csm_user_id, paying_book.month_start

),

compliance_by_account as (

    select
        account_id,
        month_start,
        min(case when is_compliant then 1 else 0 end) as is_compliant
    from compliance
    group by account_id, month_start

),

compliance_monthly as (

    select
        paying_book.csm_user_id,
        paying_book.month_start,
        count(*) as lifecycle_cadence_accounts,
        sum(compliance_by_account.is_compliant) as lifecycle_compliant_accounts
    from paying_book
    inner join compliance_by_account
        on
            paying_book.account_id = compliance_by_account.account_id
            and paying_book.month_start = compliance_by_account.month_start
    group by paying_book.csm_user_id, paying_book.month_start

),

-- activity and quality: CTAs closed this month by their owner
ctas_monthly as (

    select
        owner_user_id as csm_user_id,
        closed_month as month_start,
        count(*) as ctas_closed,
        sum(case when outcome <> 'invalid' then 1 else 0 end) as ctas_closed_valid,
        sum(case when outcome = 'success' then 1 else 0 end) as ctas_successful,
        sum(
            case when due_date is not null and not coalesce(has_unknown_duration, false) then 1 else 0 end
        ) as ctas_closed_with_due_date,
        sum(case when is_closed_on_time then 1 else 0 end) as ctas_closed_on_time
    from ctas
    where is_closed and owner_user_id is not null
    group by owner_user_id, closed_month

),

-- quality: post-EBR survey scores given to the user this month
post_ebr_monthly as (

    select
        rated_user_id as csm_user_id,
        response_month as month_start,
        count(*) as post_ebr_responses,
        sum(score) as post_ebr_score_sum
    from surveys
    where survey_type = 'post_ebr' and rated_user_id is not null and score is not null
    group by rated_user_id, response_month

),

-- context: NPS answers from accounts owned on the 1st of the month
nps_monthly as (

    select
        owners.csm_user_id,
        surveys.response_month as month_start,
        count(*) as nps_responses,
        sum(case when surveys.is_promoter then 1 else 0 end) as nps_promoters,
        sum(case when surveys.is_passive then 1 else 0 end) as nps_passives,
        sum(case when surveys.is_detractor then 1 else 0 end) as nps_detractors
    from surveys
    inner join owners
        on
            surveys.account_id = owners.account_id
            and surveys.response_month = owners.month_start
    where surveys.survey_type = 'nps' and surveys.nps_bucket is not null
    group by owners.csm_user_id, surveys.response_month

),

advocates_monthly as (

    select
        paying_book.csm_user_id,
        paying_book.month_start,
        count(*) as referenceable_accounts
    from paying_book
    inner join referenceable
        on
            paying_book.account_id = referenceable.account_id
            and paying_book.month_start = referenceable.month_start
    where referenceable.referenceable_contacts > 0
    group by paying_book.csm_user_id, paying_book.month_start

),

-- lagging: won ARR credited to CS, separate from the sales rep's credit
credit_monthly as (

    select
        credited_user_id as csm_user_id,
        closed_month as month_start,
        sum(case when cs_credit_type = 'cs_sourced' then amount_arr else 0 end) as cs_sourced_arr,
        sum(case when cs_credit_type = 'cs_sourced' then 1 else 0 end) as cs_sourced_opportunities,
        sum(case when cs_credit_type = 'cs_influenced' then amount_arr else 0 end) as cs_influenced_arr,
        sum(case when cs_credit_type = 'cs_influenced' then 1 else 0 end) as cs_influenced_opportunities
    from credited_opportunities
    where credited_user_id is not null
    group by credited_user_id, closed_month

),

-- targets: the tier (coverage model) and segment most of the paying book is in
book_mix as (

    select
        csm_user_id,
        month_start,
        coverage_model,
        segment,
        count(*) as accounts,
        sum(mrr) as mrr
    from paying_book
    group by csm_user_id, month_start, coverage_model, segment

),

coverage_mix as (

    select
        csm_user_id,
        month_start,
        coverage_model,
        row_number() over (
            partition by csm_user_id, month_start
            order by sum(accounts) desc, sum(mrr) desc, coverage_model asc
        ) as coverage_rank
    from book_mix
    group by csm_user_id, month_start, coverage_model

),

segment_mix as (

    select
        csm_user_id,
        month_start,
        coverage_model,
        segment,
        row_number() over (
            partition by csm_user_id, month_start, coverage_model
            order by accounts desc, mrr desc, segment asc
        ) as segment_rank
    from book_mix

),

targets as (

    select
        coverage_mix.csm_user_id,
        coverage_mix.month_start,
        coverage_mix.coverage_model as target_coverage_model,
        coalesce(segment_targets.segment, tier_targets.segment) as target_segment,
        coalesce(segment_targets.target_grr, tier_targets.target_grr) as target_grr,
        coalesce(segment_targets.target_nrr, tier_targets.target_nrr) as target_nrr,
        coalesce(segment_targets.target_logo_retention, tier_targets.target_logo_retention) as target_logo_retention,
        coalesce(segment_targets.target_nps, tier_targets.target_nps) as target_nps,
        coalesce(
            segment_targets.target_touches_per_account_month, tier_targets.target_touches_per_account_month
        ) as target_touches_per_account_month,
        coalesce(segment_targets.target_response_hours, tier_targets.target_response_hours) as target_response_hours,
        coalesce(
            segment_targets.target_portfolio_accounts, tier_targets.target_portfolio_accounts
        ) as target_portfolio_accounts
    from coverage_mix
    inner join segment_mix
        on
            coverage_mix.csm_user_id = segment_mix.csm_user_id
            and coverage_mix.month_start = segment_mix.month_start
            and coverage_mix.coverage_model = segment_mix.coverage_model
            and segment_mix.segment_rank = 1
    left join tier_targets as segment_targets
        on
            coverage_mix.coverage_model = segment_targets.coverage_model
            and segment_mix.segment = segment_targets.segment
    left join tier_targets
        on
            coverage_mix.coverage_model = tier_targets.coverage_model
            and tier_targets.segment = 'all'
    where coverage_mix.coverage_rank = 1

),

-- the grain: users with a book on the 1st or activity in the month
spine as (

    select
        csm_user_id,
        month_start
    from book_monthly
    union
    select
        csm_user_id,
        month_start
    from activity_monthly

),

joined as (

    select
        spine.csm_user_id as user_id,
        spine.month_start,
        scorecard_months.as_of_date,
        users.role as user_role,
        users.team,
        coalesce(
            book_monthly.owner_role,
            case when users.role = 'digital_csm' then 'digital_csm' else 'csm' end
        ) as owner_role,
        coalesce(book_monthly.book_accounts, 0) as book_accounts,
        coalesce(book_monthly.book_arr, 0) as book_arr,
        coalesce(book_monthly.starting_logos, 0) as starting_logos,
        coalesce(book_monthly.retained_logos, 0) as retained_logos,
        coalesce(book_monthly.churned_logos, 0) as churned_logos,
        coalesce(book_monthly.starting_arr, 0) as starting_arr,
        coalesce(book_monthly.expansion_arr, 0) as expansion_arr,
        coalesce(book_monthly.contraction_arr, 0) as contraction_arr,
        coalesce(book_monthly.churned_arr, 0) as churned_arr,
        coalesce(book_monthly.ending_arr_of_cohort, 0) as ending_arr_of_cohort,
        coalesce(book_monthly.new_arr, 0) as new_arr,
        coalesce(book_monthly.reactivation_arr, 0) as reactivation_arr,
        coalesce(trailing_12m.arr_exposure, 0) as trailing_12m_arr_exposure,
        coalesce(trailing_12m.expansion_arr, 0) as trailing_12m_expansion_arr,
        coalesce(trailing_12m.contraction_arr, 0) as trailing_12m_contraction_arr,
        coalesce(trailing_12m.churned_arr, 0) as trailing_12m_churned_arr,
        coalesce(trailing_12m.logo_exposure, 0) as trailing_12m_logo_exposure,
        coalesce(trailing_12m.churned_logos, 0) as trailing_12m_churned_logos,
        coalesce(trailing_12m.months_with_book, 0) as trailing_12m_months_with_book,
        coalesce(credit_monthly.cs_sourced_arr, 0) as cs_sourced_arr,
        coalesce(credit_monthly.cs_sourced_opportunities, 0) as cs_sourced_opportunities,
        coalesce(credit_monthly.cs_influenced_arr, 0) as cs_influenced_arr,
        coalesce(credit_monthly.cs_influenced_opportunities, 0) as cs_influenced_opportunities,
        coalesce(health_monthly.scored_accounts, 0) as scored_accounts,
        health_monthly.health_score_sum,
        coalesce(health_monthly.healthy_accounts, 0) as healthy_accounts,
        coalesce(milestones_monthly.adoption_milestones_due, 0) as adoption_milestones_due,
        coalesce(milestones_monthly.adoption_milestones_on_time, 0) as adoption_milestones_on_time,
        coalesce(responses_monthly.inbound_requests, 0) as inbound_requests,
        coalesce(responses_monthly.responded_requests, 0) as responded_requests,
        response_medians.median_response_hours,
        coalesce(responses_monthly.support_tickets, 0) as support_tickets,
        coalesce(responses_monthly.followed_up_tickets, 0) as followed_up_tickets,
        ticket_medians.median_ticket_follow_up_hours,
        coalesce(activity_monthly.touchpoints, 0) as touchpoints,
        coalesce(touched_monthly.book_touchpoints, 0) as book_touchpoints,
        coalesce(touched_monthly.accounts_touched, 0) as accounts_touched,
        coalesce(activity_monthly.qbrs_completed, 0) as qbrs_completed,
        coalesce(activity_monthly.ebrs_completed, 0) as ebrs_completed,
        coalesce(activity_monthly.success_plan_updates, 0) as success_plan_updates,
        coalesce(compliance_monthly.lifecycle_cadence_accounts, 0) as lifecycle_cadence_accounts,
        coalesce(compliance_monthly.lifecycle_compliant_accounts, 0) as lifecycle_compliant_accounts,
        coalesce(ctas_monthly.ctas_closed, 0) as ctas_closed,
        coalesce(ctas_monthly.ctas_closed_valid, 0) as ctas_closed_valid,
        coalesce(ctas_monthly.ctas_successful, 0) as ctas_successful,
        coalesce(ctas_monthly.ctas_closed_with_due_date, 0) as ctas_closed_with_due_date,
        coalesce(ctas_monthly.ctas_closed_on_time, 0) as ctas_closed_on_time,
        coalesce(post_ebr_monthly.post_ebr_responses, 0) as post_ebr_responses,
        post_ebr_monthly.post_ebr_score_sum,
        coalesce(nps_monthly.nps_responses, 0) as nps_responses,
        coalesce(nps_monthly.nps_promoters, 0) as nps_promoters,
        coalesce(nps_monthly.nps_passives, 0) as nps_passives,
        coalesce(nps_monthly.nps_detractors, 0) as nps_detractors,
        coalesce(advocates_monthly.referenceable_accounts, 0) as referenceable_accounts,
        expected.expected_gross_retained_arr,
        coalesce(renewals_monthly.renewals_due, 0) as renewals_due,
        coalesce(renewals_monthly.renewals_renewed, 0) as renewals_renewed,
        renewals_monthly.renewal_rate,
        coalesce(renewals_monthly.renewal_arr_due, 0) as renewal_arr_due,
        coalesce(renewals_monthly.renewal_gross_renewed_arr, 0) as renewal_gross_renewed_arr,
        renewals_monthly.gross_renewal_rate,
        coalesce(renewals_monthly.renewals_judged_on_time, 0) as renewals_judged_on_time,
        coalesce(renewals_monthly.renewals_on_time, 0) as renewals_on_time,
        renewals_monthly.on_time_renewal_share,
        targets.target_coverage_model,
        targets.target_segment,
        targets.target_grr,
        targets.target_nrr,
        targets.target_logo_retention,
        targets.target_nps,
        targets.target_touches_per_account_month,
        targets.target_response_hours,
        targets.target_portfolio_accounts
    from spine
    inner join scorecard_months
        on spine.month_start = scorecard_months.month_start
    left join users
        on spine.csm_user_id = users.user_id
    left join book_monthly
        on
            spine.csm_user_id = book_monthly.csm_user_id
            and spine.month_start = book_monthly.month_start
    left join trailing_12m
        on
            spine.csm_user_id = trailing_12m.csm_user_id
            and spine.month_start = trailing_12m.month_start
    left join credit_monthly
        on
            spine.csm_user_id = credit_monthly.csm_user_id
            and spine.month_start = credit_monthly.month_start
    left join health_monthly
        on
            spine.csm_user_id = health_monthly.csm_user_id
            and spine.month_start = health_monthly.month_start
    left join milestones_monthly
        on
            spine.csm_user_id = milestones_monthly.csm_user_id
            and spine.month_start = milestones_monthly.month_start
    left join responses_monthly
        on
            spine.csm_user_id = responses_monthly.csm_user_id
            and spine.month_start = responses_monthly.month_start
    left join response_medians
        on
            spine.csm_user_id = response_medians.csm_user_id
            and spine.month_start = response_medians.month_start
    left join ticket_medians
        on
            spine.csm_user_id = ticket_medians.csm_user_id
            and spine.month_start = ticket_medians.month_start
    left join activity_monthly
        on
            spine.csm_user_id = activity_monthly.csm_user_id
            and spine.month_start = activity_monthly.month_start
    left join touched_monthly
        on
            spine.csm_user_id = touched_monthly.csm_user_id
            and spine.month_start = touched_monthly.month_start
    left join compliance_monthly
        on
            spine.csm_user_id = compliance_monthly.csm_user_id
            and spine.month_start = compliance_monthly.month_start
    left join ctas_monthly
        on
            spine.csm_user_id = ctas_monthly.csm_user_id
            and spine.month_start = ctas_monthly.month_start
    left join post_ebr_monthly
        on
            spine.csm_user_id = post_ebr_monthly.csm_user_id
            and spine.month_start = post_ebr_monthly.month_start
    left join nps_monthly
        on
            spine.csm_user_id = nps_monthly.csm_user_id
            and spine.month_start = nps_monthly.month_start
    left join advocates_monthly
        on
            spine.csm_user_id = advocates_monthly.csm_user_id
            and spine.month_start = advocates_monthly.month_start
    left join expected
        on
            spine.csm_user_id = expected.csm_user_id
            and spine.month_start = expected.month_start
    left join targets
        on
            spine.csm_user_id = targets.csm_user_id
            and spine.month_start = targets.month_start
    left join renewals_monthly
        on
            spine.csm_user_id = renewals_monthly.csm_user_id
            and spine.month_start = renewals_monthly.month_start

),

rates as (

    select
        *,
        starting_arr - contraction_arr - churned_arr as gross_retained_arr,
        trailing_12m_arr_exposure - trailing_12m_contraction_arr - trailing_12m_churned_arr
            as trailing_12m_gross_retained_arr,
        trailing_12m_arr_exposure + trailing_12m_expansion_arr - trailing_12m_contraction_arr
        - trailing_12m_churned_arr as trailing_12m_net_retained_arr,
        case
            when
                starting_arr > 0
                then cast(starting_arr - contraction_arr - churned_arr as {{ cs_analytics.type_double() }})
                    / starting_arr
        end as grr,
        case
            when starting_arr > 0 then cast(ending_arr_of_cohort as {{ cs_analytics.type_double() }}) / starting_arr
        end
            as nrr,
        case when starting_logos > 0 then 1.0 * retained_logos / starting_logos end as logo_retention,
        case
            when trailing_12m_arr_exposure > 0
                then
                    cast(
                        trailing_12m_arr_exposure
                        - trailing_12m_contraction_arr
                        - trailing_12m_churned_arr as {{ cs_analytics.type_double() }}
                    )
                    / trailing_12m_arr_exposure
        end as trailing_12m_annualised_grr,
        case
            when trailing_12m_arr_exposure > 0
                then
                    cast(
                        trailing_12m_arr_exposure + trailing_12m_expansion_arr
                        - trailing_12m_contraction_arr - trailing_12m_churned_arr as {{ cs_analytics.type_double() }}
                    )
                    / trailing_12m_arr_exposure
        end as trailing_12m_annualised_nrr,
        case
            when trailing_12m_logo_exposure > 0
                then
                    1.0 - cast(trailing_12m_churned_logos as {{ cs_analytics.type_double() }})
                    / trailing_12m_logo_exposure
        end as trailing_12m_annualised_logo_retention,
        case when scored_accounts > 0 then health_score_sum / scored_accounts end as avg_health_score,
        case when scored_accounts > 0 then 1.0 * healthy_accounts / scored_accounts end as pct_accounts_healthy,
        case
            when adoption_milestones_due > 0 then 1.0 * adoption_milestones_on_time / adoption_milestones_due
        end as adoption_milestones_on_time_rate,
        case when book_accounts > 0 then 1.0 * accounts_touched / book_accounts end as accounts_touched_rate,
        case when book_accounts > 0 then 1.0 * book_touchpoints / book_accounts end as touchpoints_per_account,
        case
            when lifecycle_cadence_accounts > 0
                then 1.0 * lifecycle_compliant_accounts / lifecycle_cadence_accounts
        end as lifecycle_compliance_rate,
        case when ctas_closed_valid > 0 then 1.0 * ctas_successful / ctas_closed_valid end as cta_success_rate,
        case
            when ctas_closed_with_due_date > 0 then 1.0 * ctas_closed_on_time / ctas_closed_with_due_date
        end as cta_on_time_rate,
        case when post_ebr_responses > 0 then 1.0 * post_ebr_score_sum / post_ebr_responses end as post_ebr_avg_score,
        case
            when nps_responses > 0 then 100.0 * (nps_promoters - nps_detractors) / nps_responses
        end as portfolio_nps,
        case when book_accounts > 0 then 1.0 * referenceable_accounts / book_accounts end as advocates_rate,
        case
            when
                starting_arr > 0
                then cast(expected_gross_retained_arr as {{ cs_analytics.type_double() }}) / starting_arr
        end
            as expected_grr
    from joined

),

with_expected as (

    select
        *,
        grr - expected_grr as grr_vs_expected
    from rates

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
    from with_expected
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
    from with_expected

),

final as (

    select
        -- ids
        ranked.user_id,

        -- dates
        ranked.month_start,

        -- strings
        user_labels.display_name as user_display_name,
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

        -- context
        cast(ranked.nps_responses as bigint) as nps_responses,
        cast(ranked.nps_promoters as bigint) as nps_promoters,
        cast(ranked.nps_passives as bigint) as nps_passives,
        cast(ranked.nps_detractors as bigint) as nps_detractors,
        {{ cs_analytics.to_decimal('ranked.portfolio_nps', 18, 4) }} as portfolio_nps,
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
    left join user_labels
        on ranked.user_id = user_labels.user_id

)

select * from final
