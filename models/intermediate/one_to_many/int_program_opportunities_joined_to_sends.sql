{#-
    Opportunities the CRM tags as sourced by a 1:many program
    (source_program_id): the CSQLs of tech-touch outreach (expansion
    interest, referrals the program surfaced). Each is joined to the last
    email of that program to that account sent at or before the
    opportunity was created, for the time from send to opportunity. An
    opportunity without such a send keeps its program tag (the CRM is the
    record of sourcing) with an empty send.
-#}

with opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

),

sends as (

    select * from {{ ref('int_email_events_aggregated_to_sends') }}

),

program_opportunities as (

    select *
    from opportunities
    where source_program_id is not null

),

prior_sends as (

    select
        program_opportunities.opportunity_id,
        sends.send_id,
        sends.sent_at,
        row_number() over (
            partition by program_opportunities.opportunity_id
            order by sends.sent_at desc, sends.send_id desc
        ) as recency_rank
    from program_opportunities
    inner join sends
        on
            program_opportunities.account_id = sends.account_id
            and program_opportunities.source_program_id = sends.program_id
            and program_opportunities.created_at >= sends.sent_at

),

final as (

    select
        -- ids
        program_opportunities.opportunity_id,
        program_opportunities.source_program_id as program_id,
        program_opportunities.account_id,
        prior_sends.send_id as last_send_id,

        -- strings
        program_opportunities.opportunity_type,
        program_opportunities.lead_source,

        -- numerics
        program_opportunities.amount_arr,
        case when program_opportunities.is_won then program_opportunities.amount_arr else 0 end as won_arr,
        {{ dbt.datediff(
            'prior_sends.sent_at',
            'program_opportunities.created_at',
            'second'
        ) }} / 86400.0 as days_from_send_to_opportunity,

        -- booleans
        coalesce(program_opportunities.is_sales_accepted, false) as is_sales_accepted,
        coalesce(program_opportunities.is_closed, false) as is_closed,
        coalesce(program_opportunities.is_won, false) as is_won,

        -- dates
        cast({{ dbt.date_trunc('month', 'program_opportunities.created_at') }} as date) as created_month,
        cast({{ dbt.date_trunc('month', 'program_opportunities.closed_at') }} as date) as closed_month,

        -- timestamps
        prior_sends.sent_at as last_sent_at,
        program_opportunities.created_at,
        program_opportunities.closed_at

    from program_opportunities
    left join prior_sends
        on
            program_opportunities.opportunity_id = prior_sends.opportunity_id
            and prior_sends.recency_rank = 1

)

select * from final
