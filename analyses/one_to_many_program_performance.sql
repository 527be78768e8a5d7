{#-
    Question (the person who runs 1:many outreach): how is our 1:many
    program performing?

    One row per program over the trailing twelve months ending with the
    as-of month, read the way marketing automation reads a campaign and
    then the way finance reads an investment:
      - activity: sends, accounts reached, behavioural vs scheduled trigger;
      - response: open rate (unique human opens / delivered; machine opens
        kept out), click rate, click-to-open, unsubscribe and bounce rates;
      - reconversion: share of eligible sends (delivered to an account in
        the goal's lapsed state) that came back within the reconversion
        window (fct_program_lift has it beside its comparison group);
      - value and efficiency: CSQLs, sales-accepted, won ARR, close rate,
        program cost, cost per account reached;
      - proof: lift over the holdout from fct_program_lift (all enrollments,
        not only the last twelve months) for usage per seat change, renewal
        rate and logo retention, with the 95% interval and group sizes, and
        a verdict: `proven lift` when an interval lies above zero, `hurts`
        when one lies below, `no detectable lift` when every interval spans
        zero, `too early or too small` when no interval can be computed yet
        (outcomes not measurable in both groups), `no holdout` when the
        program cannot be proven at all;
      - the book: the one_to_many tier's trailing-twelve-month GRR, NRR and
        logo retention, usage per seat and NPS against its targets and the
        cost per customer in the as-of month (fct_one_to_many_monthly),
        repeated on every row.
    Rates are re-aggregated from the stored numerators and denominators,
    never averaged. Reconversion is association; only the lift is causal.

    Run: dbt compile --select one_to_many_program_performance, then run the
    compiled SQL in target/compiled/cs_analytics/analyses/ against the
    warehouse.
-#}

with program_monthly as (

    select * from {{ ref('fct_program_monthly') }}

),

program_lift as (

    select * from {{ ref('fct_program_lift') }}

),

programs as (

    select * from {{ ref('dim_programs') }}

),

tier_monthly as (

    select * from {{ ref('fct_one_to_many_monthly') }}

),

as_of as (

    select max(month_start) as as_of_month
    from program_monthly

),

last_12_months as (

    select
        program_monthly.program_id,
        sum(program_monthly.sends) as sends,
        sum(program_monthly.deliveries) as deliveries,
        sum(program_monthly.bounces) as bounces,
        sum(program_monthly.accounts_reached) as account_months_reached,
        sum(program_monthly.unique_opens) as unique_opens,
        sum(program_monthly.machine_opened_sends) as machine_opened_sends,
        sum(program_monthly.unique_clicks) as unique_clicks,
        sum(program_monthly.unsubscribes) as unsubscribes,
        sum(program_monthly.reconversion_eligible_sends) as reconversion_eligible_sends,
        sum(program_monthly.reconversions) as reconversions,
        sum(program_monthly.csqls) as csqls,
        sum(program_monthly.sales_accepted) as sales_accepted,
        sum(program_monthly.closed_csqls) as closed_csqls,
        sum(program_monthly.won_csqls) as won_csqls,
        sum(program_monthly.closed_sales_accepted) as closed_sales_accepted,
        sum(program_monthly.won_sales_accepted) as won_sales_accepted,
        sum(program_monthly.won_arr) as won_arr,
        sum(program_monthly.program_cost) as program_cost
    from program_monthly
    cross join as_of
    where
        program_monthly.month_start > {{ dbt.dateadd('month', -12, 'as_of.as_of_month') }}
        and program_monthly.month_start <= as_of.as_of_month
    group by program_monthly.program_id

),

lift_wide as (

    select
        program_id,
        max(case when lift_metric = 'usage_per_seat_change' then treated_n end) as usage_treated_n,
        max(case when lift_metric = 'usage_per_seat_change' then holdout_n end) as usage_holdout_n,
        max(case when lift_metric = 'usage_per_seat_change' then lift end) as usage_per_seat_lift,
        max(case when lift_metric = 'usage_per_seat_change' then lift_ci95_lower end) as usage_lift_ci95_lower,
        max(case when lift_metric = 'usage_per_seat_change' then lift_ci95_upper end) as usage_lift_ci95_upper,
        max(case when lift_metric = 'renewal_rate' then holdout_n end) as renewal_holdout_n,
        max(case when lift_metric = 'renewal_rate' then lift end) as renewal_rate_lift,
        max(case when lift_metric = 'renewal_rate' then lift_ci95_lower end) as renewal_lift_ci95_lower,
        max(case when lift_metric = 'renewal_rate' then lift_ci95_upper end) as renewal_lift_ci95_upper,
        max(case when lift_metric = 'logo_retention' then holdout_n end) as logo_holdout_n,
        max(case when lift_metric = 'logo_retention' then lift end) as logo_retention_lift,
        max(case when lift_metric = 'logo_retention' then lift_ci95_lower end) as logo_lift_ci95_lower,
        max(case when lift_metric = 'logo_retention' then lift_ci95_upper end) as logo_lift_ci95_upper,
        max(case when has_holdout then 1 else 0 end) as has_holdout,
        max(case when lift_ci95_lower is not null then 1 else 0 end) as has_interval,
        max(case when lift_ci95_lower > 0 then 1 else 0 end) as has_positive_lift,
        max(case when lift_ci95_upper < 0 then 1 else 0 end) as has_negative_lift
    from program_lift
    group by program_id

),

book as (

    select
        tier_monthly.grr,
        tier_monthly.target_grr,
        tier_monthly.nrr,
        tier_monthly.target_nrr,
        tier_monthly.logo_retention,
        tier_monthly.target_logo_retention,
        tier_monthly.usage_per_seat,
        tier_monthly.target_usage_per_seat,
        tier_monthly.nps,
        tier_monthly.target_nps,
        tier_monthly.cost_per_customer
    from tier_monthly
    inner join as_of
        on tier_monthly.month_start = as_of.as_of_month
    where tier_monthly.coverage_model = 'one_to_many'

),

final as (

    select
        programs.program_id,
        programs.program_name,
        programs.trigger_type,
        programs.goal_metric,
        last_12_months.sends,
        last_12_months.account_months_reached,
        last_12_months.deliveries,
        round(1.0 * last_12_months.bounces / nullif(last_12_months.sends, 0), 4) as bounce_rate,
        round(1.0 * last_12_months.unique_opens / nullif(last_12_months.deliveries, 0), 4) as open_rate,
        round(1.0 * last_12_months.machine_opened_sends / nullif(last_12_months.deliveries, 0), 4) as machine_open_rate,
        round(1.0 * last_12_months.unique_clicks / nullif(last_12_months.deliveries, 0), 4) as click_rate,
        round(1.0 * last_12_months.unique_clicks / nullif(last_12_months.unique_opens, 0), 4) as click_to_open_rate,
        round(1.0 * last_12_months.unsubscribes / nullif(last_12_months.deliveries, 0), 4) as unsubscribe_rate,
        round(1.0 * last_12_months.reconversions / nullif(last_12_months.reconversion_eligible_sends, 0), 4)
            as reconversion_rate,
        last_12_months.csqls,
        last_12_months.sales_accepted,
        round(1.0 * last_12_months.won_csqls / nullif(last_12_months.closed_csqls, 0), 4) as close_rate,
        round(
            1.0 * last_12_months.won_sales_accepted / nullif(last_12_months.closed_sales_accepted, 0), 4
        ) as sales_accepted_close_rate,
        last_12_months.won_arr,
        last_12_months.program_cost,
        round(last_12_months.program_cost / nullif(last_12_months.account_months_reached, 0), 2)
            as cost_per_account_month_reached,
        lift_wide.usage_treated_n,
        lift_wide.usage_holdout_n,
        lift_wide.usage_per_seat_lift,
        lift_wide.usage_lift_ci95_lower,
        lift_wide.usage_lift_ci95_upper,
        lift_wide.renewal_holdout_n,
        lift_wide.renewal_rate_lift,
        lift_wide.renewal_lift_ci95_lower,
        lift_wide.renewal_lift_ci95_upper,
        lift_wide.logo_holdout_n,
        lift_wide.logo_retention_lift,
        lift_wide.logo_lift_ci95_lower,
        lift_wide.logo_lift_ci95_upper,
        case
            when coalesce(lift_wide.has_holdout, 0) = 0 then 'no holdout: cannot be proven, add one'
            when lift_wide.has_interval = 0 then 'too early or too small: no outcome measurable in both groups yet'
            when lift_wide.has_positive_lift = 1 and lift_wide.has_negative_lift = 1
                then 'mixed: lifts one outcome, hurts another'
            when lift_wide.has_positive_lift = 1 then 'proven lift'
            when lift_wide.has_negative_lift = 1 then 'hurts: an outcome falls against the holdout'
            else 'no detectable lift: every interval spans zero'
        end as verdict,
        book.grr as book_grr,
        book.target_grr as book_target_grr,
        book.nrr as book_nrr,
        book.target_nrr as book_target_nrr,
        book.logo_retention as book_logo_retention,
        book.target_logo_retention as book_target_logo_retention,
        book.usage_per_seat as book_usage_per_seat,
        book.target_usage_per_seat as book_target_usage_per_seat,
        book.nps as book_nps,
        book.target_nps as book_target_nps,
        book.cost_per_customer as book_cost_per_customer
    from programs
    left join last_12_months
        on programs.program_id = last_12_months.program_id
    left join lift_wide
        on programs.program_id = lift_wide.program_id
    left join book
        on 1 = 1

)

select * from final
order by verdict, program_id
