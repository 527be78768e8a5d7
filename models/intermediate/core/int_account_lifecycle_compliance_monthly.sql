{#-
    Lifecycle cadence compliance at each month end: for every paying account
    and every activity type its coverage model expects (seed
    `lifecycle_cadences`: QBR, EBR, check-in every N days), the last time
    it was completed and whether that is within the expected interval on the
    month's last day (the as-of date for the current month). An account that
    has never had one is measured from its first contract date, so a new
    customer is not overdue before its first is due. Months before the CS
    platform's first recorded activity are not evaluated: missing history is
    not a missed QBR.

    Touches come from `int_lifecycle_touches_unioned`: CSM-logged QBRs, EBRs
    and check-ins, and for the tiers served digitally (var
    `digital_check_in_coverage_models`, default one-to-many) a delivered
    program email as a check-in.
-#}

with activities as (

    select * from {{ ref('int_activities_classified') }}

),

touches as (

    select * from {{ ref('int_lifecycle_touches_unioned') }}

),

cadences as (

    select * from {{ cs_analytics.reference_table('lifecycle_cadences') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

mrr_monthly as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

months as (

    select * from {{ ref('int_months') }}

),

activity_coverage as (

    select min(activity_month) as first_activity_month
    from activities

),

completed_by_month as (

    select
        account_id,
        activity_type,
        touched_month as activity_month,
        max(touched_date) as last_completed_in_month
    from touches
    group by account_id, activity_type, touched_month

),

account_types as (

    select
        accounts.account_id,
        accounts.first_contract_date,
        accounts.coverage_model,
        cadences.activity_type,
        cadences.expected_every_days
    from accounts
    inner join cadences
        on accounts.coverage_model = cadences.coverage_model
    where accounts.first_contract_date is not null

),

spine as (

    select
        account_types.account_id,
        account_types.first_contract_date,
        account_types.coverage_model,
        account_types.activity_type,
        account_types.expected_every_days,
        months.month_start,
        months.month_end,
        months.as_of_date
    from account_types
    inner join months
        on account_types.first_contract_date < months.month_end

),

running as (

    select
        spine.*,
        max(completed_by_month.last_completed_in_month) over (
            partition by spine.account_id, spine.activity_type
            order by spine.month_start
            rows between unbounded preceding and current row
        ) as last_completed_date
    from spine
    left join completed_by_month
        on
            spine.account_id = completed_by_month.account_id
            and spine.activity_type = completed_by_month.activity_type
            and spine.month_start = completed_by_month.activity_month

),

evaluated as (

    select
        *,
        case
            when as_of_date < month_end then as_of_date
            else cast({{ dbt.dateadd('day', -1, 'month_end') }} as date)
        end as evaluated_on_date,
        cast(
            {{ dbt.dateadd('day', 'expected_every_days', 'coalesce(last_completed_date, first_contract_date)') }}
            as date
        ) as next_due_date
    from running

),

final as (

    select
        -- ids
        evaluated.account_id,

        -- strings
        evaluated.coverage_model,
        evaluated.activity_type,

        -- numerics
        evaluated.expected_every_days,

        -- booleans
        evaluated.next_due_date >= evaluated.evaluated_on_date as is_compliant,

        -- dates
        evaluated.month_start,
        evaluated.evaluated_on_date,
        evaluated.last_completed_date,
        evaluated.next_due_date

    from evaluated
    inner join mrr_monthly
        on
            evaluated.account_id = mrr_monthly.account_id
            and evaluated.month_start = mrr_monthly.month_start
    cross join activity_coverage
    where
        mrr_monthly.mrr > 0
        and evaluated.month_start >= activity_coverage.first_activity_month

)

select * from final
