{#-
    The 1:many programs reaching each coverage model (tier) per month, and
    what they cost it: sends, behavioural-trigger sends, deliveries, the
    programs active and the accounts reached, plus each program's monthly
    cost split over the tiers by their share of the accounts it reached
    (delivered sends) that month. The tier is the account's current CRM
    coverage model (`unknown` when none). Rolled up into
    fct_one_to_many_monthly.
-#}

with accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

sends as (

    select * from {{ ref('int_email_events_aggregated_to_sends') }}

),

programs as (

    select * from {{ ref('stg_digital__programs') }}

),

program_costs as (

    select * from {{ ref('stg_digital__program_costs') }}

),

account_tiers as (

    select
        account_id,
        coalesce(coverage_model, 'unknown') as coverage_model
    from accounts

),

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

final as (

    select
        -- strings
        sends_monthly.coverage_model,

        -- dates
        sends_monthly.month_start,

        -- numerics
        sends_monthly.sends,
        sends_monthly.behavioral_trigger_sends,
        sends_monthly.deliveries,
        sends_monthly.active_programs,
        sends_monthly.behavioral_programs,
        sends_monthly.accounts_reached,
        cast(
            coalesce(program_cost_allocated.program_cost_allocated, 0) as {{ cs_analytics.type_double() }}
        ) as program_cost_allocated

    from sends_monthly
    left join program_cost_allocated
        on
            sends_monthly.coverage_model = program_cost_allocated.coverage_model
            and sends_monthly.month_start = program_cost_allocated.month_start

)

select * from final
