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

sends as (

    select * from {{ ref('int_email_events_aggregated_to_sends') }}

),

enrollments as (

    select * from {{ ref('stg_digital__program_enrollments') }}

),

program_costs as (

    select * from {{ ref('stg_digital__program_costs') }}

),

-- the book, trailing-twelve-month retention, usage per seat and NPS of every tier and month
tier_book as (

    select * from {{ ref('int_tier_book_monthly') }}

),

-- activity and program cost: 1:many sends reaching the tier
outreach as (

    select * from {{ ref('int_tier_outreach_monthly') }}

),

-- cost: digital CSMs and named CSMs split over the tiers
staff_costs as (

    select * from {{ ref('int_tier_staff_costs_monthly') }}

),

-- the tier's own targets: its `all` row of tier_targets
targets as (

    select * from {{ ref('int_tier_targets_by_segment') }}
    where segment = 'all'

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

    select months.month_start
    from months
    cross join (select min(month_start) as first_month from digital_months) as coverage
    where coverage.first_month is not null and months.month_start >= coverage.first_month

),

joined as (

    select
        tier_book.*,
        coalesce(outreach.sends, 0) as sends,
        coalesce(outreach.behavioral_trigger_sends, 0) as behavioral_trigger_sends,
        coalesce(outreach.deliveries, 0) as deliveries,
        coalesce(outreach.active_programs, 0) as active_programs,
        coalesce(outreach.behavioral_programs, 0) as behavioral_programs,
        coalesce(outreach.accounts_reached, 0) as accounts_reached,
        coalesce(outreach.program_cost_allocated, 0) as program_cost_allocated,
        coalesce(staff_costs.digital_csm_cost_allocated, 0) as digital_csm_cost_allocated,
        coalesce(staff_costs.csm_cost_allocated, 0) as csm_cost_allocated,
        targets.target_grr,
        targets.target_nrr,
        targets.target_logo_retention,
        targets.target_nps
    from tier_book
    inner join report_months
        on tier_book.month_start = report_months.month_start
    left join outreach
        on
            tier_book.coverage_model = outreach.coverage_model
            and tier_book.month_start = outreach.month_start
    left join staff_costs
        on
            tier_book.coverage_model = staff_costs.coverage_model
            and tier_book.month_start = staff_costs.month_start
    left join targets
        on tier_book.coverage_model = targets.coverage_model

),

rates as (

    select
        *,
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
