{#-
    The lifecycle stage of every customer on the first day of each month,
    from its first paying month to the as-of month. One rule, first match
    wins:

    1. `churned`: the account pays nothing this month (MRR 0 on the 1st).
    2. `onboarding`: its onboarding is tracked, it is not live yet (no
       go-live on or before the 1st) and its first contract started less
       than var `onboarding_max_days` (default 180) days before; an account
       that never logs a go-live leaves onboarding after that.
    3. `at_risk`: its health band on the 1st is red (`int_account_health_monthly`),
       read only once the score's 90-day look-back is complete (the first
       months of the health history see too little to call risk).
    4. `renewing`: a renewal (`int_subscriptions_grouped_to_renewals`) falls
       within var `renewal_window_days` (default 120, the renewal playbook's
       window) from the 1st.
    5. `adopting`: its first contract started less than var
       `lifecycle_mature_after_days` (default 365) days before.
    6. `mature`: every other paying customer.
-#}

{%- set onboarding_max_days = var('onboarding_max_days', 180) %}
{%- set renewal_window_days = var('renewal_window_days', 120) %}
{%- set mature_after_days = var('lifecycle_mature_after_days', 365) %}

with months as (

    select * from {{ ref('int_months') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

mrr_monthly as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

onboarding as (

    select * from {{ ref('int_onboarding_milestones_pivoted_to_accounts') }}

),

health_monthly as (

    select * from {{ ref('int_account_health_monthly') }}

),

renewals as (

    select * from {{ ref('int_subscriptions_grouped_to_renewals') }}

),

first_paying_months as (

    select
        account_id,
        min(month_start) as first_paying_month
    from mrr_monthly
    where mrr > 0
    group by account_id

),

spine as (

    select
        accounts.account_id,
        accounts.first_contract_date,
        months.month_start
    from accounts
    inner join first_paying_months
        on accounts.account_id = first_paying_months.account_id
    inner join months
        on first_paying_months.first_paying_month <= months.month_start

),

renewal_windows as (

    select distinct
        renewals.account_id,
        months.month_start
    from renewals
    inner join months
        on
            renewals.renewal_date >= months.month_start
            and renewals.renewal_date
            < cast({{ dbt.dateadd('day', renewal_window_days, 'months.month_start') }} as date)

),

signals as (

    select
        spine.account_id,
        spine.month_start,
        coalesce(mrr_monthly.mrr, 0) as mrr,
        onboarding.account_id is not null as is_onboarding_tracked,
        coalesce(onboarding.go_live_date <= spine.month_start, false) as is_live,
        health_monthly.health_band,
        coalesce(health_monthly.is_lookback_complete, false) as is_health_lookback_complete,
        renewal_windows.account_id is not null as has_renewal_in_window,
        {{ dbt.datediff(
            'spine.first_contract_date',
            'spine.month_start',
            'day'
        ) }} as days_since_first_contract
    from spine
    left join mrr_monthly
        on
            spine.account_id = mrr_monthly.account_id
            and spine.month_start = mrr_monthly.month_start
    left join onboarding
        on spine.account_id = onboarding.account_id
    left join health_monthly
        on
            spine.account_id = health_monthly.account_id
            and spine.month_start = health_monthly.month_start
    left join renewal_windows
        on
            spine.account_id = renewal_windows.account_id
            and spine.month_start = renewal_windows.month_start

),

final as (

    select
        -- ids
        account_id,

        -- strings
        case
            when mrr <= 0 then 'churned'
            when
                is_onboarding_tracked
                and not is_live
                and days_since_first_contract < {{ onboarding_max_days }}
                then 'onboarding'
            when health_band = 'red' and is_health_lookback_complete then 'at_risk'
            when has_renewal_in_window then 'renewing'
            when days_since_first_contract < {{ mature_after_days }} then 'adopting'
            else 'mature'
        end as lifecycle_stage,
        health_band,

        -- numerics
        mrr,
        cast(days_since_first_contract as integer) as days_since_first_contract,

        -- booleans
        is_onboarding_tracked,
        is_live,
        has_renewal_in_window,

        -- dates
        month_start

    from signals

)

select * from final
