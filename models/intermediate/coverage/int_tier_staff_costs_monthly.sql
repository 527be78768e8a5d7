{#-
    The people cost of covering each coverage model (tier) per month: the
    digital CSMs employed in the month (CRM monthly_cost) split over the
    tiers by their share of the paying accounts digital CSMs owned on the
    1st, and the named CSMs' loaded cost split by their books' tier shares
    (int_csm_costs_allocated_to_tiers). The tier is the account's current
    CRM coverage model (`unknown` when none). Rolled up into
    fct_one_to_many_monthly.
-#}

with months as (

    select * from {{ ref('int_months') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

users as (

    select * from {{ ref('stg_crm__users') }}

),

owners as (

    select * from {{ ref('int_account_owners_monthly') }}

),

mrr_monthly as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

csm_costs as (

    select * from {{ ref('int_csm_costs_allocated_to_tiers') }}

),

account_tiers as (

    select
        account_id,
        coalesce(coverage_model, 'unknown') as coverage_model
    from accounts

),

digital_csm_cost_monthly as (

    select
        months.month_start,
        sum(users.monthly_cost) as digital_csm_cost
    from months
    inner join users
        on
            users.role = 'digital_csm'
            and (users.hired_at is null or months.month_end > users.hired_at)
            and (users.terminated_at is null or months.month_start <= users.terminated_at)
    group by months.month_start

),

digital_owned_by_tier as (

    select
        account_tiers.coverage_model,
        owners.month_start,
        count(*) as digital_owned_accounts
    from owners
    inner join account_tiers
        on owners.account_id = account_tiers.account_id
    inner join mrr_monthly
        on
            owners.account_id = mrr_monthly.account_id
            and owners.month_start = mrr_monthly.month_start
    where owners.owner_role = 'digital_csm' and mrr_monthly.mrr > 0
    group by account_tiers.coverage_model, owners.month_start

),

digital_owned_total as (

    select
        month_start,
        sum(digital_owned_accounts) as digital_owned_accounts
    from digital_owned_by_tier
    group by month_start

),

digital_csm_cost_allocated as (

    select
        digital_owned_by_tier.coverage_model,
        digital_owned_by_tier.month_start,
        digital_csm_cost_monthly.digital_csm_cost * digital_owned_by_tier.digital_owned_accounts
        / digital_owned_total.digital_owned_accounts as digital_csm_cost_allocated
    from digital_owned_by_tier
    inner join digital_owned_total
        on digital_owned_by_tier.month_start = digital_owned_total.month_start
    inner join digital_csm_cost_monthly
        on digital_owned_by_tier.month_start = digital_csm_cost_monthly.month_start

),

csm_cost_allocated as (

    select
        coverage_model,
        month_start,
        sum(cost_allocated) as csm_cost_allocated
    from csm_costs
    group by coverage_model, month_start

),

tier_months as (

    select
        coverage_model,
        month_start
    from digital_csm_cost_allocated
    union
    select
        coverage_model,
        month_start
    from csm_cost_allocated

),

final as (

    select
        -- strings
        tier_months.coverage_model,

        -- dates
        tier_months.month_start,

        -- numerics
        cast(
            coalesce(digital_csm_cost_allocated.digital_csm_cost_allocated, 0) as {{ cs_analytics.type_double() }}
        ) as digital_csm_cost_allocated,
        cast(coalesce(csm_cost_allocated.csm_cost_allocated, 0) as decimal(38, 2)) as csm_cost_allocated

    from tier_months
    left join digital_csm_cost_allocated
        on
            tier_months.coverage_model = digital_csm_cost_allocated.coverage_model
            and tier_months.month_start = digital_csm_cost_allocated.month_start
    left join csm_cost_allocated
        on
            tier_months.coverage_model = csm_cost_allocated.coverage_model
            and tier_months.month_start = csm_cost_allocated.month_start

)

select * from final
