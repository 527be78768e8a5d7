{#-
    MRR per account and month, and how it moved. An account's MRR for a
    month is the sum of `mrr` over its subscription lines active on the first
    day of the month (start_date <= month start < end_date, open-ended when
    end_date is null; var `mrr_recognition_day`, only `first_day` is
    implemented). One row per month from the account's first month with MRR
    to the as-of month, kept where MRR or the previous month's MRR is above
    zero: months between a churn and a return are not rows. Billing is the
    system of record: CRM soft deletes do not remove revenue here.
-#}

{{ config(materialized='table') }}

{%- if var('mrr_recognition_day', 'first_day') != 'first_day' %}
    {{ exceptions.raise_compiler_error("mrr_recognition_day: only 'first_day' is implemented") }}
{%- endif %}

with subscriptions as (

    select * from {{ ref('stg_billing__subscriptions') }}

),

months as (

    select * from {{ ref('int_months') }}

),

active_lines as (

    select
        subscriptions.account_id,
        months.month_start,
        months.month_index,
        subscriptions.mrr,
        subscriptions.seats
    from subscriptions
    inner join months
        on
            subscriptions.start_date <= months.month_start
            and (subscriptions.end_date is null or subscriptions.end_date > months.month_start)
    where
        subscriptions.account_id is not null
        and subscriptions.mrr is not null

),

account_months as (

    select
        account_id,
        month_start,
        month_index,
        sum(mrr) as mrr,
        sum(seats) as seats,
        count(*) as active_subscription_lines
    from active_lines
    group by account_id, month_start, month_index

),

first_months as (

    select
        account_id,
        min(month_index) as first_month_index,
        min(month_start) as first_mrr_month
    from account_months
    where mrr > 0
    group by account_id

),

spine as (

    select
        first_months.account_id,
        first_months.first_month_index,
        first_months.first_mrr_month,
        months.month_start,
        months.month_index
    from first_months
    inner join months
        on first_months.first_month_index <= months.month_index

),

filled as (

    select
        spine.account_id,
        spine.month_start,
        spine.month_index,
        spine.first_month_index,
        spine.first_mrr_month,
        case when account_months.mrr > 0 then account_months.mrr else 0 end as mrr,
        case when account_months.mrr > 0 then account_months.seats end as seats,
        coalesce(account_months.active_subscription_lines, 0) as active_subscription_lines
    from spine
    left join account_months
        on
            spine.account_id = account_months.account_id
            and spine.month_index = account_months.month_index

),

lagged as (

    select
        *,
        coalesce(
            lag(mrr) over (partition by account_id order by month_index),
            0
        ) as previous_mrr
    from filled

),

final as (

    select
        -- ids
        account_id,

        -- dates
        month_start,
        first_mrr_month,

        -- strings
        case
            when previous_mrr = 0 and mrr > 0 and month_index = first_month_index then 'new'
            when previous_mrr = 0 and mrr > 0 then 'reactivation'
            when previous_mrr > 0 and mrr = 0 then 'churn'
            when mrr > previous_mrr then 'expansion'
            when mrr < previous_mrr then 'contraction'
            else 'flat'
        end as movement,

        -- numerics
        mrr,
        previous_mrr,
        mrr - previous_mrr as mrr_change,
        12 * mrr as arr,
        12 * previous_mrr as previous_arr,
        seats,
        active_subscription_lines

    from lagged
    where mrr > 0 or previous_mrr > 0

)

select * from final
