{#-
    The baseline the loss-of-sponsor playbook is compared with: for every
    account paying in a month, its next renewal after the month's first day
    and how it went, and whether it lost a sponsor in the 365 days up to the
    month's end.

    Renewal, as for CTAs (`int_ctas_joined_to_outcomes`): the first
    anniversary of the first contract date after the month's first day,
    judged on MRR in the first month starting on or after it (renewed: MRR >
    0; expanded: MRR above this month's). Lost a sponsor: a champion or
    executive-sponsor contact left (contacts.left_at), or a `champion_left`
    CTA was opened, in the 365 days up to the month's end.
-#}

{{ config(materialized='table') }}

with mrr_monthly as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

ctas as (

    select * from {{ ref('int_ctas_enriched') }}

),

months as (

    select * from {{ ref('int_months') }}

),

as_of as (

    select max(case when is_as_of_month then month_start end) as as_of_month_start
    from months

),

sponsor_losses as (

    select
        account_id,
        cast(left_at as date) as lost_date
    from contacts
    where
        (is_champion or is_exec_sponsor)
        and left_at is not null

    union all

    select
        account_id,
        created_date as lost_date
    from ctas
    where reason = 'champion_left'

),

paying_months as (

    select
        mrr_monthly.account_id,
        mrr_monthly.month_start,
        months.month_end,
        mrr_monthly.mrr,
        accounts.first_contract_date
    from mrr_monthly
    inner join months
        on mrr_monthly.month_start = months.month_start
    inner join accounts
        on mrr_monthly.account_id = accounts.account_id
    where
        mrr_monthly.mrr > 0
        and accounts.first_contract_date is not null

),

renewal_months as (

    select
        *,
        {{ cs_analytics.next_contract_anniversary('first_contract_date', 'month_start') }} as next_renewal_date,
        {{ cs_analytics.month_start_on_or_after(
            cs_analytics.next_contract_anniversary('first_contract_date', 'month_start')
        ) }} as renewal_judged_month
    from paying_months

),

losses_in_year as (

    select
        renewal_months.account_id,
        renewal_months.month_start,
        count(*) as sponsor_losses
    from renewal_months
    inner join sponsor_losses
        on
            renewal_months.account_id = sponsor_losses.account_id
            and renewal_months.month_end > sponsor_losses.lost_date
            and cast({{ dbt.dateadd('day', -365, 'renewal_months.month_end') }} as date)
            <= sponsor_losses.lost_date
    group by renewal_months.account_id, renewal_months.month_start

),

final as (

    select
        -- ids
        renewal_months.account_id,

        -- numerics
        cast(renewal_months.mrr as decimal(18, 2)) as mrr,
        case
            when renewal_months.renewal_judged_month <= as_of.as_of_month_start
                then cast(coalesce(mrr_at_renewal.mrr, 0) as decimal(18, 2))
        end as mrr_at_next_renewal,

        -- booleans
        coalesce(losses_in_year.sponsor_losses, 0) > 0 as has_lost_sponsor_12m,
        renewal_months.renewal_judged_month <= as_of.as_of_month_start as is_renewal_observed,
        case
            when renewal_months.renewal_judged_month <= as_of.as_of_month_start
                then coalesce(mrr_at_renewal.mrr, 0) > 0
        end as renewed_next_renewal,
        case
            when renewal_months.renewal_judged_month <= as_of.as_of_month_start
                then coalesce(mrr_at_renewal.mrr, 0) > renewal_months.mrr
        end as expanded_next_renewal,

        -- dates
        renewal_months.month_start,
        renewal_months.next_renewal_date,
        renewal_months.renewal_judged_month

    from renewal_months
    cross join as_of
    left join mrr_monthly as mrr_at_renewal
        on
            renewal_months.account_id = mrr_at_renewal.account_id
            and renewal_months.renewal_judged_month = mrr_at_renewal.month_start
    left join losses_in_year
        on
            renewal_months.account_id = losses_in_year.account_id
            and renewal_months.month_start = losses_in_year.month_start

)

select * from final
