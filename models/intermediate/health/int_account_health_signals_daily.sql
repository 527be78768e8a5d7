{#-
    The raw signals behind the health score, per account and customer day
    (every day with an active subscription line inside the observation
    window), before any scoring.

    How: every source is first reduced to a few rows per account and day
    (usage, feature use starting / stopping, milestones, touches, sentiment,
    surveys, tickets, champion and sponsor arrivals and departures), the
    rows are stacked into one narrow table of daily facts, joined once to
    the day spine (`int_account_customer_days`), and the trailing figures
    are window functions over each account's days: `range` frames over
    `day_index` for the trailing 28 / 56 / `health_lookback_days` day
    windows, running totals for states (features in use, champions
    present). No per-day correlated subquery and no join per component.

    The spine includes the gap days between two customer episodes, so
    running totals carry across a gap; facts dated before an account's first
    spine day are moved to that day (they describe the state it starts in)
    and facts after its last day are dropped. Gap days are removed at the end.
-#}

{%- set lookback = var('health_lookback_days', 90) | int %}
{%- set survey_lookback = var('health_survey_lookback_days', 365) | int %}
{%- set champion_left_days = var('health_champion_left_days', 180) | int %}

with days as (

    select * from {{ ref('int_account_customer_days') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

usage as (

    select * from {{ ref('int_account_usage_daily') }}

),

feature_periods as (

    select * from {{ ref('int_account_feature_use_periods') }}

),

feature_milestones as (

    select * from {{ ref('feature_milestones') }}

),

milestones as (

    select * from {{ ref('int_csm_adoption_milestones') }}

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

account_bounds as (

    select
        account_id,
        min(date_day) as first_date,
        max(date_day) as last_date
    from days
    group by account_id

),

feature_catalog as (

    select count(distinct feature_key) as features_available
    from feature_milestones

),

usage_facts as (

    select
        account_id,
        usage_date as fact_date,
        active_users,
        0 as feature_change,
        0 as milestones_measured_change,
        0 as milestones_on_time_change,
        0 as cs_touchpoints,
        0 as digital_touches,
        0 as positive_activities,
        0 as neutral_activities,
        0 as negative_activities,
        cast(null as {{ dbt.type_int() }}) as nps_score,
        cast(null as {{ dbt.type_int() }}) as csat_score,
        cast(null as date) as survey_date,
        0 as tickets,
        0 as escalations,
        0 as champion_change,
        0 as exec_sponsor_change,
        cast(null as date) as champion_left_date
    from usage

),

feature_facts as (

    select
        feature_periods.account_id,
        feature_periods.first_used_date as fact_date,
        0 as active_users,
        1 as feature_change
    from feature_periods
    where feature_periods.feature_key in (select feature_milestones.feature_key from feature_milestones)

    union all

    select
        feature_periods.account_id,
        feature_periods.in_use_until as fact_date,
        0 as active_users,
        -1 as feature_change
    from feature_periods
    where feature_periods.feature_key in (select feature_milestones.feature_key from feature_milestones)

),

-- a milestone is measured from the day it is reached or falls due, whichever comes first
milestone_facts as (

    select
        account_id,
        case
            when reached_date is not null and reached_date < due_date then reached_date
            else due_date
        end as fact_date,
        1 as milestones_measured_change,
        0 as milestones_on_time_change
    from milestones

    union all

    select
        account_id,
        reached_date as fact_date,
        0 as milestones_measured_change,
        1 as milestones_on_time_change
    from milestones
    where is_reached_on_time

),

activity_facts as (

    select
        account_id,
        activity_date as fact_date,
        case when is_touchpoint then 1 else 0 end as cs_touchpoints,
        case when sentiment = 'positive' then 1 else 0 end as positive_activities,
        case when sentiment = 'neutral' then 1 else 0 end as neutral_activities,
        case when sentiment = 'negative' then 1 else 0 end as negative_activities
    from activities

),

email_facts as (

    select
        account_id,
        cast(sent_at as date) as fact_date,
        1 as digital_touches
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
                    when cast(survey_responses.responded_at as date) < account_bounds.first_date
                        then account_bounds.first_date
                    else cast(survey_responses.responded_at as date)
                end
            order by survey_responses.responded_at desc, survey_responses.response_id desc
        ) as response_rank
    from survey_responses
    inner join account_bounds
        on survey_responses.account_id = account_bounds.account_id
    where
        survey_responses.survey_type in ('nps', 'csat')
        and survey_responses.score is not null
        and survey_responses.responded_at is not null

),

survey_facts as (

    select
        account_id,
        survey_date as fact_date,
        case when survey_type = 'nps' then score end as nps_score,
        case when survey_type = 'csat' then score end as csat_score,
        survey_date
    from surveys_ranked
    where response_rank = 1

),

ticket_facts as (

    {%- if var('using_support_tickets', true) %}
    select
        account_id,
        cast(created_at as date) as fact_date,
        1 as tickets,
        case when is_escalated then 1 else 0 end as escalations
    from tickets
    where created_at is not null
    {%- else %}
    select
        cast(null as {{ dbt.type_string() }}) as account_id,
        cast(null as date) as fact_date,
        0 as tickets,
        0 as escalations
    from feature_catalog
    where 1 = 0
    {%- endif %}

),

relationship_facts as (

    select
        account_id,
        coalesce(cast(created_at as date), cast('1900-01-01' as date)) as fact_date,
        case when is_champion then 1 else 0 end as champion_change,
        case when is_exec_sponsor then 1 else 0 end as exec_sponsor_change,
        cast(null as date) as champion_left_date
    from contacts
    where is_champion or is_exec_sponsor

    union all

    select
        account_id,
        cast(left_at as date) as fact_date,
        case when is_champion then -1 else 0 end as champion_change,
        case when is_exec_sponsor then -1 else 0 end as exec_sponsor_change,
        case when is_champion then cast(left_at as date) end as champion_left_date
    from contacts
    where
        (is_champion or is_exec_sponsor)
        and left_at is not null
        and (created_at is null or left_at >= created_at)

),

stacked_facts as (

    select
        account_id, fact_date, active_users, feature_change, milestones_measured_change, milestones_on_time_change,
        cs_touchpoints, digital_touches, positive_activities, neutral_activities, negative_activities,
        nps_score, csat_score, survey_date, tickets, escalations, champion_change, exec_sponsor_change,
        champion_left_date
    from usage_facts

    union all

    select
        account_id, fact_date, active_users, feature_change, 0, 0,
        0, 0, 0, 0, 0,
        null, null, null, 0, 0, 0, 0,
        null
    from feature_facts

    union all

    select
        account_id, fact_date, 0, 0, milestones_measured_change, milestones_on_time_change,
        0, 0, 0, 0, 0,
        null, null, null, 0, 0, 0, 0,
        null
    from milestone_facts

    union all

    select
        account_id, fact_date, 0, 0, 0, 0,
        cs_touchpoints, 0, positive_activities, neutral_activities, negative_activities,
        null, null, null, 0, 0, 0, 0,
        null
    from activity_facts

    union all

    select
        account_id, fact_date, 0, 0, 0, 0,
        0, digital_touches, 0, 0, 0,
        null, null, null, 0, 0, 0, 0,
        null
    from email_facts

    union all

    select
        account_id, fact_date, 0, 0, 0, 0,
        0, 0, 0, 0, 0,
        nps_score, csat_score, survey_date, 0, 0, 0, 0,
        null
    from survey_facts

    union all

    select
        account_id, fact_date, 0, 0, 0, 0,
        0, 0, 0, 0, 0,
        null, null, null, tickets, escalations, 0, 0,
        null
    from ticket_facts

    union all

    select
        account_id, fact_date, 0, 0, 0, 0,
        0, 0, 0, 0, 0,
        null, null, null, 0, 0, champion_change, exec_sponsor_change,
        champion_left_date
    from relationship_facts

),

daily_facts as (

    select
        stacked_facts.account_id,
        case
            when stacked_facts.fact_date < account_bounds.first_date then account_bounds.first_date
            else stacked_facts.fact_date
        end as date_day,
        sum(stacked_facts.active_users) as active_users,
        sum(stacked_facts.feature_change) as feature_change,
        sum(stacked_facts.milestones_measured_change) as milestones_measured_change,
        sum(stacked_facts.milestones_on_time_change) as milestones_on_time_change,
        sum(stacked_facts.cs_touchpoints) as cs_touchpoints,
        sum(stacked_facts.digital_touches) as digital_touches,
        sum(stacked_facts.positive_activities) as positive_activities,
        sum(stacked_facts.neutral_activities) as neutral_activities,
        sum(stacked_facts.negative_activities) as negative_activities,
        max(stacked_facts.nps_score) as nps_score,
        max(case when stacked_facts.nps_score is not null then stacked_facts.survey_date end) as nps_date,
        max(stacked_facts.csat_score) as csat_score,
        max(case when stacked_facts.csat_score is not null then stacked_facts.survey_date end) as csat_date,
        sum(stacked_facts.tickets) as tickets,
        sum(stacked_facts.escalations) as escalations,
        sum(stacked_facts.champion_change) as champion_change,
        sum(stacked_facts.exec_sponsor_change) as exec_sponsor_change,
        max(stacked_facts.champion_left_date) as champion_left_date
    from stacked_facts
    inner join account_bounds
        on stacked_facts.account_id = account_bounds.account_id
    where
        stacked_facts.fact_date is not null
        and stacked_facts.fact_date <= account_bounds.last_date
    group by
        stacked_facts.account_id,
        case
            when stacked_facts.fact_date < account_bounds.first_date then account_bounds.first_date
            else stacked_facts.fact_date
        end

),

joined as (

    select
        days.account_id,
        days.date_day,
        days.day_index,
        days.is_customer_day,
        days.seats,
        case when days.seats is not null then coalesce(daily_facts.active_users, 0) end as seat_active_users,
        coalesce(daily_facts.active_users, 0) as active_users,
        coalesce(daily_facts.feature_change, 0) as feature_change,
        coalesce(daily_facts.milestones_measured_change, 0) as milestones_measured_change,
        coalesce(daily_facts.milestones_on_time_change, 0) as milestones_on_time_change,
        coalesce(daily_facts.cs_touchpoints, 0) as cs_touchpoints,
        coalesce(daily_facts.digital_touches, 0) as digital_touches,
        coalesce(daily_facts.positive_activities, 0) as positive_activities,
        coalesce(daily_facts.neutral_activities, 0) as neutral_activities,
        coalesce(daily_facts.negative_activities, 0) as negative_activities,
        daily_facts.nps_score,
        daily_facts.nps_date,
        daily_facts.csat_score,
        daily_facts.csat_date,
        coalesce(daily_facts.tickets, 0) as tickets,
        coalesce(daily_facts.escalations, 0) as escalations,
        coalesce(daily_facts.champion_change, 0) as champion_change,
        coalesce(daily_facts.exec_sponsor_change, 0) as exec_sponsor_change,
        daily_facts.champion_left_date
    from days
    left join daily_facts
        on
            days.account_id = daily_facts.account_id
            and days.date_day = daily_facts.date_day

),

windowed as (

    select
        account_id,
        date_day,
        day_index,
        is_customer_day,
        seats,
        active_users,
        nps_score,
        nps_date,
        csat_score,
        csat_date,

        sum(seat_active_users) over trailing_28 as active_user_days_28d,
        sum(seats) over trailing_28 as seat_days_28d,
        sum(seat_active_users) over previous_28 as active_user_days_previous_28d,
        sum(seats) over previous_28 as seat_days_previous_28d,

        sum(feature_change) over to_date as features_in_use,
        sum(milestones_measured_change) over to_date as milestones_measured,
        sum(milestones_on_time_change) over to_date as milestones_on_time,

        sum(cs_touchpoints) over trailing_lookback as cs_touchpoints_lookback,
        sum(digital_touches) over trailing_lookback as digital_touches_lookback,
        max(case when cs_touchpoints > 0 then day_index end) over to_date as last_cs_touch_day_index,
        max(case when cs_touchpoints + digital_touches > 0 then day_index end) over to_date as last_any_touch_day_index,
        sum(positive_activities) over trailing_lookback as positive_activities_lookback,
        sum(neutral_activities) over trailing_lookback as neutral_activities_lookback,
        sum(negative_activities) over trailing_lookback as negative_activities_lookback,

        sum(tickets) over trailing_lookback as tickets_lookback,
        sum(escalations) over trailing_lookback as escalations_lookback,

        sum(champion_change) over to_date as champions_present,
        sum(exec_sponsor_change) over to_date as exec_sponsors_present,
        max(champion_left_date) over to_date as last_champion_left_date,

        count(nps_score) over to_date as nps_group,
        count(csat_score) over to_date as csat_group

    from joined
    window
        trailing_28 as (partition by account_id order by day_index range between 27 preceding and current row),
        previous_28 as (partition by account_id order by day_index range between 55 preceding and 28 preceding),
        trailing_lookback as (
            partition by account_id order by day_index range between {{ lookback - 1 }} preceding and current row
        ),
        to_date as (partition by account_id order by day_index rows between unbounded preceding and current row)

),

-- carry the latest survey forward: the running count of responses numbers the stretch each one covers
carried as (

    select
        windowed.*,
        max(nps_score) over (partition by account_id, nps_group) as latest_nps_score,
        max(nps_date) over (partition by account_id, nps_group) as latest_nps_date,
        max(csat_score) over (partition by account_id, csat_group) as latest_csat_score,
        max(csat_date) over (partition by account_id, csat_group) as latest_csat_date
    from windowed

),

final as (

    select
        -- ids
        carried.account_id,

        -- strings
        accounts.coverage_model,
        accounts.segment,

        -- numerics
        carried.day_index,
        carried.active_users,
        carried.seats,
        carried.active_user_days_28d,
        carried.seat_days_28d,
        case
            when carried.seat_days_28d > 0
                then cast(carried.active_user_days_28d as {{ cs_analytics.type_double() }}) / carried.seat_days_28d
        end as utilisation_28d,
        carried.active_user_days_previous_28d,
        carried.seat_days_previous_28d,
        case
            when carried.seat_days_previous_28d > 0
                then cast(carried.active_user_days_previous_28d as {{ cs_analytics.type_double() }})
                / carried.seat_days_previous_28d
        end as utilisation_previous_28d,
        carried.features_in_use,
        feature_catalog.features_available,
        carried.milestones_measured,
        carried.milestones_on_time,
        carried.cs_touchpoints_lookback
        + case when accounts.coverage_model = 'one_to_many' then carried.digital_touches_lookback else 0 end
            as touchpoints_90d,
        carried.day_index - case
            when accounts.coverage_model = 'one_to_many' then carried.last_any_touch_day_index
            else carried.last_cs_touch_day_index
        end as days_since_last_touch,
        carried.positive_activities_lookback as positive_activities_90d,
        carried.neutral_activities_lookback as neutral_activities_90d,
        carried.negative_activities_lookback as negative_activities_90d,
        case
            when {{ dbt.datediff('carried.latest_nps_date', 'carried.date_day', 'day') }} < {{ survey_lookback }}
                then carried.latest_nps_score
        end as latest_nps_score,
        case
            when {{ dbt.datediff('carried.latest_csat_date', 'carried.date_day', 'day') }} < {{ survey_lookback }}
                then carried.latest_csat_score
        end as latest_csat_score,
        {%- if var('using_support_tickets', true) %}
        carried.tickets_lookback as tickets_90d,
        carried.escalations_lookback as escalations_90d,
        {%- else %}
        cast(null as {{ dbt.type_int() }}) as tickets_90d,
        cast(null as {{ dbt.type_int() }}) as escalations_90d,
        {%- endif %}

        -- booleans
        carried.champions_present > 0 as has_champion,
        carried.exec_sponsors_present > 0 as has_exec_sponsor,
        coalesce(
            {{ dbt.datediff('carried.last_champion_left_date', 'carried.date_day', 'day') }} < {{ champion_left_days }},
            false
        ) as has_champion_left_recently,
        carried.day_index >= {{ lookback - 1 }} as is_lookback_complete,

        -- dates
        carried.date_day

    from carried
    inner join accounts
        on carried.account_id = accounts.account_id
    cross join feature_catalog
    where carried.is_customer_day

)

select * from final
