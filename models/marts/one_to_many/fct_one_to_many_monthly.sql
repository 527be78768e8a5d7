{#-
    The pooled / tech-touch book measured like a CSM: one row per coverage
    model (tier) and month, from the first month of 1:many program data to
    the as-of month. Every tier gets a row so the 1:many book can be read
    against its own targets and beside the high-touch tiers: the book
    (accounts, ARR), trailing-twelve-month cohort GRR, NRR and logo
    retention (the window the annual tier targets are set for), usage per
    seat, trailing-twelve-month NPS, the tier's targets from `tier_targets`
    (segment `all`; usage per seat against var
    `health_usage_target_utilisation`, the utilisation the health score
    treats as healthy, as tier_targets has no usage target) and attainment, 1:many activity reaching the tier, and
    the cost of 1:many coverage per customer (program costs split by the
    tier's share of the accounts each program reached that month + digital
    CSM cost split by the tier's share of the accounts digital CSMs owned on
    the 1st). The tier is the account's current CRM coverage model. The
    loaded cost of named CSMs (`int_csm_costs_allocated_to_tiers`, split by
    each CSM's book share) is added so every tier has a full coverage cost per
    customer and per retained ARR.
-#}

{%- set target_usage_per_seat = var('health_usage_target_utilisation', 0.6) %}

with months as (

    select * from {{ ref('int_months') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

mrr_monthly as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

retention_windows as (

    select * from {{ ref('int_account_retention_windows') }}

),

usage_days as (

    select * from {{ ref('int_customer_days_joined_to_usage') }}

),

surveys as (

    select * from {{ ref('int_survey_responses_bucketed') }}

),

owners as (

    select * from {{ ref('int_account_owners_monthly') }}

),

users as (

    select * from {{ ref('stg_crm__users') }}

),

sends as (

    select * from {{ ref('int_email_events_aggregated_to_sends') }}

),

enrollments as (

    select * from {{ ref('stg_digital__program_enrollments') }}

),

programs as (

    select * from {{ ref('stg_digital__programs') }}

),

program_costs as (

    select * from {{ ref('stg_digital__program_costs') }}

),

tier_targets as (

    select * from {{ cs_analytics.reference_table('tier_targets') }}

),

csm_costs as (

    select * from {{ ref('int_csm_costs_allocated_to_tiers') }}

),

account_tiers as (

    select
        account_id,
        coalesce(coverage_model, 'unknown') as coverage_model
    from accounts

),

-- the months: from the first month of 1:many program data
digital_months as (

    select cast({{ dbt.date_trunc('month', 'sent_at') }} as date) as month_start
    from sends
    union all
    select cast({{ dbt.date_trunc('month', 'enrolled_at') }} as date) as month_start
    from enrollments
    union all
    select cast({{ dbt.date_trunc('month', 'cost_month') }} as date) as month_start
    from program_costs

),

report_months as (

    select
        months.month_start,
        months.month_end,
        months.month_index
    from months
    cross join (select min(month_start) as first_month from digital_months) as coverage
    where coverage.first_month is not null and months.month_start >= coverage.first_month

),

spine as (

    select
        tiers.coverage_model,
        report_months.month_start,
        report_months.month_end,
        report_months.month_index
    from report_months
    cross join (select distinct coverage_model from account_tiers) as tiers

),

-- the book: accounts paying this month
book_monthly as (

    select
        account_tiers.coverage_model,
        mrr_monthly.month_start,
        count(*) as accounts,
        12 * sum(mrr_monthly.mrr) as arr
    from mrr_monthly
    inner join account_tiers
        on mrr_monthly.account_id = account_tiers.account_id
    where mrr_monthly.mrr > 0
    group by account_tiers.coverage_model, mrr_monthly.month_start

),

-- lagging: the trailing-twelve-month cohort (paying twelve months ago)
retention_monthly as (

    select
        account_tiers.coverage_model,
        retention_windows.month_start,
        12 * sum(retention_windows.starting_mrr) as starting_arr,
        12 * sum(retention_windows.starting_mrr - retention_windows.contraction_mrr - retention_windows.churned_mrr)
            as gross_retained_arr,
        12 * sum(retention_windows.ending_mrr) as ending_arr_of_cohort,
        count(*) as starting_logos,
        sum(case when retention_windows.is_retained_logo then 1 else 0 end) as retained_logos
    from retention_windows
    inner join account_tiers
        on retention_windows.account_id = account_tiers.account_id
    where
        retention_windows.window_type = 'trailing_12_months'
        and retention_windows.is_in_starting_cohort
    group by account_tiers.coverage_model, retention_windows.month_start

),

-- leading: active user-days over seat-days on the tier's customer days
usage_monthly as (

    select
        account_tiers.coverage_model,
        report_months.month_start,
        sum(usage_days.active_users) as active_user_days,
        sum(usage_days.seats) as seat_days
    from usage_days
    inner join account_tiers
        on usage_days.account_id = account_tiers.account_id
    inner join report_months
        on
            usage_days.date_day >= report_months.month_start
            and usage_days.date_day < report_months.month_end
    group by account_tiers.coverage_model, report_months.month_start

),

nps_by_month as (

    select
        account_tiers.coverage_model,
        surveys.response_month as month_start,
        count(*) as nps_responses,
        sum(case when surveys.is_promoter then 1 else 0 end) as nps_promoters,
        sum(case when surveys.is_detractor then 1 else 0 end) as nps_detractors
    from surveys
    inner join account_tiers
        on surveys.account_id = account_tiers.account_id
    where surveys.survey_type = 'nps' and surveys.nps_bucket is not null
    group by account_tiers.coverage_model, surveys.response_month

),

nps_trailing as (

    select
        spine.coverage_model,
        spine.month_start,
        sum(nps_by_month.nps_responses) as nps_responses,
        sum(nps_by_month.nps_promoters) as nps_promoters,
        sum(nps_by_month.nps_detractors) as nps_detractors
    from spine
    inner join months
        on
            spine.month_index >= months.month_index
            and spine.month_index - 12 < months.month_index
    inner join nps_by_month
        on
            spine.coverage_model = nps_by_month.coverage_model
            and months.month_start = nps_by_month.month_start
    group by spine.coverage_model, spine.month_start

),

-- activity: 1:many sends reaching the tier
sends_monthly as (

    select
        account_tiers.coverage_model,
        sends.sent_month as month_start,
        count(*) as sends,
        sum(case when programs.trigger_type = 'behavioral' then 1 else 0 end) as behavioral_trigger_sends,
        sum(case when sends.was_delivered then 1 else 0 end) as deliveries,
        count(distinct sends.program_id) as active_programs,
        count(distinct case when programs.trigger_type = 'behavioral' then sends.program_id end)
            as behavioral_programs,
        count(distinct case when sends.was_delivered then sends.account_id end) as accounts_reached
    from sends
    inner join account_tiers
        on sends.account_id = account_tiers.account_id
    left join programs
        on sends.program_id = programs.program_id
    group by account_tiers.coverage_model, sends.sent_month

),

-- cost: each program's monthly cost split by the tiers' shares of the accounts it reached
reached_by_program_tier as (

    select
        sends.program_id,
        sends.sent_month as month_start,
        account_tiers.coverage_model,
        count(distinct sends.account_id) as accounts_reached
    from sends
    inner join account_tiers
        on sends.account_id = account_tiers.account_id
    where sends.was_delivered
    group by sends.program_id, sends.sent_month, account_tiers.coverage_model

),

reached_by_program as (

    select
        program_id,
        month_start,
        sum(accounts_reached) as accounts_reached
    from reached_by_program_tier
    group by program_id, month_start

),

program_cost_monthly as (

    select
        program_id,
        cast({{ dbt.date_trunc('month', 'cost_month') }} as date) as month_start,
        sum(cost_amount) as program_cost
    from program_costs
    group by program_id, cast({{ dbt.date_trunc('month', 'cost_month') }} as date)

),

program_cost_allocated as (

    select
        reached_by_program_tier.coverage_model,
        reached_by_program_tier.month_start,
        sum(
            program_cost_monthly.program_cost * reached_by_program_tier.accounts_reached
            / reached_by_program.accounts_reached
        ) as program_cost_allocated
    from reached_by_program_tier
    inner join reached_by_program
        on
            reached_by_program_tier.program_id = reached_by_program.program_id
            and reached_by_program_tier.month_start = reached_by_program.month_start
    inner join program_cost_monthly
        on
            reached_by_program_tier.program_id = program_cost_monthly.program_id
            and reached_by_program_tier.month_start = program_cost_monthly.month_start
    group by reached_by_program_tier.coverage_model, reached_by_program_tier.month_start

),

-- cost: digital CSMs employed in the month, split by the tiers' shares of the paying accounts they owned on the 1st
digital_csm_cost_monthly as (

    select
        report_months.month_start,
        sum(users.monthly_cost) as digital_csm_cost
    from report_months
    inner join users
        on
            users.role = 'digital_csm'
            and (users.hired_at is null or report_months.month_end > users.hired_at)
            and (users.terminated_at is null or report_months.month_start <= users.terminated_at)
    group by report_months.month_start

),

digital_owned_by_tier as (

    select
        account_tiers.coverage_model,
        owners.month_start,
        count(*) as digital_owned_accounts
    from owners
    inner join account_tiers
        on owners.account_id = account_tiers.account_id
    inner join mrr_monthly
        on
            owners.account_id = mrr_monthly.account_id
            and owners.month_start = mrr_monthly.month_start
    where owners.owner_role = 'digital_csm' and mrr_monthly.mrr > 0
    group by account_tiers.coverage_model, owners.month_start

),

digital_owned_total as (

    select
        month_start,
        sum(digital_owned_accounts) as digital_owned_accounts
    from digital_owned_by_tier
    group by month_start

),

digital_csm_cost_allocated as (

    select
        digital_owned_by_tier.coverage_model,
        digital_owned_by_tier.month_start,
        digital_csm_cost_monthly.digital_csm_cost * digital_owned_by_tier.digital_owned_accounts
        / digital_owned_total.digital_owned_accounts as digital_csm_cost_allocated
    from digital_owned_by_tier
    inner join digital_owned_total
        on digital_owned_by_tier.month_start = digital_owned_total.month_start
    inner join digital_csm_cost_monthly
        on digital_owned_by_tier.month_start = digital_csm_cost_monthly.month_start

),

-- cost: named CSMs' loaded cost split by their book's tier shares
csm_cost_allocated as (

    select
        coverage_model,
        month_start,
        sum(cost_allocated) as csm_cost_allocated
    from csm_costs
    group by coverage_model, month_start

),

targets as (

    select
        coverage_model,
        target_grr,
        target_nrr,
        target_logo_retention,
        target_nps
    from tier_targets
    where segment = 'all'

),

joined as (

    select
        spine.coverage_model,
        spine.month_start,
        coalesce(book_monthly.accounts, 0) as accounts,
        coalesce(book_monthly.arr, 0) as arr,
        coalesce(retention_monthly.starting_arr, 0) as trailing_12m_starting_arr,
        coalesce(retention_monthly.gross_retained_arr, 0) as trailing_12m_gross_retained_arr,
        coalesce(retention_monthly.ending_arr_of_cohort, 0) as trailing_12m_ending_arr_of_cohort,
        coalesce(retention_monthly.starting_logos, 0) as trailing_12m_starting_logos,
        coalesce(retention_monthly.retained_logos, 0) as trailing_12m_retained_logos,
        coalesce(usage_monthly.active_user_days, 0) as active_user_days,
        coalesce(usage_monthly.seat_days, 0) as seat_days,
        coalesce(nps_trailing.nps_responses, 0) as trailing_12m_nps_responses,
        coalesce(nps_trailing.nps_promoters, 0) as trailing_12m_nps_promoters,
        coalesce(nps_trailing.nps_detractors, 0) as trailing_12m_nps_detractors,
        coalesce(sends_monthly.sends, 0) as sends,
        coalesce(sends_monthly.behavioral_trigger_sends, 0) as behavioral_trigger_sends,
        coalesce(sends_monthly.deliveries, 0) as deliveries,
        coalesce(sends_monthly.active_programs, 0) as active_programs,
        coalesce(sends_monthly.behavioral_programs, 0) as behavioral_programs,
        coalesce(sends_monthly.accounts_reached, 0) as accounts_reached,
        coalesce(program_cost_allocated.program_cost_allocated, 0) as program_cost_allocated,
        coalesce(digital_csm_cost_allocated.digital_csm_cost_allocated, 0) as digital_csm_cost_allocated,
        coalesce(csm_cost_allocated.csm_cost_allocated, 0) as csm_cost_allocated,
        targets.target_grr,
        targets.target_nrr,
        targets.target_logo_retention,
        targets.target_nps
    from spine
    left join book_monthly
        on
            spine.coverage_model = book_monthly.coverage_model
            and spine.month_start = book_monthly.month_start
    left join retention_monthly
        on
            spine.coverage_model = retention_monthly.coverage_model
            and spine.month_start = retention_monthly.month_start
    left join usage_monthly
        on
            spine.coverage_model = usage_monthly.coverage_model
            and spine.month_start = usage_monthly.month_start
    left join nps_trailing
        on
            spine.coverage_model = nps_trailing.coverage_model
            and spine.month_start = nps_trailing.month_start
    left join sends_monthly
        on
            spine.coverage_model = sends_monthly.coverage_model
            and spine.month_start = sends_monthly.month_start
    left join program_cost_allocated
        on
            spine.coverage_model = program_cost_allocated.coverage_model
            and spine.month_start = program_cost_allocated.month_start
    left join digital_csm_cost_allocated
        on
            spine.coverage_model = digital_csm_cost_allocated.coverage_model
            and spine.month_start = digital_csm_cost_allocated.month_start
    left join csm_cost_allocated
        on
            spine.coverage_model = csm_cost_allocated.coverage_model
            and spine.month_start = csm_cost_allocated.month_start
    left join targets
        on spine.coverage_model = targets.coverage_model

),

rates as (

    select
        *,
        case
            when trailing_12m_starting_arr > 0
                then
                    cast(trailing_12m_gross_retained_arr as {{ cs_analytics.type_double() }})
                    / trailing_12m_starting_arr
        end as trailing_12m_grr,
        case
            when trailing_12m_starting_arr > 0
                then
                    cast(trailing_12m_ending_arr_of_cohort as {{ cs_analytics.type_double() }})
                    / trailing_12m_starting_arr
        end as trailing_12m_nrr,
        case
            when trailing_12m_starting_logos > 0 then 1.0 * trailing_12m_retained_logos / trailing_12m_starting_logos
        end as trailing_12m_logo_retention,
        case when seat_days > 0 then 1.0 * active_user_days / seat_days end as usage_per_seat,
        case
            when trailing_12m_nps_responses > 0
                then 100.0 * (trailing_12m_nps_promoters - trailing_12m_nps_detractors) / trailing_12m_nps_responses
        end as trailing_12m_nps,
        case when sends > 0 then 1.0 * behavioral_trigger_sends / sends end as behavioral_send_share,
        case when accounts > 0 then 1.0 * accounts_reached / accounts end as accounts_reached_share
    from joined
    where accounts > 0 or sends > 0

),

-- the cost parts are rounded to cents first so the total is exactly the sum of the stored parts
costs as (

    select
        *,
        {{ cs_analytics.to_decimal('program_cost_allocated', 18, 2) }} as program_cost_allocated_cents,
        {{ cs_analytics.to_decimal('digital_csm_cost_allocated', 18, 2) }} as digital_csm_cost_allocated_cents,
        {{ cs_analytics.to_decimal('program_cost_allocated', 18, 2) }}
        + {{ cs_analytics.to_decimal('digital_csm_cost_allocated', 18, 2) }} as one_to_many_cost,
        {{ cs_analytics.to_decimal('program_cost_allocated', 18, 2) }}
        + {{ cs_analytics.to_decimal('digital_csm_cost_allocated', 18, 2) }}
        + {{ cs_analytics.to_decimal('csm_cost_allocated', 18, 2) }} as coverage_cost
    from rates

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key(['coverage_model', 'month_start']) }} as tier_month_key,

        -- strings
        coverage_model,

        -- dates
        month_start,

        -- context: the book
        cast(accounts as bigint) as accounts,
        {{ cs_analytics.to_decimal('arr', 18, 2) }} as arr,

        -- lagging: trailing-twelve-month cohort
        {{ cs_analytics.to_decimal('trailing_12m_starting_arr', 18, 2) }} as trailing_12m_starting_arr,
        {{ cs_analytics.to_decimal('trailing_12m_gross_retained_arr', 18, 2) }} as trailing_12m_gross_retained_arr,
        {{ cs_analytics.to_decimal('trailing_12m_ending_arr_of_cohort', 18, 2) }} as trailing_12m_ending_arr_of_cohort,
        {{ cs_analytics.to_decimal('trailing_12m_grr', 18, 6) }} as grr,
        {{ cs_analytics.to_decimal('trailing_12m_nrr', 18, 6) }} as nrr,
        cast(trailing_12m_starting_logos as bigint) as trailing_12m_starting_logos,
        cast(trailing_12m_retained_logos as bigint) as trailing_12m_retained_logos,
        {{ cs_analytics.to_decimal('trailing_12m_logo_retention', 18, 6) }} as logo_retention,

        -- leading: usage and sentiment
        cast(active_user_days as bigint) as active_user_days,
        cast(seat_days as bigint) as seat_days,
        {{ cs_analytics.to_decimal('usage_per_seat', 18, 6) }} as usage_per_seat,
        cast(trailing_12m_nps_responses as bigint) as trailing_12m_nps_responses,
        cast(trailing_12m_nps_promoters as bigint) as trailing_12m_nps_promoters,
        cast(trailing_12m_nps_detractors as bigint) as trailing_12m_nps_detractors,
        {{ cs_analytics.to_decimal('trailing_12m_nps', 18, 6) }} as nps,

        -- normalisation: the tier's targets and attainment
        {{ cs_analytics.to_decimal('target_grr', 18, 6) }} as target_grr,
        {{ cs_analytics.to_decimal('target_nrr', 18, 6) }} as target_nrr,
        {{ cs_analytics.to_decimal('target_logo_retention', 18, 6) }} as target_logo_retention,
        {{ cs_analytics.to_decimal('target_nps', 18, 6) }} as target_nps,
        cast({{ target_usage_per_seat }} as decimal(18, 6)) as target_usage_per_seat,
        cast(case when target_grr > 0 then trailing_12m_grr / target_grr end as decimal(18, 6)) as grr_attainment,
        cast(case when target_nrr > 0 then trailing_12m_nrr / target_nrr end as decimal(18, 6)) as nrr_attainment,
        cast(
            case when target_logo_retention > 0 then trailing_12m_logo_retention / target_logo_retention end
            as decimal(18, 6)
        ) as logo_retention_attainment,
        cast(usage_per_seat / {{ target_usage_per_seat }} as decimal(18, 6)) as usage_attainment,
        cast(trailing_12m_nps - target_nps as decimal(18, 6)) as nps_vs_target,
        trailing_12m_grr >= target_grr as is_grr_on_target,
        trailing_12m_nrr >= target_nrr as is_nrr_on_target,
        trailing_12m_logo_retention >= target_logo_retention as is_logo_retention_on_target,
        usage_per_seat >= {{ target_usage_per_seat }} as is_usage_on_target,
        trailing_12m_nps >= target_nps as is_nps_on_target,

        -- activity: 1:many outreach reaching the tier
        cast(active_programs as bigint) as active_programs,
        cast(behavioral_programs as bigint) as behavioral_programs,
        cast(sends as bigint) as sends,
        cast(behavioral_trigger_sends as bigint) as behavioral_trigger_sends,
        {{ cs_analytics.to_decimal('behavioral_send_share', 18, 6) }} as behavioral_send_share,
        cast(deliveries as bigint) as deliveries,
        cast(accounts_reached as bigint) as accounts_reached,
        {{ cs_analytics.to_decimal('accounts_reached_share', 18, 6) }} as accounts_reached_share,

        -- efficiency: cost of 1:many coverage
        program_cost_allocated_cents as program_cost_allocated,
        digital_csm_cost_allocated_cents as digital_csm_cost_allocated,
        {{ cs_analytics.to_decimal('one_to_many_cost', 18, 2) }} as one_to_many_cost,
        {{ cs_analytics.to_decimal('csm_cost_allocated', 18, 2) }} as csm_cost_allocated,
        {{ cs_analytics.to_decimal('coverage_cost', 18, 2) }} as coverage_cost,
        cast(case when accounts > 0 then coverage_cost / accounts end as decimal(18, 2)) as cost_per_customer,
        {{ cs_analytics.to_decimal(
            'case when trailing_12m_gross_retained_arr > 0 then 12 * coverage_cost / trailing_12m_gross_retained_arr end',
            18, 6
        ) }} as cost_per_retained_arr

    from costs

)

select * from final
