{#-
    Lifecycle cadence compliance as of the as-of date: one row per paying
    account and lifecycle activity type its coverage model expects (seed
    `lifecycle_cadences`: EBR, QBR, check-in every N days), with the last
    time it was done, when the next one is due, how many days overdue it is,
    and the CSM who owns the account today. Compliance comes from
    `int_account_lifecycle_compliance_monthly` (the as-of month's row), so it
    agrees with the CSM scorecard. Aggregate by owner_user_id or
    coverage_model for compliance rates per CSM and tier. For the tiers
    served digitally (var `digital_check_in_coverage_models`) a delivered
    program email is a check-in (`int_lifecycle_touches_unioned`).
-#}

with compliance as (

    select * from {{ ref('int_account_lifecycle_compliance_monthly') }}

),

months as (

    select * from {{ ref('int_months') }}

),

touches as (

    select * from {{ ref('int_lifecycle_touches_unioned') }}

),

assignments as (

    select * from {{ ref('int_account_csm_assignments') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

as_of_month as (

    select
        month_start,
        as_of_date
    from months
    where is_as_of_month

),

current_compliance as (

    select compliance.*
    from compliance
    inner join as_of_month
        on compliance.month_start = as_of_month.month_start

),

last_completed as (

    select
        touches.account_id,
        touches.activity_type,
        max(touches.touched_at) as last_completed_at,
        count(*) as completed_activities
    from touches
    cross join as_of_month
    where touches.touched_date <= as_of_month.as_of_date
    group by touches.account_id, touches.activity_type

),

current_owner as (

    select
        assignments.account_id,
        assignments.csm_user_id,
        assignments.owner_role,
        row_number() over (
            partition by assignments.account_id
            order by assignments.valid_from desc
        ) as owner_rank
    from assignments
    cross join as_of_month
    where
        assignments.valid_from <= as_of_month.as_of_date
        and (assignments.valid_to is null or assignments.valid_to > as_of_month.as_of_date)

),

final as (

    select
        -- ids
        cast(current_compliance.account_id as {{ cs_analytics.type_varchar() }}) as account_id,
        cast(current_owner.csm_user_id as {{ cs_analytics.type_varchar() }}) as owner_user_id,

        -- strings
        cast(current_compliance.activity_type as {{ cs_analytics.type_varchar() }}) as activity_type,
        cast(current_compliance.coverage_model as {{ cs_analytics.type_varchar() }}) as coverage_model,
        cast(accounts.segment as {{ cs_analytics.type_varchar() }}) as segment,
        cast(current_owner.owner_role as {{ cs_analytics.type_varchar() }}) as owner_role,

        -- numerics
        cast(current_compliance.expected_every_days as integer) as expected_every_days,
        cast(coalesce(last_completed.completed_activities, 0) as bigint) as completed_activities,
        cast(
            greatest(
                {{ dbt.datediff('current_compliance.next_due_date', 'current_compliance.evaluated_on_date', 'day') }},
                0
            ) as integer
        ) as days_overdue,

        -- booleans
        cast(current_compliance.is_compliant as boolean) as is_compliant,
        cast(last_completed.last_completed_at is not null as boolean) as has_ever_completed,

        -- dates
        cast(current_compliance.evaluated_on_date as date) as evaluated_on_date,
        cast(current_compliance.last_completed_date as date) as last_completed_date,
        cast(current_compliance.next_due_date as date) as next_due_date,

        -- timestamps
        cast(last_completed.last_completed_at as timestamp) as last_completed_at

    from current_compliance
    left join last_completed
        on
            current_compliance.account_id = last_completed.account_id
            and current_compliance.activity_type = last_completed.activity_type
    left join current_owner
        on
            current_compliance.account_id = current_owner.account_id
            and current_owner.owner_rank = 1
    left join accounts
        on current_compliance.account_id = accounts.account_id

)

select * from final
