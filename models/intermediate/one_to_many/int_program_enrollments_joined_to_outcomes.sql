{#-
    Each program enrollment, treated or holdout, with the outcomes the lift
    compares over the program window [enrolled date, enrolled date + var
    `program_window_days` (default 60)):

    - usage change: average usage per seat over the program window minus
      the average over the same number of days just before enrollment
      (customer days, zero-usage days included). Measured when the window
      is complete (its last day on or before the as-of date) and both
      periods have customer days with seats;
    - logo retention: of enrollments whose account was a customer on the
      enrollment day, retained when the account still pays (MRR > 0) in the
      first month starting on or after the window's end. Measured once that
      month is reported;
    - renewal: of enrollments whose account had a subscription line end
      inside the window (a contract up for renewal), renewed when the
      account still pays in the first month starting on or after the last
      such line end. Measured once that month is reported.
    Holdout enrollments receive no email: comparing them with treated
    enrollments of the same program is the program's lift.
-#}

{{ config(materialized='table') }}

{%- set window_days = var('program_window_days', 60) %}

with enrollments as (

    select * from {{ ref('stg_digital__program_enrollments') }}

),

months as (

    select * from {{ ref('int_months') }}

),

usage_days as (

    select * from {{ ref('int_customer_days_joined_to_usage') }}

),

customer_days as (

    select * from {{ ref('int_account_customer_days') }}

),

mrr_monthly as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

subscriptions as (

    select * from {{ ref('stg_billing__subscriptions') }}

),

as_of as (

    select
        max(as_of_date) as as_of_date,
        max(month_start) as as_of_month
    from months

),

enrollment_windows as (

    select
        enrollment_id,
        program_id,
        account_id,
        contact_id,
        is_holdout,
        enrolled_at,
        cast(enrolled_at as date) as enrolled_date,
        cast({{ dbt.date_trunc('month', 'enrolled_at') }} as date) as enrolled_month,
        cast({{ dbt.dateadd('day', -1 * window_days, 'cast(enrolled_at as date)') }} as date)
            as baseline_start_date,
        cast({{ dbt.dateadd('day', window_days, 'cast(enrolled_at as date)') }} as date) as program_window_end_date
    from enrollments
    where
        enrolled_at is not null
        and account_id is not null
        and program_id is not null

),

usage_change as (

    select
        enrollment_windows.enrollment_id,
        sum(case when usage_days.date_day >= enrollment_windows.enrolled_date then 1 else 0 end)
            as program_window_usage_days,
        sum(case when usage_days.date_day < enrollment_windows.enrolled_date then 1 else 0 end)
            as baseline_usage_days,
        avg(case when usage_days.date_day >= enrollment_windows.enrolled_date then usage_days.usage_per_seat end)
            as usage_per_seat_program_window,
        avg(case when usage_days.date_day < enrollment_windows.enrolled_date then usage_days.usage_per_seat end)
            as usage_per_seat_baseline
    from enrollment_windows
    inner join usage_days
        on
            enrollment_windows.account_id = usage_days.account_id
            and enrollment_windows.baseline_start_date <= usage_days.date_day
            and enrollment_windows.program_window_end_date > usage_days.date_day
    group by enrollment_windows.enrollment_id

),

customer_at_enrollment as (

    select enrollment_windows.enrollment_id
    from enrollment_windows
    inner join customer_days
        on
            enrollment_windows.account_id = customer_days.account_id
            and enrollment_windows.enrolled_date = customer_days.date_day
    where customer_days.is_customer_day

),

renewals_due as (

    select
        enrollment_windows.enrollment_id,
        max(subscriptions.end_date) as renewal_due_date
    from enrollment_windows
    inner join subscriptions
        on
            enrollment_windows.account_id = subscriptions.account_id
            and enrollment_windows.enrolled_date <= subscriptions.end_date
            and enrollment_windows.program_window_end_date > subscriptions.end_date
    group by enrollment_windows.enrollment_id

),

check_months as (

    select
        enrollment_windows.enrollment_id,
        min(
            case when months.month_start >= enrollment_windows.program_window_end_date then months.month_start end
        ) as retention_check_month,
        min(
            case when months.month_start >= renewals_due.renewal_due_date then months.month_start end
        ) as renewal_check_month
    from enrollment_windows
    left join renewals_due
        on enrollment_windows.enrollment_id = renewals_due.enrollment_id
    cross join months
    where months.month_start >= enrollment_windows.enrolled_month
    group by enrollment_windows.enrollment_id

),

joined as (

    select
        enrollment_windows.*,
        usage_change.program_window_usage_days,
        usage_change.baseline_usage_days,
        usage_change.usage_per_seat_program_window,
        usage_change.usage_per_seat_baseline,
        customer_at_enrollment.enrollment_id is not null as was_customer_at_enrollment,
        renewals_due.renewal_due_date,
        check_months.retention_check_month,
        check_months.renewal_check_month,
        coalesce(retention_mrr.mrr, 0) > 0 as is_paying_after_window,
        coalesce(renewal_mrr.mrr, 0) > 0 as is_paying_after_renewal_due,
        enrollment_windows.program_window_end_date <= {{ dbt.dateadd('day', 1, 'as_of.as_of_date') }}
            as is_program_window_complete
    from enrollment_windows
    cross join as_of
    left join usage_change
        on enrollment_windows.enrollment_id = usage_change.enrollment_id
    left join customer_at_enrollment
        on enrollment_windows.enrollment_id = customer_at_enrollment.enrollment_id
    left join renewals_due
        on enrollment_windows.enrollment_id = renewals_due.enrollment_id
    left join check_months
        on enrollment_windows.enrollment_id = check_months.enrollment_id
    left join mrr_monthly as retention_mrr
        on
            enrollment_windows.account_id = retention_mrr.account_id
            and check_months.retention_check_month = retention_mrr.month_start
    left join mrr_monthly as renewal_mrr
        on
            enrollment_windows.account_id = renewal_mrr.account_id
            and check_months.renewal_check_month = renewal_mrr.month_start

),

final as (

    select
        -- ids
        enrollment_id,
        program_id,
        account_id,
        contact_id,

        -- numerics
        program_window_usage_days,
        baseline_usage_days,
        usage_per_seat_baseline,
        usage_per_seat_program_window,
        case
            when is_program_window_complete and program_window_usage_days > 0 and baseline_usage_days > 0
                then usage_per_seat_program_window - usage_per_seat_baseline
        end as usage_per_seat_change,

        -- booleans
        is_holdout,
        is_program_window_complete,
        was_customer_at_enrollment,
        case
            when was_customer_at_enrollment and retention_check_month is not null
                then is_paying_after_window
        end as is_retained_logo,
        renewal_due_date is not null as had_renewal_due,
        case
            when renewal_due_date is not null and renewal_check_month is not null
                then is_paying_after_renewal_due
        end as did_renew,

        -- dates
        enrolled_date,
        enrolled_month,
        baseline_start_date,
        program_window_end_date,
        renewal_due_date,
        retention_check_month,
        renewal_check_month,

        -- timestamps
        enrolled_at

    from joined

)

select * from final
