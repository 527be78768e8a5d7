{#-
    The support experience of each CS user's customers per month, beside the
    CSM's own response time (int_csm_responses_monthly). Support first
    response: the tickets of the book created in the month (the owner on the
    day the ticket was raised, as for the CSM's own response time) that
    support answered, and the hours from creation to support's first
    response (sum, average, median) of those answered. CSAT: scored CSAT answers in the month,
    credited to the rated user when the answer names one, else to the
    account's CSM on the day of the answer. One row per user and month with
    a ticket or a CSAT answer. Without support tickets
    (var `using_support_tickets: false`) the ticket figures are empty.
-#}

with assignments as (

    select * from {{ ref('int_account_csm_assignments') }}

),

surveys as (

    select * from {{ ref('int_survey_responses_bucketed') }}

),

{% if var('using_support_tickets', true) -%}
    tickets as (

        select * from {{ ref('stg_support__tickets') }}

    ),
{%- endif %}

-- a ticket answered before it was raised counts as a ticket, not as a response time (the macro's rule)
ticket_response_times as (

    {%- if var('using_support_tickets', true) %}
        select
            ticket_id,
            account_id,
            created_at,
            cast({{ cs_analytics.support_first_response_seconds() }} as {{ cs_analytics.type_double() }}) / 3600
                as first_response_hours
        from tickets
        where account_id is not null and created_at is not null
    {%- else %}
        select
            cast(null as {{ dbt.type_string() }}) as ticket_id,
            cast(null as {{ dbt.type_string() }}) as account_id,
            cast(null as {{ dbt.type_timestamp() }}) as created_at,
            cast(null as {{ cs_analytics.type_double() }}) as first_response_hours
        from assignments
        where 1 = 0
    {%- endif %}

),

tickets_owned as (

    select
        assignments.csm_user_id,
        ticket_response_times.first_response_hours,
        cast({{ dbt.date_trunc('month', 'ticket_response_times.created_at') }} as date) as month_start
    from ticket_response_times
    inner join assignments
        on
            ticket_response_times.account_id = assignments.account_id
            and assignments.valid_from <= cast(ticket_response_times.created_at as date)
            and (
                assignments.valid_to is null
                or assignments.valid_to > cast(ticket_response_times.created_at as date)
            )

),

first_response_monthly as (

    select
        csm_user_id,
        month_start,
        sum(case when first_response_hours is not null then 1 else 0 end) as tickets_first_responded,
        sum(first_response_hours) as first_response_hours_sum,
        {{ cs_analytics.median('first_response_hours') }} as median_first_response_hours
    from tickets_owned
    group by csm_user_id, month_start

),

csat_credited as (

    select
        coalesce(surveys.rated_user_id, assignments.csm_user_id) as csm_user_id,
        surveys.response_month as month_start,
        surveys.score
    from surveys
    left join assignments
        on
            surveys.account_id = assignments.account_id
            and assignments.valid_from <= cast(surveys.responded_at as date)
            and (assignments.valid_to is null or assignments.valid_to > cast(surveys.responded_at as date))
    where surveys.survey_type = 'csat' and surveys.score is not null

),

csat_monthly as (

    select
        csm_user_id,
        month_start,
        count(*) as csat_responses,
        sum(score) as csat_score_sum
    from csat_credited
    where csm_user_id is not null
    group by csm_user_id, month_start

),

user_months as (

    select
        csm_user_id,
        month_start
    from first_response_monthly
    union
    select
        csm_user_id,
        month_start
    from csat_monthly

),

final as (

    select
        -- ids
        user_months.csm_user_id,

        -- dates
        user_months.month_start,

        -- numerics
        first_response_monthly.tickets_first_responded,
        first_response_monthly.first_response_hours_sum,
        case
            when first_response_monthly.tickets_first_responded > 0
                then first_response_monthly.first_response_hours_sum / first_response_monthly.tickets_first_responded
        end as avg_first_response_hours,
        first_response_monthly.median_first_response_hours,
        coalesce(csat_monthly.csat_responses, 0) as csat_responses,
        csat_monthly.csat_score_sum,
        case
            when csat_monthly.csat_responses > 0
                then cast(csat_monthly.csat_score_sum as {{ cs_analytics.type_double() }}) / csat_monthly.csat_responses
        end as avg_csat_score

    from user_months
    left join first_response_monthly
        on
            user_months.csm_user_id = first_response_monthly.csm_user_id
            and user_months.month_start = first_response_monthly.month_start
    left join csat_monthly
        on
            user_months.csm_user_id = csat_monthly.csm_user_id
            and user_months.month_start = csat_monthly.month_start

)

select * from final
