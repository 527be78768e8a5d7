{#-
    What each CS user did with their book per month. Activity: the
    touchpoints, QBRs, EBRs and success-plan updates they logged, and the
    touchpoints on accounts of their paying book (and how many accounts
    those reached). Cadence: the paying accounts owned on the 1st with a
    lifecycle cadence due and how many met every touch type. CTAs closed in
    the month by their owner: valid, successful, with a due date and on
    time. Adoption milestones of the accounts owned on the 1st falling due
    in the month (up to the as-of date) and how many were reached on time.
    One row per user and month with any of these.
-#}

with book as (

    select * from {{ ref('int_csm_book_accounts_monthly') }}

),

activities as (

    select * from {{ ref('int_activities_classified') }}

),

compliance as (

    select * from {{ ref('int_account_lifecycle_compliance_monthly') }}

),

ctas as (

    select * from {{ ref('int_csm_cta_outcomes') }}

),

milestones as (

    select * from {{ ref('int_csm_adoption_milestones') }}

),

owners as (

    select * from {{ ref('int_account_owners_monthly') }}

),

months as (

    select * from {{ ref('int_months') }}

),

paying_book as (

    select
        csm_user_id,
        account_id,
        month_start
    from book
    where is_paying

),

activity_monthly as (

    select
        user_id as csm_user_id,
        activity_month as month_start,
        sum(case when is_touchpoint then 1 else 0 end) as touchpoints,
        sum(case when activity_type = 'qbr' then 1 else 0 end) as qbrs_completed,
        sum(case when activity_type = 'ebr' then 1 else 0 end) as ebrs_completed,
        sum(case when activity_type = 'success_plan_update' then 1 else 0 end) as success_plan_updates
    from activities
    where user_id is not null
    group by user_id, activity_month

),

touched_monthly as (

    select
        paying_book.csm_user_id,
        paying_book.month_start,
        count(distinct activities.account_id) as accounts_touched,
        count(*) as book_touchpoints
    from paying_book
    inner join activities
        on
            paying_book.account_id = activities.account_id
            and paying_book.csm_user_id = activities.user_id
            and paying_book.month_start = activities.activity_month
    where activities.is_touchpoint
    group by paying_book.csm_user_id, paying_book.month_start

),

compliance_by_account as (

    select
        account_id,
        month_start,
        min(case when is_compliant then 1 else 0 end) as is_compliant
    from compliance
    group by account_id, month_start

),

compliance_monthly as (

    select
        paying_book.csm_user_id,
        paying_book.month_start,
        count(*) as lifecycle_cadence_accounts,
        sum(compliance_by_account.is_compliant) as lifecycle_compliant_accounts
    from paying_book
    inner join compliance_by_account
        on
            paying_book.account_id = compliance_by_account.account_id
            and paying_book.month_start = compliance_by_account.month_start
    group by paying_book.csm_user_id, paying_book.month_start

),

ctas_monthly as (

    select
        owner_user_id as csm_user_id,
        closed_month as month_start,
        count(*) as ctas_closed,
        sum(case when outcome <> 'invalid' then 1 else 0 end) as ctas_closed_valid,
        sum(case when outcome = 'success' then 1 else 0 end) as ctas_successful,
        sum(
            case when due_date is not null and not coalesce(has_unknown_duration, false) then 1 else 0 end
        ) as ctas_closed_with_due_date,
        sum(case when is_closed_on_time then 1 else 0 end) as ctas_closed_on_time
    from ctas
    where is_closed and owner_user_id is not null
    group by owner_user_id, closed_month

),

milestones_monthly as (

    select
        owners.csm_user_id,
        milestones.due_month as month_start,
        count(*) as adoption_milestones_due,
        sum(case when milestones.is_reached_on_time then 1 else 0 end) as adoption_milestones_on_time
    from milestones
    inner join owners
        on
            milestones.account_id = owners.account_id
            and milestones.due_month = owners.month_start
    cross join (select max(as_of_date) as as_of_date from months) as as_of
    where milestones.due_date <= as_of.as_of_date
    group by owners.csm_user_id, milestones.due_month

),

user_months as (

    select
        csm_user_id,
        month_start
    from activity_monthly
    union
    select
        csm_user_id,
        month_start
    from touched_monthly
    union
    select
        csm_user_id,
        month_start
    from compliance_monthly
    union
    select
        csm_user_id,
        month_start
    from ctas_monthly
    union
    select
        csm_user_id,
        month_start
    from milestones_monthly

),

joined as (

    select
        user_months.csm_user_id,
        user_months.month_start,
        coalesce(activity_monthly.touchpoints, 0) as touchpoints,
        coalesce(touched_monthly.book_touchpoints, 0) as book_touchpoints,
        coalesce(touched_monthly.accounts_touched, 0) as accounts_touched,
        coalesce(activity_monthly.qbrs_completed, 0) as qbrs_completed,
        coalesce(activity_monthly.ebrs_completed, 0) as ebrs_completed,
        coalesce(activity_monthly.success_plan_updates, 0) as success_plan_updates,
        coalesce(compliance_monthly.lifecycle_cadence_accounts, 0) as lifecycle_cadence_accounts,
        coalesce(compliance_monthly.lifecycle_compliant_accounts, 0) as lifecycle_compliant_accounts,
        coalesce(ctas_monthly.ctas_closed, 0) as ctas_closed,
        coalesce(ctas_monthly.ctas_closed_valid, 0) as ctas_closed_valid,
        coalesce(ctas_monthly.ctas_successful, 0) as ctas_successful,
        coalesce(ctas_monthly.ctas_closed_with_due_date, 0) as ctas_closed_with_due_date,
        coalesce(ctas_monthly.ctas_closed_on_time, 0) as ctas_closed_on_time,
        coalesce(milestones_monthly.adoption_milestones_due, 0) as adoption_milestones_due,
        coalesce(milestones_monthly.adoption_milestones_on_time, 0) as adoption_milestones_on_time
    from user_months
    left join activity_monthly
        on
            user_months.csm_user_id = activity_monthly.csm_user_id
            and user_months.month_start = activity_monthly.month_start
    left join touched_monthly
        on
            user_months.csm_user_id = touched_monthly.csm_user_id
            and user_months.month_start = touched_monthly.month_start
    left join compliance_monthly
        on
            user_months.csm_user_id = compliance_monthly.csm_user_id
            and user_months.month_start = compliance_monthly.month_start
    left join ctas_monthly
        on
            user_months.csm_user_id = ctas_monthly.csm_user_id
            and user_months.month_start = ctas_monthly.month_start
    left join milestones_monthly
        on
            user_months.csm_user_id = milestones_monthly.csm_user_id
            and user_months.month_start = milestones_monthly.month_start

),

final as (

    select
        *,
        cast(
            case
                when lifecycle_cadence_accounts > 0
                    then 1.0 * lifecycle_compliant_accounts / lifecycle_cadence_accounts
            end as {{ cs_analytics.type_double() }}
        ) as lifecycle_compliance_rate,
        cast(
            case
                when ctas_closed_valid > 0 then 1.0 * ctas_successful / ctas_closed_valid
            end as {{ cs_analytics.type_double() }}
        ) as cta_success_rate,
        cast(
            case
                when ctas_closed_with_due_date > 0 then 1.0 * ctas_closed_on_time / ctas_closed_with_due_date
            end as {{ cs_analytics.type_double() }}
        ) as cta_on_time_rate,
        cast(
            case
                when adoption_milestones_due > 0 then 1.0 * adoption_milestones_on_time / adoption_milestones_due
            end as {{ cs_analytics.type_double() }}
        ) as adoption_milestones_on_time_rate
    from joined

)

select * from final
