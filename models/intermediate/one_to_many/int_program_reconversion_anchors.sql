{#-
    Did the customer come back, soon after the email? One row per
    reconversion anchor of a 1:many program (int_program_anchors_unioned:
    sends, holdout enrollments, audience accounts not sent to that month).
    int_email_sends_joined_to_reconversions serves the send rows.

    Reconversion means coming back, so each goal (programs.goal_metric) has
    a lapsed or at-risk state judged on the anchor day from data through the
    day before (`reconversion_state`, `is_in_reconversion_state`); only
    delivered anchors in that state are eligible, and only they can
    reconvert. The goal behaviour is looked for within var
    `reconversion_window_days` (default 30) days after the anchor; days
    count from the anchor's calendar day (day 0):

    - timestamped behaviour (an opportunity, a survey response) counts from
      the moment of the send through day N: day 0 after sent_at is in, day N
      is in, day N + 1 is out;
    - daily behaviour (usage, a feature's first use, a subscription line's
      start, a month's MRR movement) counts on days 1 .. N: day 0 is out
      because a daily record cannot tell before from after the send.

    Lapsed states: int_program_anchor_states; evidence per goal:
    int_account_reconversion_evidence; usage comes back when its trailing
    average reaches the usage-drop threshold on a day 1 .. N.
    A window is complete once its day N is on or before the as-of date.
-#}

{{ config(materialized='table') }}

{%- set window_days = var('reconversion_window_days', 30) %}
{%- set trailing_days = var('usage_rule_trailing_days', 14) %}
{%- set threshold = var('usage_risk_threshold_per_seat', 0.30) %}

with sends_with_goal as (

    select
        anchor_id as send_id,
        anchor_type,
        program_id,
        account_id,
        step_number,
        anchor_at as sent_at,
        anchor_date as sent_date,
        was_delivered,
        goal_metric,
        reconversion_window_end_date
    from {{ ref('int_program_anchors_unioned') }}

),

evidence as (

    select * from {{ ref('int_account_reconversion_evidence') }}

),

states as (

    select
        anchor_id as send_id,
        reconversion_state,
        is_in_reconversion_state
    from {{ ref('int_program_anchor_states') }}

),

months as (

    select * from {{ ref('int_months') }}

),

usage_days as (

    select * from {{ ref('int_customer_days_joined_to_usage') }}

),

days_with_usage as (

    select * from {{ ref('int_account_days_joined_to_usage') }}

),

as_of as (

    select max(as_of_date) as as_of_date
    from months

),

evidence_in_window as (

    select
        sends_with_goal.send_id,
        daily_evidence.evidence_type,
        daily_evidence.evidence_date
    from sends_with_goal
    inner join evidence as daily_evidence
        on
            sends_with_goal.account_id = daily_evidence.account_id
            and sends_with_goal.goal_metric = daily_evidence.goal_metric
            and sends_with_goal.sent_date < daily_evidence.evidence_date
            and sends_with_goal.reconversion_window_end_date >= daily_evidence.evidence_date
    where sends_with_goal.was_delivered and not daily_evidence.is_timestamped

    union all

    select
        sends_with_goal.send_id,
        timestamped_evidence.evidence_type,
        cast(timestamped_evidence.evidence_at as date) as evidence_date
    from sends_with_goal
    inner join evidence as timestamped_evidence
        on
            sends_with_goal.account_id = timestamped_evidence.account_id
            and sends_with_goal.goal_metric = timestamped_evidence.goal_metric
            and sends_with_goal.sent_at < timestamped_evidence.evidence_at
            and sends_with_goal.reconversion_window_end_date >= cast(timestamped_evidence.evidence_at as date)
    where sends_with_goal.was_delivered and timestamped_evidence.is_timestamped

),

first_evidence as (

    select
        send_id,
        evidence_type,
        evidence_date,
        row_number() over (
            partition by send_id
            order by evidence_date, evidence_type
        ) as evidence_rank
    from evidence_in_window

),

-- usage: average usage per seat after the send against the same number of days before it
usage_sums as (

    select
        sends_with_goal.send_id,
        sum(case when usage_days.date_day > sends_with_goal.sent_date then 1 else 0 end) as days_after,
        sum(case when usage_days.date_day < sends_with_goal.sent_date then 1 else 0 end) as days_before,
        avg(case when usage_days.date_day > sends_with_goal.sent_date then usage_days.usage_per_seat end)
            as usage_per_seat_after_send,
        avg(case when usage_days.date_day < sends_with_goal.sent_date then usage_days.usage_per_seat end)
            as usage_per_seat_before_send,
        -- exact decimal sums for the comparison: float averages of equal usage can differ in the last
        -- bit between engines (summation order), which would flip a tie
        sum(
            case
                when usage_days.date_day > sends_with_goal.sent_date
                    then cast(usage_days.usage_per_seat as decimal(18, 10))
            end
        ) as usage_per_seat_sum_after_send,
        sum(
            case
                when usage_days.date_day < sends_with_goal.sent_date
                    then cast(usage_days.usage_per_seat as decimal(18, 10))
            end
        ) as usage_per_seat_sum_before_send
    from sends_with_goal
    inner join usage_days
        on
            sends_with_goal.account_id = usage_days.account_id
            and {{ dbt.dateadd('day', -1 * window_days, 'sends_with_goal.sent_date') }} <= usage_days.date_day
            and sends_with_goal.reconversion_window_end_date >= usage_days.date_day
            and sends_with_goal.sent_date <> usage_days.date_day
    where
        sends_with_goal.was_delivered
        and sends_with_goal.goal_metric = 'usage'
    group by sends_with_goal.send_id

),

-- usage comes back: the trailing average reaches the threshold on a day 1 .. N after the anchor
usage_recovery_days as (

    select
        sends_with_goal.send_id,
        sum(days_with_usage.is_customer_day) over (
            partition by sends_with_goal.send_id
            order by days_with_usage.date_day
            rows between {{ trailing_days - 1 }} preceding and current row
        ) as trailing_customer_days,
        sum(days_with_usage.usage_per_seat) over (
            partition by sends_with_goal.send_id
            order by days_with_usage.date_day
            rows between {{ trailing_days - 1 }} preceding and current row
        ) as trailing_usage_per_seat_days
    from sends_with_goal
    inner join days_with_usage
        on
            sends_with_goal.account_id = days_with_usage.account_id
            and sends_with_goal.sent_date < days_with_usage.date_day
            and sends_with_goal.reconversion_window_end_date >= days_with_usage.date_day
    where sends_with_goal.was_delivered and sends_with_goal.goal_metric = 'usage'

),

usage_recovery_averages as (

    select
        send_id,
        trailing_customer_days,
        {{ cs_analytics.to_decimal('trailing_usage_per_seat_days / ' ~ trailing_days, 18, 9, bounded=true) }}
            as trailing_usage_per_seat_average
    from usage_recovery_days

),

usage_recovery as (

    select
        send_id,
        max(
            case
                when
                    trailing_customer_days = {{ trailing_days }}
                    and trailing_usage_per_seat_average >= {{ threshold }}
                    then 1
                else 0
            end
        ) as is_usage_back
    from usage_recovery_averages
    group by send_id

),

final as (

    select
        -- ids
        sends_with_goal.send_id as anchor_id,
        sends_with_goal.program_id,
        sends_with_goal.account_id,

        -- strings
        sends_with_goal.anchor_type,
        sends_with_goal.goal_metric,
        states.reconversion_state,
        case
            when not (sends_with_goal.was_delivered and states.is_in_reconversion_state) then null
            when sends_with_goal.goal_metric = 'usage' and usage_recovery.is_usage_back = 1
                then 'usage_per_seat_back_above_threshold'
            when sends_with_goal.goal_metric <> 'usage'
                then first_evidence.evidence_type
        end as reconversion_evidence,

        -- numerics
        sends_with_goal.step_number,
        case when usage_sums.days_before > 0 then usage_sums.usage_per_seat_before_send end
            as usage_per_seat_before_send,
        case when usage_sums.days_after > 0 then usage_sums.usage_per_seat_after_send end
            as usage_per_seat_after_send,

        -- booleans
        sends_with_goal.was_delivered,
        states.is_in_reconversion_state,
        sends_with_goal.was_delivered and states.is_in_reconversion_state as is_reconversion_eligible,
        coalesce(
            sends_with_goal.was_delivered
            and states.is_in_reconversion_state
            and (
                (sends_with_goal.goal_metric = 'usage' and usage_recovery.is_usage_back = 1)
                or (sends_with_goal.goal_metric <> 'usage' and first_evidence.send_id is not null)
            ),
            false
        ) as did_reconvert,
        sends_with_goal.reconversion_window_end_date <= as_of.as_of_date as is_reconversion_window_complete,

        -- dates
        sends_with_goal.sent_date as anchor_date,
        sends_with_goal.reconversion_window_end_date,
        case
            when sends_with_goal.goal_metric <> 'usage' and states.is_in_reconversion_state
                then first_evidence.evidence_date
        end as first_reconversion_date,

        -- timestamps
        sends_with_goal.sent_at as anchor_at

    from sends_with_goal
    cross join as_of
    inner join states
        on sends_with_goal.send_id = states.send_id
    left join first_evidence
        on
            sends_with_goal.send_id = first_evidence.send_id
            and first_evidence.evidence_rank = 1
    left join usage_sums
        on sends_with_goal.send_id = usage_sums.send_id
    left join usage_recovery
        on sends_with_goal.send_id = usage_recovery.send_id

)

select * from final
