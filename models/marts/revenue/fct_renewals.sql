{#-
    Renewals: one row per account and renewal date (the rule and the outcome
    are `int_subscriptions_grouped_to_renewals`'s), with what a CS leader
    looks at before it: the CSM who owned the account on the 1st of the
    renewal month (the as-of month's owner for renewals after it), the
    health band and score on the day the renewal window opens (var
    `renewal_window_days` before the renewal date; the as-of date when that
    day is still ahead) and their 30-day trend, and the account's renewal
    opportunity (CRM type `renewal`): each is assigned to the account's first
    renewal on or after the day it was created, the latest one shown.
-#}

{%- set window_days = var('renewal_window_days', 120) %}

with renewals as (

    select * from {{ ref('int_subscriptions_grouped_to_renewals') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

owners as (

    select * from {{ ref('int_account_owners_monthly') }}

),

user_labels as (

    select * from {{ ref('int_users_labelled') }}

),

health as (

    select * from {{ ref('int_account_health_daily') }}

),

opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

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

renewals_dated as (

    select
        renewals.*,
        as_of.as_of_date,
        cast({{ dbt.date_trunc('month', 'renewals.renewal_date') }} as date) as renewal_month,
        cast({{ dbt.date_trunc('quarter', 'renewals.renewal_date') }} as date) as renewal_quarter,
        cast({{ dbt.dateadd('day', -window_days, 'renewals.renewal_date') }} as date) as renewal_window_start_date,
        case
            when cast({{ dbt.date_trunc('month', 'renewals.renewal_date') }} as date) > as_of.as_of_month_start
                then as_of.as_of_month_start
            else cast({{ dbt.date_trunc('month', 'renewals.renewal_date') }} as date)
        end as owner_month
    from renewals
    cross join as_of

),

renewals_health_dated as (

    select
        *,
        case
            when renewal_window_start_date > as_of_date then as_of_date
            else renewal_window_start_date
        end as health_date
    from renewals_dated

),

renewal_opportunities as (

    select
        opportunities.opportunity_id,
        opportunities.account_id,
        opportunities.stage,
        opportunities.amount_arr,
        opportunities.is_closed,
        opportunities.is_won,
        opportunities.created_at,
        renewals.renewal_date,
        row_number() over (
            partition by opportunities.opportunity_id
            order by renewals.renewal_date
        ) as renewal_rank
    from opportunities
    inner join renewals
        on
            opportunities.account_id = renewals.account_id
            and cast(opportunities.created_at as date) <= renewals.renewal_date
    where opportunities.opportunity_type = 'renewal'

),

opportunities_ranked as (

    select
        *,
        row_number() over (
            partition by account_id, renewal_date
            order by created_at desc, opportunity_id desc
        ) as opportunity_rank
    from renewal_opportunities
    where renewal_rank = 1

),

latest_opportunity as (

    select * from opportunities_ranked
    where opportunity_rank = 1

),

final as (

    select
        -- ids
        renewals_health_dated.renewal_key,
        renewals_health_dated.account_id,
        owners.csm_user_id,
        latest_opportunity.opportunity_id as renewal_opportunity_id,

        -- strings
        accounts.account_name,
        user_labels.display_name as csm_display_name,
        coalesce(accounts.segment, 'unknown') as segment,
        coalesce(accounts.coverage_model, 'unknown') as coverage_model,
        renewals_health_dated.renewal_basis,
        renewals_health_dated.renewal_outcome,
        health_at_window.health_band as health_band_at_window_start,
        latest_opportunity.stage as renewal_opportunity_stage,

        -- numerics
        renewals_health_dated.renewing_lines,
        renewals_health_dated.arr_up_for_renewal,
        renewals_health_dated.arr_before_renewal,
        renewals_health_dated.arr_after_renewal,
        renewals_health_dated.renewed_arr,
        renewals_health_dated.gross_renewed_arr,
        cast(
            {{ dbt.datediff('renewals_health_dated.as_of_date', 'renewals_health_dated.renewal_date', 'day') }}
            as integer
        ) as days_to_renewal,
        cast(health_at_window.health_score as decimal(18, 2)) as health_score_at_window_start,
        cast(health_at_window.health_score - health_30d_before.health_score as decimal(18, 2))
            as health_score_change_30d,
        cast(latest_opportunity.amount_arr as decimal(18, 2)) as renewal_opportunity_arr,

        -- booleans
        renewals_health_dated.is_renewal_due,
        coalesce(latest_opportunity.opportunity_id is not null and not latest_opportunity.is_closed, false)
            as has_open_renewal_opportunity,

        -- dates
        renewals_health_dated.renewal_date,
        renewals_health_dated.renewal_month,
        renewals_health_dated.renewal_quarter,
        renewals_health_dated.renewal_judged_month,
        renewals_health_dated.renewal_window_start_date,
        renewals_health_dated.health_date

    from renewals_health_dated
    left join accounts
        on renewals_health_dated.account_id = accounts.account_id
    left join owners
        on
            renewals_health_dated.account_id = owners.account_id
            and renewals_health_dated.owner_month = owners.month_start
    left join user_labels
        on owners.csm_user_id = user_labels.user_id
    left join health as health_at_window
        on
            renewals_health_dated.account_id = health_at_window.account_id
            and renewals_health_dated.health_date = health_at_window.date_day
    left join health as health_30d_before
        on
            renewals_health_dated.account_id = health_30d_before.account_id
            and cast({{ dbt.dateadd('day', -30, 'renewals_health_dated.health_date') }} as date)
            = health_30d_before.date_day
    left join latest_opportunity
        on
            renewals_health_dated.account_id = latest_opportunity.account_id
            and renewals_health_dated.renewal_date = latest_opportunity.renewal_date

)

select * from final
