{#-
    One row per inbound customer request (an inbound activity on the CS
    timeline, or a support ticket when tickets are enabled) with the owner's
    response. The response-grain fact behind `median_response_hours`: a median
    cannot be re-aggregated from monthly medians, so the semantic layer takes
    it over these rows for any grouping (CSM, team, segment, month).
-#}

with responses as (

    select * from {{ ref('int_inbound_events_paired_to_responses') }}

),

final as (

    select
        -- ids
        inbound_event_key,
        inbound_event_id,
        account_id,
        owner_user_id as csm_user_id,

        -- strings
        inbound_source,

        -- numerics
        {{ cs_analytics.to_decimal('response_hours', 18, 4) }} as response_hours,

        -- booleans
        is_responded,
        (
            is_responded
            and owner_user_id is not null
            and (
                inbound_source = 'activity'
                {%- if var('response_hours_include_tickets', false) %}
                or inbound_source = 'ticket'
                {%- endif %}
            )
        ) as is_in_response_time,

        -- dates
        inbound_month as month_start,

        -- timestamps
        inbound_at,
        responded_at

    from responses

)

select * from final
