{#-
    Renewals: one row per account and renewal, from the subscription lines
    (billing is the system of record; it carries no term field).

    - A line with an end date renews on its end date.
    - An open-ended line (no end date) renews on every anniversary of the
      account's first contract date after the line started
      (`next_contract_anniversary`, as the playbook and CTA renewal
      baselines), up to one year after the as-of date, so every open-ended
      line shows its next renewal.
    - Lines renewing in the same judged month (`month_start_on_or_after` the
      renewal date: the first month whose MRR is recognised after it) are
      one renewal of the account, dated on their earliest renewal date.
    - A line renews only on a date judged after its first billed month (it
      was paid for at least one month): a line started a few days before an
      anniversary of the account's first contract (a return after a churn)
      first renews on the next one.

    ARR up for renewal is 12 x the MRR of the renewing lines. The outcome is
    judged on the account's MRR (`int_account_mrr_monthly`) in the judged
    month against the month before it: churned when it is 0, renewed with
    expansion / contraction when above / below, renewed flat when equal,
    open while the judged month is after the as-of month. Renewed ARR (net)
    is ARR up for renewal plus the ARR change (never below 0); gross renewed
    ARR caps it at ARR up for renewal.
-#}

{{ config(materialized='table') }}

with subscriptions as (

    select * from {{ ref('stg_billing__subscriptions') }}

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

as_of as (

    select
        max(as_of_date) as as_of_date,
        max(case when is_as_of_month then month_start end) as as_of_month_start
    from months

),

digits as (

    {{ cs_analytics.digits() }}

),

year_offsets as (

    select ones.digit + 10 * tens.digit as year_offset
    from digits as ones
    cross join digits as tens

),

lines as (

    select
        subscriptions.subscription_id,
        subscriptions.account_id,
        subscriptions.mrr,
        subscriptions.start_date,
        subscriptions.end_date,
        accounts.first_contract_date,
        {{ cs_analytics.next_contract_anniversary('accounts.first_contract_date', 'subscriptions.start_date') }}
            as first_anniversary_date
    from subscriptions
    inner join accounts
        on subscriptions.account_id = accounts.account_id
    where
        subscriptions.mrr > 0
        and subscriptions.start_date is not null
        and (subscriptions.end_date is null or subscriptions.end_date > subscriptions.start_date)
        and accounts.first_contract_date is not null

),

ended_line_renewals as (

    select
        lines.account_id,
        lines.mrr,
        lines.start_date,
        lines.end_date as renewal_date,
        'line_end' as renewal_basis
    from lines
    cross join as_of
    where
        lines.end_date is not null
        and lines.end_date <= cast({{ dbt.dateadd('year', 1, 'as_of.as_of_date') }} as date)

),

open_line_anniversaries as (

    select
        lines.account_id,
        lines.mrr,
        lines.start_date,
        cast(
            {{ dbt.dateadd(
                'year',
                '(' ~ dbt.datediff('lines.first_contract_date', 'lines.first_anniversary_date', 'year')
                ~ ' + year_offsets.year_offset)',
                'lines.first_contract_date'
            ) }} as date
        ) as renewal_date,
        'anniversary' as renewal_basis
    from lines
    cross join year_offsets
    where lines.end_date is null

),

open_line_renewals as (

    select open_line_anniversaries.*
    from open_line_anniversaries
    cross join as_of
    where open_line_anniversaries.renewal_date <= cast({{ dbt.dateadd('year', 1, 'as_of.as_of_date') }} as date)

),

renewing_lines as (

    select * from ended_line_renewals
    union all
    select * from open_line_renewals

),

renewing_lines_dated as (

    select
        *,
        {{ cs_analytics.month_start_on_or_after('renewal_date') }} as renewal_judged_month,
        {{ cs_analytics.month_start_on_or_after('start_date') }} as first_billed_month
    from renewing_lines

),

renewing_lines_judged as (

    select * from renewing_lines_dated
    where renewal_judged_month > first_billed_month

),

renewals as (

    select
        account_id,
        renewal_judged_month,
        min(renewal_date) as renewal_date,
        case
            when min(renewal_basis) = max(renewal_basis) then min(renewal_basis)
            else 'line_end_and_anniversary'
        end as renewal_basis,
        count(*) as renewing_lines,
        sum(mrr) as mrr_up_for_renewal
    from renewing_lines_judged
    group by account_id, renewal_judged_month

),

renewals_with_mrr as (

    select
        renewals.account_id,
        renewals.renewal_date,
        renewals.renewal_judged_month,
        renewals.renewal_basis,
        renewals.renewing_lines,
        renewals.mrr_up_for_renewal,
        renewals.renewal_judged_month <= as_of.as_of_month_start as is_renewal_due,
        coalesce(mrr_before.mrr, 0) as mrr_before_renewal,
        coalesce(mrr_after.mrr, 0) as mrr_after_renewal
    from renewals
    cross join as_of
    left join mrr_monthly as mrr_before
        on
            renewals.account_id = mrr_before.account_id
            and cast({{ dbt.dateadd('month', -1, 'renewals.renewal_judged_month') }} as date) = mrr_before.month_start
    left join mrr_monthly as mrr_after
        on
            renewals.account_id = mrr_after.account_id
            and renewals.renewal_judged_month = mrr_after.month_start

),

classified as (

    select
        *,
        case
            when not is_renewal_due then 'open'
            when mrr_after_renewal = 0 then 'churned'
            when mrr_after_renewal > mrr_before_renewal then 'renewed_expansion'
            when mrr_after_renewal < mrr_before_renewal then 'renewed_contraction'
            else 'renewed_flat'
        end as renewal_outcome,
        case
            when not is_renewal_due then null
            when mrr_after_renewal = 0 then 0
            when mrr_up_for_renewal + mrr_after_renewal - mrr_before_renewal < 0 then 0
            else mrr_up_for_renewal + mrr_after_renewal - mrr_before_renewal
        end as renewed_mrr
    from renewals_with_mrr

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key(['account_id', 'renewal_date']) }} as renewal_key,
        account_id,

        -- strings
        cast(renewal_basis as {{ cs_analytics.type_varchar() }}) as renewal_basis,
        cast(renewal_outcome as {{ cs_analytics.type_varchar() }}) as renewal_outcome,

        -- numerics
        cast(renewing_lines as integer) as renewing_lines,
        cast(12 * mrr_up_for_renewal as decimal(18, 2)) as arr_up_for_renewal,
        case when is_renewal_due then cast(12 * mrr_before_renewal as decimal(18, 2)) end as arr_before_renewal,
        case when is_renewal_due then cast(12 * mrr_after_renewal as decimal(18, 2)) end as arr_after_renewal,
        cast(12 * renewed_mrr as decimal(18, 2)) as renewed_arr,
        cast(
            12 * case when renewed_mrr > mrr_up_for_renewal then mrr_up_for_renewal else renewed_mrr end
            as decimal(18, 2)
        ) as gross_renewed_arr,

        -- booleans
        is_renewal_due,

        -- dates
        renewal_date,
        renewal_judged_month

    from classified

)

select * from final
