{#-
    One row per CTA (latest version, from staging) with what every CS metric
    needs to judge it: the outcome its status maps to (seed
    `cta_status_outcomes` on the lower-cased status; a status missing from
    the seed is `unmapped` and counts as not closed), whether and when it was
    closed, how long it was open, how many days past its due date it was
    closed (or, while open, is as of the as-of date), and whether it was
    closed on time (on or before the due date).

    It also says which group the CTA falls in for the honest-lift comparison:
    `worked` (closed success or lost: a CSM ran the playbook) or
    `comparison` (closed invalid, auto-resolved by the platform, or left
    open past its due date with no activity ever logged against it: the
    same trigger, no playbook run). A CTA closed on a day before the day it
    was created (listed in dq_cross_table_anomalies as closed_before_created)
    keeps its outcome, but its timeline is unknown: days_open and
    days_past_due are null (so no median sees a negative duration), it is
    not closed on time, and has_unknown_duration excludes it from on-time
    denominators. The attribution window is the playbook's, else var
    `default_attribution_window_days` (45).

    The CS platform's one reason field (raw `not_valid_reason`) is read by
    outcome: on an invalid CTA it is the not-valid reason, on a lost CTA the
    lost reason ('(no reason given)' when empty), on any other CTA it is
    ignored (both columns empty).
-#}

{{ config(materialized="table") }}

with ctas as (

    select * from {{ ref('stg_cs_platform__ctas') }}

),

playbooks as (

    select * from {{ ref('stg_cs_platform__playbooks') }}

),

status_outcomes as (

    select * from {{ cs_analytics.reference_table('cta_status_outcomes') }}

),

activities as (

    select * from {{ ref('int_activities_classified') }}

),

months as (

    select * from {{ ref('int_months') }}

),

as_of as (

    select max(as_of_date) as as_of_date
    from months

),

activities_per_cta as (

    select
        cta_id,
        count(*) as logged_activities
    from activities
    where cta_id is not null
    group by cta_id

),

mapped as (

    select
        ctas.*,
        coalesce(status_outcomes.outcome, 'unmapped') as outcome,
        playbooks.category as playbook_category,
        playbooks.success_metric as playbook_success_metric,
        coalesce(
            playbooks.attribution_window_days,
            {{ var('default_attribution_window_days', 45) }}
        ) as attribution_window_days,
        coalesce(activities_per_cta.logged_activities, 0) as logged_activities,
        cast(ctas.created_at as date) as created_date,
        cast(ctas.closed_at as date) as closed_date,
        as_of.as_of_date
    from ctas
    cross join as_of
    left join status_outcomes
        on lower(trim(ctas.status)) = lower(trim(status_outcomes.status))
    left join playbooks
        on ctas.playbook_id = playbooks.playbook_id
    left join activities_per_cta
        on ctas.cta_id = activities_per_cta.cta_id

),

flagged as (

    select
        *,
        outcome in ('success', 'lost', 'invalid', 'auto_resolved') and closed_at is not null as is_closed,
        outcome in ('success', 'lost') and closed_at is not null as is_worked,
        outcome = 'invalid' as is_invalid,
        coalesce(
            outcome = 'auto_resolved'
            or (outcome = 'open' and logged_activities = 0 and as_of_date > due_date),
            false
        ) as is_untouched,
        case
            when
                outcome in ('success', 'lost', 'invalid', 'auto_resolved')
                and closed_at is not null
                then closed_date
            else as_of_date
        end as measured_to_date,
        coalesce(closed_date < created_date, false) as has_unknown_duration
    from mapped

),

final as (

    select
        -- ids
        cta_id,
        account_id,
        owner_user_id,
        playbook_id,
        rule_id,
        success_plan_id,
        parent_cta_id,

        -- strings
        cta_type,
        reason,
        priority,
        status,
        outcome,
        case when outcome = 'invalid' then not_valid_reason end as not_valid_reason,
        case when outcome = 'lost' then coalesce(not_valid_reason, '(no reason given)') end as lost_reason,
        source,
        close_source,
        playbook_category,
        playbook_success_metric,
        case
            when is_worked then 'worked'
            when is_invalid or is_untouched then 'comparison'
        end as effectiveness_group,

        -- numerics
        cast(attribution_window_days as integer) as attribution_window_days,
        cast(logged_activities as integer) as logged_activities,
        cast(
            case
                when not has_unknown_duration
                    then {{ dbt.datediff('created_date', 'measured_to_date', 'day') }}
            end as integer
        ) as days_open,
        cast(
            case
                when due_date is not null and not has_unknown_duration
                    then greatest({{ dbt.datediff('due_date', 'measured_to_date', 'day') }}, 0)
            end as integer
        ) as days_past_due,

        -- booleans
        is_closed,
        is_worked,
        is_invalid,
        is_untouched,
        has_unknown_duration,
        coalesce(is_closed and not has_unknown_duration and closed_date <= due_date, false) as is_closed_on_time,
        coalesce(not is_closed and outcome <> 'unmapped' and as_of_date > due_date, false) as is_overdue,
        rule_id is not null as is_from_rule,

        -- dates
        due_date,
        original_due_date,
        created_date,
        case when is_closed then closed_date end as closed_date,
        cast({{ dbt.date_trunc('month', 'created_date') }} as date) as created_month,
        case when is_closed then cast({{ dbt.date_trunc('month', 'closed_date') }} as date) end as closed_month,

        -- timestamps
        created_at,
        case when is_closed then closed_at end as closed_at

    from flagged

)

select * from final
