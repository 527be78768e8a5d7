{#-
    Did the customer do what the program asked, soon after the email? One
    row per send with the goal behaviour of its program (programs.goal_metric)
    looked for within var `reconversion_window_days` (default 30) days after
    the send. Days count from the send's calendar day (day 0):

    - timestamped behaviour (an opportunity, a survey response) counts from
      the moment of the send through day N: day 0 after sent_at is in, day N
      is in, day N + 1 is out;
    - daily behaviour (usage, a feature's first use, a subscription line's
      start, a month's MRR movement) counts on days 1 .. N: day 0 is out
      because a daily record cannot tell before from after the send.

    Goal behaviours:
    - usage: average usage per seat (customer days, zero-usage days
      included) over days 1 .. N above the average over the N days before
      the send (days -N .. -1);
    - feature_adoption: a product feature used for the first time;
    - renewal: a renewal or replacement subscription line starting (not the
      account's first line), a won renewal opportunity closing, or a
      positive MRR movement (expansion, reactivation) on a month's first day;
    - expansion: an expansion MRR movement or an expansion opportunity
      created;
    - survey: any survey response from the account.
    Only delivered sends can reconvert; a send's window is complete once its
    day N is on or before the as-of date.
-#}

{{ config(materialized='table') }}

{%- set window_days = var('reconversion_window_days', 30) %}

with sends as (

    select * from {{ ref('int_email_events_aggregated_to_sends') }}

),

programs as (

    select * from {{ ref('stg_digital__programs') }}

),

months as (

    select * from {{ ref('int_months') }}

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

sends_with_goal as (

    select
        sends.send_id,
        sends.program_id,
        sends.account_id,
        sends.sent_at,
        sends.sent_date,
        sends.was_delivered,
        programs.goal_metric,
        cast({{ dbt.dateadd('day', window_days, 'sends.sent_date') }} as date) as reconversion_window_end_date
    from sends
    left join programs
        on sends.program_id = programs.program_id

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

-- usage up: mean after > mean before, compared exactly as sum_after x days_before > sum_before x days_after
usage_around_send as (

    select
        send_id,
        usage_per_seat_before_send,
        usage_per_seat_after_send,
        coalesce(
            days_after > 0
            and days_before > 0
            -- precisions kept within 38 digits so no engine rounds the products (Spark would)
            and cast(usage_per_seat_sum_after_send as decimal(24, 10)) * cast(days_before as decimal(10, 0))
            > cast(usage_per_seat_sum_before_send as decimal(24, 10)) * cast(days_after as decimal(10, 0)),
            false
        ) as is_usage_up
    from usage_sums

),

final as (

    select
        -- ids
        sends_with_goal.send_id,
        sends_with_goal.program_id,
        sends_with_goal.account_id,

        -- strings
        sends_with_goal.goal_metric,
        case
            when sends_with_goal.goal_metric = 'usage'
                and usage_around_send.is_usage_up
                then 'usage_per_seat_up'
            when sends_with_goal.goal_metric <> 'usage'
                then first_evidence.evidence_type
        end as reconversion_evidence,

        -- numerics
        usage_around_send.usage_per_seat_before_send,
        usage_around_send.usage_per_seat_after_send,

        -- booleans
        coalesce(
            sends_with_goal.was_delivered
            and (
                (
                    sends_with_goal.goal_metric = 'usage'
                    and usage_around_send.is_usage_up
                )
                or (sends_with_goal.goal_metric <> 'usage' and first_evidence.send_id is not null)
            ),
            false
        ) as did_reconvert,
        sends_with_goal.reconversion_window_end_date <= as_of.as_of_date as is_reconversion_window_complete,

        -- dates
        sends_with_goal.sent_date,
        sends_with_goal.reconversion_window_end_date,
        case when sends_with_goal.goal_metric <> 'usage' then first_evidence.evidence_date end
            as first_reconversion_date

    from sends_with_goal
    cross join as_of
    left join first_evidence
        on
            sends_with_goal.send_id = first_evidence.send_id
            and first_evidence.evidence_rank = 1
    left join usage_around_send
        on sends_with_goal.send_id = usage_around_send.send_id

)

select * from final
