{#-
    The engagement, sentiment, support and relationship facts behind the
    health score, one narrow row per account, day and measure (the day's
    total): CS touchpoints, program emails, activities by logged sentiment,
    the day's latest NPS and CSAT answer, support tickets and escalations,
    support's first responses (count and seconds, on the day of the response), and
    champions and executive sponsors arriving (+1) or leaving (-1).
    Trailing windows and running totals over the day spine in
    `int_account_health_signals_daily` turn them into the daily signals.

    Facts dated before the account's first spine day are moved to that day
    (they describe the state it starts in); facts after its last day are
    dropped. Of several survey answers landing on one day (after that move)
    the latest counts.
-#}

with bounds as (

    select * from {{ ref('int_account_customer_day_bounds') }}

),

activities as (

    select * from {{ ref('int_activities_classified') }}

),

email_sends as (

    select * from {{ ref('stg_digital__email_sends') }}

),

survey_responses as (

    select * from {{ ref('stg_surveys__survey_responses') }}

),

{%- if var('using_support_tickets', true) %}

    tickets as (

        select * from {{ ref('stg_support__tickets') }}

    ),
{%- endif %}

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

activity_facts as (

    select
        account_id,
        activity_date as fact_date,
        'cs_touchpoints' as measure,
        1 as measure_value,
        cast(null as date) as measure_date
    from activities
    where is_touchpoint

    union all

    select
        account_id,
        activity_date as fact_date,
        sentiment || '_activities' as measure,
        1 as measure_value,
        cast(null as date) as measure_date
    from activities
    where sentiment in ('positive', 'neutral', 'negative')

),

email_facts as (

    select
        account_id,
        cast(sent_at as date) as fact_date,
        'digital_touches' as measure,
        1 as measure_value,
        cast(null as date) as measure_date
    from email_sends
    where sent_at is not null

),

-- the latest NPS and CSAT response per account and day (after moving early ones to the first day)
surveys_ranked as (

    select
        survey_responses.account_id,
        survey_responses.survey_type,
        survey_responses.score,
        cast(survey_responses.responded_at as date) as survey_date,
        row_number() over (
            partition by
                survey_responses.account_id,
                survey_responses.survey_type,
                case
                    when cast(survey_responses.responded_at as date) < bounds.first_date
                        then bounds.first_date
                    else cast(survey_responses.responded_at as date)
                end
            order by survey_responses.responded_at desc, survey_responses.response_id desc
        ) as response_rank
    from survey_responses
    inner join bounds
        on survey_responses.account_id = bounds.account_id
    where
        survey_responses.survey_type in ('nps', 'csat')
        and survey_responses.score is not null
        and survey_responses.responded_at is not null

),

survey_facts as (

    select
        account_id,
        survey_date as fact_date,
        survey_type || '_score' as measure,
        score as measure_value,
        survey_date as measure_date
    from surveys_ranked
    where response_rank = 1

),

ticket_facts as (

    {%- if var('using_support_tickets', true) %}
        select
            account_id,
            cast(created_at as date) as fact_date,
            'tickets' as measure,
            1 as measure_value,
            cast(null as date) as measure_date
        from tickets
        where created_at is not null

        union all

        select
            account_id,
            cast(created_at as date) as fact_date,
            'escalations' as measure,
            1 as measure_value,
            cast(null as date) as measure_date
        from tickets
        where
            created_at is not null
            and is_escalated

        -- support's first response, dated on the day it was given (known then, not when the ticket was raised)
        union all

        select
            account_id,
            cast(first_response_at as date) as fact_date,
            'tickets_first_responded' as measure,
            1 as measure_value,
            cast(null as date) as measure_date
        from tickets
        where {{ cs_analytics.support_first_response_seconds() }} is not null

        union all

        select
            account_id,
            cast(first_response_at as date) as fact_date,
            'first_response_seconds' as measure,
            cast({{ cs_analytics.support_first_response_seconds() }} as {{ dbt.type_bigint() }}) as measure_value,
            cast(null as date) as measure_date
        from tickets
        where {{ cs_analytics.support_first_response_seconds() }} is not null
    {%- else %}
        select
            cast(null as {{ dbt.type_string() }}) as account_id,
            cast(null as date) as fact_date,
            'tickets' as measure,
            0 as measure_value,
            cast(null as date) as measure_date
        from bounds
        where 1 = 0
    {%- endif %}

),

-- champions and sponsors arrive (+1) and leave (-1); a contact without a join date counts from the start
relationship_facts as (

    select
        account_id,
        coalesce(cast(created_at as date), cast('1900-01-01' as date)) as fact_date,
        case when is_champion then 'champion_change' else 'exec_sponsor_change' end as measure,
        1 as measure_value,
        cast(null as date) as measure_date
    from contacts
    where is_champion or is_exec_sponsor

    union all

    select
        account_id,
        cast(left_at as date) as fact_date,
        case when is_champion then 'champion_change' else 'exec_sponsor_change' end as measure,
        -1 as measure_value,
        case when is_champion then cast(left_at as date) end as measure_date
    from contacts
    where
        (is_champion or is_exec_sponsor)
        and left_at is not null
        and (created_at is null or left_at >= created_at)

),

stacked_facts as (

    select * from activity_facts
    union all
    select * from email_facts
    union all
    select * from survey_facts
    union all
    select * from ticket_facts
    union all
    select * from relationship_facts

),

{{ cs_analytics.health_facts_by_day('stacked_facts', 'bounds') }}

select * from final
