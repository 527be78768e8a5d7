{#-
    Did the customer come back, soon after the email? One row per
    reconversion anchor of a 1:many program: every email send, every holdout
    enrollment (anchored on its enrollment, the day its first email would
    have gone), and, for programs without a holdout, every month an account
    of the program's audience (the coverage models it sends to) was a
    customer on the month's 15th and got none of its emails that month
    (anchored on the 15th): the comparison group of eligible accounts not
    sent to. int_email_sends_joined_to_reconversions serves the send rows.

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

    States and behaviours per goal:
    - usage: state `below_usage_threshold`, the trailing var
      `usage_rule_trailing_days` (14) day average of active users per seat
      over the days before the anchor below var
      `usage_risk_threshold_per_seat` (0.30), every day a customer day (the
      usage-drop rule's measure); comes back when that trailing average is at
      or above the threshold on some day 1 .. N (every day of its window a
      customer day, days 1 .. N only: the first day judged is day 14);
    - feature_adoption: state `feature_not_adopted`, fewer features used
      before the anchor than the product has (features anyone has used);
      comes back with a feature used for the first time;
    - renewal: state `below_usage_threshold` (a low-usage account is the
      renewal at risk); comes back with a renewal or replacement
      subscription line starting (not the account's first line), a won
      renewal opportunity closing, or a positive MRR movement (expansion,
      reactivation) on a month's first day;
    - survey: state `no_recent_survey_response`, no survey response from the
      account in the var `reconversion_survey_lapsed_days` (180) days before
      the anchor; comes back with any survey response;
    - expansion: no lapsed state (`any`: every delivered anchor is
      eligible); an expansion MRR movement or an expansion opportunity
      created.
    A window is complete once its day N is on or before the as-of date.
-#}

{{ config(materialized='table') }}

{%- set window_days = var('reconversion_window_days', 30) %}
{%- set trailing_days = var('usage_rule_trailing_days', 14) %}
{%- set threshold = var('usage_risk_threshold_per_seat', 0.30) %}
{%- set survey_lapsed_days = var('reconversion_survey_lapsed_days', 180) %}

with sends as (

    select * from {{ ref('int_email_events_aggregated_to_sends') }}

),

programs as (

    select * from {{ ref('stg_digital__programs') }}

),

months as (

    select * from {{ ref('int_months') }}

),

enrollments as (

    select * from {{ ref('stg_digital__program_enrollments') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

customer_days as (

    select * from {{ ref('int_account_customer_days') }}

),

daily_usage as (

    select * from {{ ref('int_account_usage_daily') }}

),

usage_days as (

    select * from {{ ref('int_customer_days_joined_to_usage') }}

),

feature_periods as (

    select * from {{ ref('int_account_feature_use_periods') }}

),

mrr_monthly as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

subscriptions as (

    select * from {{ ref('stg_billing__subscriptions') }}

),

opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

),

survey_responses as (

    select * from {{ ref('stg_surveys__survey_responses') }}

),

as_of as (

    select max(as_of_date) as as_of_date
    from months

),

programs_with_holdout as (

    select distinct program_id
    from enrollments
    where is_holdout

),

program_audiences as (

    {#- the coverage models a program sends to #}
    select distinct
        sends.program_id,
        accounts.coverage_model
    from sends
    inner join accounts
        on sends.account_id = accounts.account_id

),

sent_account_months as (

    select distinct
        program_id,
        account_id,
        sent_month
    from sends

),

comparison_anchors as (

    select
        program_audiences.program_id,
        accounts.account_id,
        cast({{ dbt.dateadd('day', 14, 'months.month_start') }} as date) as anchor_date
    from program_audiences
    inner join accounts
        on program_audiences.coverage_model = accounts.coverage_model
    cross join months
    left join programs_with_holdout
        on program_audiences.program_id = programs_with_holdout.program_id
    where programs_with_holdout.program_id is null

),

anchors as (

    select
        send_id as anchor_id,
        cast('send' as {{ dbt.type_string() }}) as anchor_type,
        program_id,
        account_id,
        step_number,
        sent_at as anchor_at,
        sent_date as anchor_date,
        was_delivered
    from sends

    union all

    select
        enrollment_id as anchor_id,
        cast('holdout' as {{ dbt.type_string() }}) as anchor_type,
        program_id,
        account_id,
        1 as step_number,
        enrolled_at as anchor_at,
        cast(enrolled_at as date) as anchor_date,
        true as was_delivered
    from enrollments
    where is_holdout and enrolled_at is not null

    union all

    select
        {{ cs_analytics.surrogate_key(['comparison_anchors.program_id', 'comparison_anchors.account_id',
            'comparison_anchors.anchor_date']) }} as anchor_id,
        cast('not_sent_same_month' as {{ dbt.type_string() }}) as anchor_type,
        comparison_anchors.program_id,
        comparison_anchors.account_id,
        1 as step_number,
        cast(comparison_anchors.anchor_date as {{ dbt.type_timestamp() }}) as anchor_at,
        comparison_anchors.anchor_date,
        true as was_delivered
    from comparison_anchors
    inner join customer_days
        on
            comparison_anchors.account_id = customer_days.account_id
            and comparison_anchors.anchor_date = customer_days.date_day
    left join sent_account_months
        on
            comparison_anchors.program_id = sent_account_months.program_id
            and comparison_anchors.account_id = sent_account_months.account_id
            and sent_account_months.sent_month
            = cast({{ dbt.date_trunc('month', 'comparison_anchors.anchor_date') }} as date)
    where customer_days.is_customer_day and sent_account_months.account_id is null

),

sends_with_goal as (

    select
        anchors.anchor_id as send_id,
        anchors.anchor_type,
        anchors.program_id,
        anchors.account_id,
        anchors.step_number,
        anchors.anchor_at as sent_at,
        anchors.anchor_date as sent_date,
        anchors.was_delivered,
        programs.goal_metric,
        cast({{ dbt.dateadd('day', window_days, 'anchors.anchor_date') }} as date) as reconversion_window_end_date
    from anchors
    left join programs
        on anchors.program_id = programs.program_id

),

first_subscription_starts as (

    select
        account_id,
        min(start_date) as first_start_date
    from subscriptions
    group by account_id

),

-- behaviour recorded by day (counts on days 1 .. N after the send)
daily_evidence as (

    select
        account_id,
        cast('feature_adoption' as {{ dbt.type_string() }}) as goal_metric,
        cast('feature_first_used' as {{ dbt.type_string() }}) as evidence_type,
        first_used_date as evidence_date
    from feature_periods
    where period_number = 1

    union all

    select
        subscriptions.account_id,
        cast('renewal' as {{ dbt.type_string() }}) as goal_metric,
        cast('subscription_line_started' as {{ dbt.type_string() }}) as evidence_type,
        subscriptions.start_date as evidence_date
    from subscriptions
    inner join first_subscription_starts
        on subscriptions.account_id = first_subscription_starts.account_id
    where subscriptions.start_date > first_subscription_starts.first_start_date

    union all

    select
        account_id,
        cast('renewal' as {{ dbt.type_string() }}) as goal_metric,
        cast('positive_mrr_movement' as {{ dbt.type_string() }}) as evidence_type,
        month_start as evidence_date
    from mrr_monthly
    where movement in ('expansion', 'reactivation')

    union all

    select
        account_id,
        cast('expansion' as {{ dbt.type_string() }}) as goal_metric,
        cast('expansion_mrr_movement' as {{ dbt.type_string() }}) as evidence_type,
        month_start as evidence_date
    from mrr_monthly
    where movement = 'expansion'

),

-- behaviour with a timestamp (counts from the send through day N)
timestamped_evidence as (

    select
        account_id,
        cast('renewal' as {{ dbt.type_string() }}) as goal_metric,
        cast('renewal_opportunity_won' as {{ dbt.type_string() }}) as evidence_type,
        closed_at as evidence_at
    from opportunities
    where
        opportunity_type = 'renewal'
        and is_won
        and closed_at is not null

    union all

    select
        account_id,
        cast('expansion' as {{ dbt.type_string() }}) as goal_metric,
        cast('expansion_opportunity_created' as {{ dbt.type_string() }}) as evidence_type,
        created_at as evidence_at
    from opportunities
    where
        opportunity_type = 'expansion'
        and created_at is not null

    union all

    select
        account_id,
        cast('survey' as {{ dbt.type_string() }}) as goal_metric,
        cast('survey_response' as {{ dbt.type_string() }}) as evidence_type,
        responded_at as evidence_at
    from survey_responses
    where responded_at is not null

),

evidence_in_window as (

    select
        sends_with_goal.send_id,
        daily_evidence.evidence_type,
        daily_evidence.evidence_date
    from sends_with_goal
    inner join daily_evidence
        on
            sends_with_goal.account_id = daily_evidence.account_id
            and sends_with_goal.goal_metric = daily_evidence.goal_metric
            and sends_with_goal.sent_date < daily_evidence.evidence_date
            and sends_with_goal.reconversion_window_end_date >= daily_evidence.evidence_date
    where sends_with_goal.was_delivered

    union all

    select
        sends_with_goal.send_id,
        timestamped_evidence.evidence_type,
        cast(timestamped_evidence.evidence_at as date) as evidence_date
    from sends_with_goal
    inner join timestamped_evidence
        on
            sends_with_goal.account_id = timestamped_evidence.account_id
            and sends_with_goal.goal_metric = timestamped_evidence.goal_metric
            and sends_with_goal.sent_at < timestamped_evidence.evidence_at
            and sends_with_goal.reconversion_window_end_date >= cast(timestamped_evidence.evidence_at as date)
    where sends_with_goal.was_delivered

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

days_with_usage as (

    select
        customer_days.account_id,
        customer_days.date_day,
        case when customer_days.is_customer_day then 1 else 0 end as is_customer_day,
        case when customer_days.is_customer_day then coalesce(daily_usage.usage_per_seat, 0) else 0 end
            as usage_per_seat
    from customer_days
    left join daily_usage
        on
            customer_days.account_id = daily_usage.account_id
            and customer_days.date_day = daily_usage.usage_date

),

-- lapsed states on the anchor day, from the days before it
usage_state_sums as (

    select
        sends_with_goal.send_id,
        sum(days_with_usage.is_customer_day) as state_customer_days,
        {{ cs_analytics.to_decimal(
            'sum(days_with_usage.usage_per_seat) / ' ~ trailing_days, 18, 9, bounded=true) }}
            as state_usage_per_seat_average
    from sends_with_goal
    inner join days_with_usage
        on
            sends_with_goal.account_id = days_with_usage.account_id
            and {{ dbt.dateadd('day', -trailing_days, 'sends_with_goal.sent_date') }} <= days_with_usage.date_day
            and sends_with_goal.sent_date > days_with_usage.date_day
    where sends_with_goal.goal_metric in ('usage', 'renewal')
    group by sends_with_goal.send_id

),

usage_state as (

    select
        send_id,
        state_customer_days = {{ trailing_days }}
        and state_usage_per_seat_average < {{ threshold }} as is_below_usage_threshold
    from usage_state_sums

),

product_features as (

    select count(distinct feature_key) as features_available
    from feature_periods

),

feature_state as (

    select
        sends_with_goal.send_id,
        count(distinct feature_periods.feature_key) as features_used_before
    from sends_with_goal
    inner join feature_periods
        on
            sends_with_goal.account_id = feature_periods.account_id
            and feature_periods.period_number = 1
            and sends_with_goal.sent_date > feature_periods.first_used_date
    where sends_with_goal.goal_metric = 'feature_adoption'
    group by sends_with_goal.send_id

),

survey_state as (

    select distinct sends_with_goal.send_id
    from sends_with_goal
    inner join survey_responses
        on
            sends_with_goal.account_id = survey_responses.account_id
            and sends_with_goal.sent_at > survey_responses.responded_at
            and {{ dbt.dateadd('day', -survey_lapsed_days, 'sends_with_goal.sent_date') }}
            <= cast(survey_responses.responded_at as date)
    where sends_with_goal.goal_metric = 'survey'

),

states as (

    select
        sends_with_goal.send_id,
        case
            when sends_with_goal.goal_metric in ('usage', 'renewal') then 'below_usage_threshold'
            when sends_with_goal.goal_metric = 'feature_adoption' then 'feature_not_adopted'
            when sends_with_goal.goal_metric = 'survey' then 'no_recent_survey_response'
            else 'any'
        end as reconversion_state,
        case
            when sends_with_goal.goal_metric in ('usage', 'renewal')
                then coalesce(usage_state.is_below_usage_threshold, false)
            when sends_with_goal.goal_metric = 'feature_adoption'
                then coalesce(feature_state.features_used_before, 0) < product_features.features_available
            when sends_with_goal.goal_metric = 'survey' then survey_state.send_id is null
            else true
        end as is_in_reconversion_state
    from sends_with_goal
    cross join product_features
    left join usage_state
        on sends_with_goal.send_id = usage_state.send_id
    left join feature_state
        on sends_with_goal.send_id = feature_state.send_id
    left join survey_state
        on sends_with_goal.send_id = survey_state.send_id

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
