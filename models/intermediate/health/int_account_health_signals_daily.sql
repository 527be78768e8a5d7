{#-
    The raw signals behind the health score, per account and customer day
    (every day with an active subscription line inside the observation
    window), before any scoring.

    How: the daily facts of every source, already reduced to one row per
    account, day and measure (`int_account_adoption_facts_daily`,
    `int_account_engagement_facts_daily`), are pivoted to one row per day,
    joined once to the day spine (`int_account_customer_days`), and the
    trailing figures are window functions over each account's days: `range`
    frames over `day_index` for the trailing 28, 56 and 90 day windows,
    running totals for states (features in use, champions present). No
    per-day correlated subquery and no join per component.

    The spine includes the gap days between two customer episodes, so
    running totals carry across a gap; gap days are removed at the end.
-#}

{%- set lookback = 90 %}
{%- set survey_lookback = var('health_survey_lookback_days', 365) | int %}
{%- set champion_left_days = var('health_champion_left_days', 180) | int %}
{%- set epoch = "cast('1970-01-01' as date)" %}
{#- The window frames, spelled out in each OVER (...): Snowflake has no named
    WINDOW clause (`window w as (...)`), explicit frames run everywhere. -#}
{%- set trailing_28 = 'partition by account_id order by day_index range between 27 preceding and current row' %}
{%- set previous_28 = 'partition by account_id order by day_index range between 55 preceding and 28 preceding' %}
{%- set trailing_90 = 'partition by account_id order by day_index range between '
    ~ (lookback - 1) ~ ' preceding and current row' %}
{%- set to_date = 'partition by account_id order by day_index rows between unbounded preceding and current row' %}

with days as (

    select * from {{ ref('int_account_customer_days') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

feature_milestones as (

    select * from {{ cs_analytics.reference_table('feature_milestones') }}

),

adoption_facts as (

    select * from {{ ref('int_account_adoption_facts_daily') }}

),

engagement_facts as (

    select * from {{ ref('int_account_engagement_facts_daily') }}

),

feature_catalog as (

    select count(distinct feature_key) as features_available
    from feature_milestones

),

stacked_facts as (

    select * from adoption_facts
    union all
    select * from engagement_facts

),

daily_facts as (

    select
        account_id,
        date_day,
        {%- for measure in ['active_users', 'feature_change', 'milestones_measured_change', 'milestones_on_time_change',
                            'cs_touchpoints', 'digital_touches', 'positive_activities', 'neutral_activities',
                            'negative_activities', 'tickets', 'escalations', 'tickets_first_responded',
                            'first_response_seconds', 'champion_change', 'exec_sponsor_change'] %}
            sum(case when measure = '{{ measure }}' then measure_value else 0 end) as {{ measure }},
        {%- endfor %}
        max(case when measure = 'nps_score' then measure_value end) as nps_score,
        max(case when measure = 'nps_score' then measure_date end) as nps_date,
        max(case when measure = 'csat_score' then measure_value end) as csat_score,
        max(case when measure = 'csat_score' then measure_date end) as csat_date,
        max(case when measure = 'champion_change' then measure_date end) as champion_left_date
    from stacked_facts
    group by account_id, date_day

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
        coalesce(daily_facts.tickets_first_responded, 0) as tickets_first_responded,
        coalesce(daily_facts.first_response_seconds, 0) as first_response_seconds,
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

        sum(seat_active_users) over ({{ trailing_28 }}) as active_user_days_28d,
        sum(seats) over ({{ trailing_28 }}) as seat_days_28d,
        sum(seat_active_users) over ({{ previous_28 }}) as active_user_days_previous_28d,
        sum(seats) over ({{ previous_28 }}) as seat_days_previous_28d,

        sum(feature_change) over ({{ to_date }}) as features_in_use,
        sum(milestones_measured_change) over ({{ to_date }}) as milestones_measured,
        sum(milestones_on_time_change) over ({{ to_date }}) as milestones_on_time,

        sum(cs_touchpoints) over ({{ trailing_90 }}) as cs_touchpoints_90d,
        sum(digital_touches) over ({{ trailing_90 }}) as digital_touches_90d,
        max(case when cs_touchpoints > 0 then day_index end) over ({{ to_date }}) as last_cs_touch_day_index,
        max(case when cs_touchpoints + digital_touches > 0 then day_index end)
            over ({{ to_date }}) as last_any_touch_day_index,
        sum(positive_activities) over ({{ trailing_90 }}) as positive_activities_90d,
        sum(neutral_activities) over ({{ trailing_90 }}) as neutral_activities_90d,
        sum(negative_activities) over ({{ trailing_90 }}) as negative_activities_90d,

        sum(tickets) over ({{ trailing_90 }}) as tickets_90d,
        sum(escalations) over ({{ trailing_90 }}) as escalations_90d,
        sum(tickets_first_responded) over ({{ trailing_90 }}) as tickets_first_responded_90d,
        sum(first_response_seconds) over ({{ trailing_90 }}) as first_response_seconds_90d,

        sum(champion_change) over ({{ to_date }}) as champions_present,
        sum(exec_sponsor_change) over ({{ to_date }}) as exec_sponsors_present,
        max(champion_left_date) over ({{ to_date }}) as last_champion_left_date,

        -- the latest survey so far, as one number: (days since 1970 of its date) x 100 + score. One fact
        -- per day at most and dates rise with the day, so the running max is the latest response.
        max(
            case
                when nps_score is not null
                    then
                        {{ dbt.datediff(epoch, 'nps_date', 'day') }}
                        * 100
                        + nps_score
            end
        ) over ({{ to_date }}) as latest_nps_code,
        max(
            case
                when csat_score is not null
                    then
                        {{ dbt.datediff(epoch, 'csat_date', 'day') }}
                        * 100
                        + csat_score
            end
        ) over ({{ to_date }}) as latest_csat_code

    from joined

),

-- decode the latest survey: score = code mod 100, its date = 1970-01-01 + code div 100 days
carried as (

    select
        *,
        latest_nps_code - 100 * floor(latest_nps_code / 100.0) as latest_nps_score,
        cast(floor(latest_nps_code / 100.0) as integer) as latest_nps_epoch_day,
        latest_csat_code - 100 * floor(latest_csat_code / 100.0) as latest_csat_score,
        cast(floor(latest_csat_code / 100.0) as integer) as latest_csat_epoch_day,
        {{ dbt.datediff(epoch, 'date_day', 'day') }}
            as epoch_day
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
        cast(carried.active_users as integer) as active_users,
        cast(carried.seats as integer) as seats,
        cast(carried.active_user_days_28d as integer) as active_user_days_28d,
        cast(carried.seat_days_28d as integer) as seat_days_28d,
        case
            when carried.seat_days_28d > 0
                then cast(carried.active_user_days_28d as {{ cs_analytics.type_double() }}) / carried.seat_days_28d
        end as utilisation_28d,
        cast(carried.active_user_days_previous_28d as integer) as active_user_days_previous_28d,
        cast(carried.seat_days_previous_28d as integer) as seat_days_previous_28d,
        case
            when carried.seat_days_previous_28d > 0
                then
                    cast(carried.active_user_days_previous_28d as {{ cs_analytics.type_double() }})
                    / carried.seat_days_previous_28d
        end as utilisation_previous_28d,
        cast(carried.features_in_use as integer) as features_in_use,
        cast(feature_catalog.features_available as integer) as features_available,
        cast(carried.milestones_measured as integer) as milestones_measured,
        cast(carried.milestones_on_time as integer) as milestones_on_time,
        cast(
            carried.cs_touchpoints_90d
            + case when accounts.coverage_model = 'one_to_many' then carried.digital_touches_90d else 0 end
            as integer
        ) as touchpoints_90d,
        cast(
            carried.day_index - case
                when accounts.coverage_model = 'one_to_many' then carried.last_any_touch_day_index
                else carried.last_cs_touch_day_index
            end as integer
        ) as days_since_last_touch,
        cast(carried.positive_activities_90d as integer) as positive_activities_90d,
        cast(carried.neutral_activities_90d as integer) as neutral_activities_90d,
        cast(carried.negative_activities_90d as integer) as negative_activities_90d,
        case
            when carried.latest_nps_epoch_day > carried.epoch_day - {{ survey_lookback }}
                then cast(carried.latest_nps_score as integer)
        end as latest_nps_score,
        case
            when carried.latest_csat_epoch_day > carried.epoch_day - {{ survey_lookback }}
                then cast(carried.latest_csat_score as integer)
        end as latest_csat_score,
        {%- if var('using_support_tickets', true) %}
            cast(carried.tickets_90d as integer) as tickets_90d,
            cast(carried.escalations_90d as integer) as escalations_90d,
            cast(carried.tickets_first_responded_90d as integer) as tickets_first_responded_90d,
            cast(carried.first_response_seconds_90d as {{ cs_analytics.type_double() }})
            / (3600 * nullif(carried.tickets_first_responded_90d, 0)) as avg_first_response_hours_90d,
        {%- else %}
            cast(null as {{ dbt.type_int() }}) as tickets_90d,
            cast(null as {{ dbt.type_int() }}) as escalations_90d,
            cast(null as {{ dbt.type_int() }}) as tickets_first_responded_90d,
            cast(null as {{ cs_analytics.type_double() }}) as avg_first_response_hours_90d,
        {%- endif %}

        -- booleans
        carried.champions_present > 0 as has_champion,
        carried.exec_sponsors_present > 0 as has_exec_sponsor,
        coalesce(
            carried.last_champion_left_date > {{ dbt.dateadd('day', -champion_left_days, 'carried.date_day') }},
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
