{#-
    How fast each CS user answered the customers of their book, per month
    the request came in (int_inbound_events_paired_to_responses: the owner
    of the account when the request arrived). Inbound requests (inbound
    timeline activities) and how many got a reply; support tickets and how
    many the owner followed up; the median hours to reply (tickets included
    when var `response_hours_include_tickets` is true) and to follow up a
    ticket. One row per user and month with a request or a ticket.
-#}

with responses as (

    select * from {{ ref('int_inbound_events_paired_to_responses') }}

),

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

final as (

    select
        -- ids
        responses_monthly.csm_user_id,

        -- dates
        responses_monthly.month_start,

        -- numerics
        responses_monthly.inbound_requests,
        responses_monthly.responded_requests,
        response_medians.median_response_hours,
        responses_monthly.support_tickets,
        responses_monthly.followed_up_tickets,
        ticket_medians.median_ticket_follow_up_hours

    from responses_monthly
    left join response_medians
        on
            responses_monthly.csm_user_id = response_medians.csm_user_id
            and responses_monthly.month_start = response_medians.month_start
    left join ticket_medians
        on
            responses_monthly.csm_user_id = ticket_medians.csm_user_id
            and responses_monthly.month_start = ticket_medians.month_start

)

select * from final
