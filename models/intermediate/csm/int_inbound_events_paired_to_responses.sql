{#-
    Response time: every inbound customer request (an inbound activity on the
    CS timeline{{ ', or a support ticket' if var('using_support_tickets', true) }}) paired with the account
    owner's next outbound activity on that account. The owner is the CSM who
    owned the account on the day of the request. An outbound activity logged
    at the very same timestamp does not count as the answer (it cannot have
    been a reply). Requests not yet answered keep a null response.
-#}

with activities as (

    select * from {{ ref('int_activities_classified') }}

),

assignments as (

    select * from {{ ref('int_account_csm_assignments') }}

),

{% if var('using_support_tickets', true) -%}
    tickets as (

        select * from {{ ref('stg_support__tickets') }}

    ),
{%- endif %}

inbound as (

    select
        'activity' as inbound_source,
        activity_id as inbound_event_id,
        account_id,
        occurred_at as inbound_at
    from activities
    where is_inbound and account_id is not null

    {%- if var('using_support_tickets', true) %}

        union all

        select
            'ticket' as inbound_source,
            ticket_id as inbound_event_id,
            account_id,
            created_at as inbound_at
        from tickets
        where account_id is not null and created_at is not null
    {%- endif %}

),

inbound_owned as (

    select
        inbound.inbound_source,
        inbound.inbound_event_id,
        inbound.account_id,
        inbound.inbound_at,
        assignments.csm_user_id as owner_user_id
    from inbound
    left join assignments
        on
            inbound.account_id = assignments.account_id
            and assignments.valid_from <= cast(inbound.inbound_at as date)
            and (assignments.valid_to is null or assignments.valid_to > cast(inbound.inbound_at as date))

),

event_stream as (

    select
        inbound_source,
        inbound_event_id,
        account_id,
        owner_user_id as responder_user_id,
        inbound_at as event_at,
        1 as sort_order,
        cast(null as {{ dbt.type_timestamp() }}) as outbound_at
    from inbound_owned
    where owner_user_id is not null

    union all

    select
        cast(null as {{ dbt.type_string() }}) as inbound_source,
        cast(null as {{ dbt.type_string() }}) as inbound_event_id,
        account_id,
        user_id as responder_user_id,
        occurred_at as event_at,
        0 as sort_order,
        occurred_at as outbound_at
    from activities
    where is_outbound and account_id is not null and user_id is not null

),

next_outbound as (

    select
        inbound_source,
        inbound_event_id,
        min(outbound_at) over (
            partition by account_id, responder_user_id
            order by event_at, sort_order
            rows between 1 following and unbounded following
        ) as responded_at
    from event_stream

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key(['inbound_owned.inbound_source', 'inbound_owned.inbound_event_id']) }}
            as inbound_event_key,
        inbound_owned.inbound_event_id,
        inbound_owned.account_id,
        inbound_owned.owner_user_id,

        -- strings
        inbound_owned.inbound_source,

        -- numerics
        case
            when next_outbound.responded_at is not null
                then {{ dbt.datediff('inbound_owned.inbound_at', 'next_outbound.responded_at', 'second') }} / 3600.0  -- noqa: LT05
        end as response_hours,

        -- booleans
        next_outbound.responded_at is not null as is_responded,

        -- dates
        cast({{ dbt.date_trunc('month', 'inbound_owned.inbound_at') }} as date) as inbound_month,

        -- timestamps
        inbound_owned.inbound_at,
        next_outbound.responded_at

    from inbound_owned
    left join next_outbound
        on
            inbound_owned.inbound_source = next_outbound.inbound_source
            and inbound_owned.inbound_event_id = next_outbound.inbound_event_id

)

select * from final
