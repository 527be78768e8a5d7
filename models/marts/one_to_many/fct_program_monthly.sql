{#-
    One row per 1:many program and month, from the program's first month
    (launch, first enrollment, send or cost, whichever is earliest) to the
    as-of month: activity (enrollments, sends), response (deliveries, unique
    human opens, clicks, unsubscribes, bounces, spam reports), reconversion,
    efficiency and value (CSQLs, sales-accepted, won ARR, close rate, cost
    per account reached) and the holdout lift of the month's enrollment
    cohort. Each metric counts in its own month: sends and their responses
    and reconversions in the send month, enrollments and lift in the
    enrollment month, CSQLs in the month created, won ARR and close rate in
    the month closed, costs in the cost month. Every rate sits beside its
    numerator and denominator. Definitions: models/docs/one_to_many_docs.md.
-#}

with programs as (

    select * from {{ ref('stg_digital__programs') }}

),

spine as (

    select * from {{ ref('int_program_months') }}

),

enrollments as (

    select * from {{ ref('int_program_enrollments_joined_to_outcomes') }}

),

sends_monthly as (

    select * from {{ ref('int_program_sends_monthly') }}

),

opportunities_monthly as (

    select * from {{ ref('int_program_opportunities_monthly') }}

),

program_costs as (

    select * from {{ ref('stg_digital__program_costs') }}

),

cohort_lift as (

    select * from {{ ref('int_program_lift_monthly') }}

),

enrollments_monthly as (

    select
        program_id,
        enrolled_month as month_start,
        count(*) as enrollments,
        count(distinct account_id) as enrolled_accounts,
        count(distinct case when is_holdout then account_id end) as holdout_accounts,
        count(distinct case when not is_holdout then account_id end) as treated_accounts
    from enrollments
    group by program_id, enrolled_month

),

costs_monthly as (

    select
        program_id,
        cast({{ dbt.date_trunc('month', 'cost_month') }} as date) as month_start,
        sum(cost_amount) as program_cost
    from program_costs
    group by program_id, cast({{ dbt.date_trunc('month', 'cost_month') }} as date)

),

joined as (

    select
        spine.program_id,
        spine.month_start,
        programs.program_name,
        programs.program_type,
        programs.trigger_type,
        programs.goal_metric,
        coalesce(enrollments_monthly.enrollments, 0) as enrollments,
        coalesce(enrollments_monthly.enrolled_accounts, 0) as enrolled_accounts,
        coalesce(enrollments_monthly.treated_accounts, 0) as treated_accounts,
        coalesce(enrollments_monthly.holdout_accounts, 0) as holdout_accounts,
        coalesce(sends_monthly.sends, 0) as sends,
        coalesce(sends_monthly.deliveries, 0) as deliveries,
        coalesce(sends_monthly.bounces, 0) as bounces,
        coalesce(sends_monthly.unique_opens, 0) as unique_opens,
        coalesce(sends_monthly.total_opens, 0) as total_opens,
        coalesce(sends_monthly.machine_opened_sends, 0) as machine_opened_sends,
        coalesce(sends_monthly.unique_clicks, 0) as unique_clicks,
        coalesce(sends_monthly.total_clicks, 0) as total_clicks,
        coalesce(sends_monthly.unsubscribes, 0) as unsubscribes,
        coalesce(sends_monthly.spam_reports, 0) as spam_reports,
        coalesce(sends_monthly.events_before_send_excluded, 0) as events_before_send_excluded,
        coalesce(sends_monthly.accounts_sent_to, 0) as accounts_sent_to,
        coalesce(sends_monthly.accounts_reached, 0) as accounts_reached,
        coalesce(sends_monthly.reconversion_eligible_sends, 0) as reconversion_eligible_sends,
        coalesce(sends_monthly.reconversions, 0) as reconversions,
        coalesce(sends_monthly.sends_not_in_reconversion_state, 0) as sends_not_in_reconversion_state,
        coalesce(opportunities_monthly.csqls, 0) as csqls,
        coalesce(opportunities_monthly.sales_accepted, 0) as sales_accepted,
        coalesce(opportunities_monthly.csql_pipeline_arr, 0) as csql_pipeline_arr,
        coalesce(opportunities_monthly.csqls_after_a_send, 0) as csqls_after_a_send,
        opportunities_monthly.median_days_send_to_opportunity,
        coalesce(opportunities_monthly.closed_csqls, 0) as closed_csqls,
        coalesce(opportunities_monthly.won_csqls, 0) as won_csqls,
        coalesce(opportunities_monthly.closed_sales_accepted, 0) as closed_sales_accepted,
        coalesce(opportunities_monthly.won_sales_accepted, 0) as won_sales_accepted,
        coalesce(opportunities_monthly.won_arr, 0) as won_arr,
        coalesce(costs_monthly.program_cost, 0) as program_cost,
        cohort_lift.usage_lift_treated_enrollments,
        cohort_lift.usage_lift_holdout_enrollments,
        cohort_lift.treated_usage_per_seat_change,
        cohort_lift.holdout_usage_per_seat_change,
        cohort_lift.usage_per_seat_change_lift,
        cohort_lift.usage_per_seat_change_lift_ci95_lower,
        cohort_lift.usage_per_seat_change_lift_ci95_upper,
        cohort_lift.treated_renewals,
        cohort_lift.treated_renewals_due,
        cohort_lift.treated_renewal_rate,
        cohort_lift.holdout_renewals,
        cohort_lift.holdout_renewals_due,
        cohort_lift.holdout_renewal_rate,
        cohort_lift.renewal_rate_lift,
        cohort_lift.renewal_rate_lift_ci95_lower,
        cohort_lift.renewal_rate_lift_ci95_upper,
        cohort_lift.treated_retained_logos,
        cohort_lift.treated_starting_logos,
        cohort_lift.treated_logo_retention,
        cohort_lift.holdout_retained_logos,
        cohort_lift.holdout_starting_logos,
        cohort_lift.holdout_logo_retention,
        cohort_lift.logo_retention_lift,
        cohort_lift.logo_retention_lift_ci95_lower,
        cohort_lift.logo_retention_lift_ci95_upper
    from spine
    inner join programs
        on spine.program_id = programs.program_id
    left join enrollments_monthly
        on
            spine.program_id = enrollments_monthly.program_id
            and spine.month_start = enrollments_monthly.month_start
    left join sends_monthly
        on
            spine.program_id = sends_monthly.program_id
            and spine.month_start = sends_monthly.month_start
    left join opportunities_monthly
        on
            spine.program_id = opportunities_monthly.program_id
            and spine.month_start = opportunities_monthly.month_start
    left join costs_monthly
        on
            spine.program_id = costs_monthly.program_id
            and spine.month_start = costs_monthly.month_start
    left join cohort_lift
        on
            spine.program_id = cohort_lift.program_id
            and spine.month_start = cohort_lift.month_start
),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key(['program_id', 'month_start']) }} as program_month_key,
        program_id,

        -- dates
        month_start,

        -- strings
        program_name,
        program_type,
        trigger_type,
        goal_metric,

        -- activity
        cast(enrollments as bigint) as enrollments,
        cast(enrolled_accounts as bigint) as enrolled_accounts,
        cast(treated_accounts as bigint) as treated_accounts,
        cast(holdout_accounts as bigint) as holdout_accounts,
        cast(sends as bigint) as sends,
        cast(accounts_sent_to as bigint) as accounts_sent_to,

        -- response
        cast(deliveries as bigint) as deliveries,
        cast(bounces as bigint) as bounces,
        cast(case when sends > 0 then 1.0 * bounces / sends end as decimal(18, 6)) as bounce_rate,
        cast(accounts_reached as bigint) as accounts_reached,
        cast(unique_opens as bigint) as unique_opens,
        cast(total_opens as bigint) as total_opens,
        cast(case when deliveries > 0 then 1.0 * unique_opens / deliveries end as decimal(18, 6)) as open_rate,
        cast(machine_opened_sends as bigint) as machine_opened_sends,
        cast(
            case when deliveries > 0 then 1.0 * machine_opened_sends / deliveries end as decimal(18, 6)
        ) as machine_open_rate,
        cast(unique_clicks as bigint) as unique_clicks,
        cast(total_clicks as bigint) as total_clicks,
        cast(case when deliveries > 0 then 1.0 * unique_clicks / deliveries end as decimal(18, 6)) as click_rate,
        cast(
            case when unique_opens > 0 then 1.0 * unique_clicks / unique_opens end as decimal(18, 6)
        ) as click_to_open_rate,
        cast(unsubscribes as bigint) as unsubscribes,
        cast(
            case when deliveries > 0 then 1.0 * unsubscribes / deliveries end as decimal(18, 6)
        ) as unsubscribe_rate,
        cast(spam_reports as bigint) as spam_reports,
        cast(
            case when deliveries > 0 then 1.0 * spam_reports / deliveries end as decimal(18, 6)
        ) as spam_report_rate,

        -- leading: reconversion
        cast(reconversion_eligible_sends as bigint) as reconversion_eligible_sends,
        cast(reconversions as bigint) as reconversions,
        cast(sends_not_in_reconversion_state as bigint) as sends_not_in_reconversion_state,
        cast(
            cast(
                case
                    when reconversion_eligible_sends > 0 then 1.0 * reconversions / reconversion_eligible_sends
                end as decimal(28, 9)
            ) as decimal(18, 6)
        ) as reconversion_rate,

        -- efficiency and value
        cast(csqls as bigint) as csqls,
        cast(sales_accepted as bigint) as sales_accepted,
        cast(case when csqls > 0 then 1.0 * sales_accepted / csqls end as decimal(18, 6)) as sales_acceptance_rate,
        {{ cs_analytics.to_decimal('csql_pipeline_arr', 18, 2) }} as csql_pipeline_arr,
        cast(csqls_after_a_send as bigint) as csqls_after_a_send,
        {{ cs_analytics.to_decimal('median_days_send_to_opportunity', 18, 2) }} as median_days_send_to_opportunity,
        cast(closed_csqls as bigint) as closed_csqls,
        cast(won_csqls as bigint) as won_csqls,
        cast(case when closed_csqls > 0 then 1.0 * won_csqls / closed_csqls end as decimal(18, 6)) as close_rate,
        cast(closed_sales_accepted as bigint) as closed_sales_accepted,
        cast(won_sales_accepted as bigint) as won_sales_accepted,
        cast(
            case when closed_sales_accepted > 0 then 1.0 * won_sales_accepted / closed_sales_accepted end
            as decimal(18, 6)
        ) as sales_accepted_close_rate,
        {{ cs_analytics.to_decimal('won_arr', 18, 2) }} as won_arr,
        {{ cs_analytics.to_decimal('program_cost', 18, 2) }} as program_cost,
        {{ cs_analytics.to_decimal(
            'case when accounts_reached > 0 then program_cost / accounts_reached end', 18, 2
        ) }} as cost_per_account_reached,

        -- lift of this month's enrollment cohort: usage per seat change
        cast(usage_lift_treated_enrollments as bigint) as usage_lift_treated_enrollments,
        cast(usage_lift_holdout_enrollments as bigint) as usage_lift_holdout_enrollments,
        {{ cs_analytics.to_decimal('treated_usage_per_seat_change', 18, 6) }} as treated_usage_per_seat_change,
        {{ cs_analytics.to_decimal('holdout_usage_per_seat_change', 18, 6) }} as holdout_usage_per_seat_change,
        {{ cs_analytics.to_decimal('usage_per_seat_change_lift', 18, 6) }} as usage_per_seat_change_lift,
        {{ cs_analytics.to_decimal('usage_per_seat_change_lift_ci95_lower', 18, 6) }}
            as usage_per_seat_change_lift_ci95_lower,
        {{ cs_analytics.to_decimal('usage_per_seat_change_lift_ci95_upper', 18, 6) }}
            as usage_per_seat_change_lift_ci95_upper,

        -- lift of this month's enrollment cohort: renewal rate
        cast(treated_renewals as bigint) as treated_renewals,
        cast(treated_renewals_due as bigint) as treated_renewals_due,
        {{ cs_analytics.to_decimal('treated_renewal_rate', 18, 6) }} as treated_renewal_rate,
        cast(holdout_renewals as bigint) as holdout_renewals,
        cast(holdout_renewals_due as bigint) as holdout_renewals_due,
        {{ cs_analytics.to_decimal('holdout_renewal_rate', 18, 6) }} as holdout_renewal_rate,
        {{ cs_analytics.to_decimal('renewal_rate_lift', 18, 6) }} as renewal_rate_lift,
        {{ cs_analytics.to_decimal('renewal_rate_lift_ci95_lower', 18, 6) }} as renewal_rate_lift_ci95_lower,
        {{ cs_analytics.to_decimal('renewal_rate_lift_ci95_upper', 18, 6) }} as renewal_rate_lift_ci95_upper,

        -- lift of this month's enrollment cohort: logo retention
        cast(treated_retained_logos as bigint) as treated_retained_logos,
        cast(treated_starting_logos as bigint) as treated_starting_logos,
        {{ cs_analytics.to_decimal('treated_logo_retention', 18, 6) }} as treated_logo_retention,
        cast(holdout_retained_logos as bigint) as holdout_retained_logos,
        cast(holdout_starting_logos as bigint) as holdout_starting_logos,
        {{ cs_analytics.to_decimal('holdout_logo_retention', 18, 6) }} as holdout_logo_retention,
        {{ cs_analytics.to_decimal('logo_retention_lift', 18, 6) }} as logo_retention_lift,
        {{ cs_analytics.to_decimal('logo_retention_lift_ci95_lower', 18, 6) }} as logo_retention_lift_ci95_lower,
        {{ cs_analytics.to_decimal('logo_retention_lift_ci95_upper', 18, 6) }} as logo_retention_lift_ci95_upper

    from joined

)

select * from final
