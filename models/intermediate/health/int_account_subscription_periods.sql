{#-
    Each account's subscription history cut into periods of constant
    coverage: a new period starts whenever a subscription line starts or
    ends. A period says how many lines were active and how many licensed
    seats they carried (lines without a seat count, such as add-ons, add no
    seats). Periods run from the account's first line start to its last line
    end, including gaps with no active line (a churn followed by a return).
    `coverage_ended_on` marks the day a customer episode ended: the end of
    the last period with an active line before a gap or before the end of
    the record. Not every such end is a churn: a renewal or a re-priced line
    that starts a few days after the old one ended leaves a short gap; MRR
    (recognised on the first day of the month) decides churn.
    Lines whose end is not after their start are ignored.
-#}

{{ config(materialized='table') }}

with subscriptions as (

    select * from {{ ref('stg_billing__subscriptions') }}

),

lines as (

    select
        account_id,
        start_date,
        end_date,
        coalesce(seats, 0) as seats
    from subscriptions
    where
        account_id is not null
        and start_date is not null
        and (end_date is null or end_date > start_date)

),

line_changes as (

    select
        account_id,
        start_date as change_date,
        1 as line_change,
        seats as seat_change
    from lines

    union all

    select
        account_id,
        end_date as change_date,
        -1 as line_change,
        -seats as seat_change
    from lines
    where end_date is not null

),

changes_by_date as (

    select
        account_id,
        change_date,
        sum(line_change) as line_change,
        sum(seat_change) as seat_change
    from line_changes
    group by account_id, change_date

),

running as (

    select
        account_id,
        change_date as period_start,
        lead(change_date) over (partition by account_id order by change_date) as period_end,
        sum(line_change) over (
            partition by account_id order by change_date rows between unbounded preceding and current row
        ) as active_subscription_lines,
        sum(seat_change) over (
            partition by account_id order by change_date rows between unbounded preceding and current row
        ) as seats
    from changes_by_date

),

flagged as (

    select
        *,
        coalesce(
            lead(active_subscription_lines) over (partition by account_id order by period_start),
            0
        ) as next_active_subscription_lines
    from running

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key(['account_id', 'period_start']) }} as subscription_period_key,
        account_id,

        -- numerics
        cast(active_subscription_lines as integer) as active_subscription_lines,
        cast(case when seats > 0 then seats end as integer) as seats,

        -- booleans
        active_subscription_lines > 0 as is_customer,

        -- dates
        period_start,
        period_end,
        case
            when
                active_subscription_lines > 0
                and next_active_subscription_lines = 0
                then period_end
        end as coverage_ended_on

    from flagged
    {# the open period after the last line ended is not part of the history #}
    where active_subscription_lines > 0 or period_end is not null

)

select * from final
