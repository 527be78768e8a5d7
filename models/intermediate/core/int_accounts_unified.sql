{#-
    The account universe the marts report on: every CRM account plus every
    account billing has revenue for, one row each. An account that billing
    knows but the CRM does not is kept (segment and coverage model
    `unknown`) so its revenue is never dropped from retention figures. A
    soft-deleted CRM account is kept when billing has subscription lines for
    it (flagged `is_deleted`) and left out otherwise: leaving it out then
    loses no revenue.
-#}

with accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

subscriptions as (

    select * from {{ ref('stg_billing__subscriptions') }}

),

billing_accounts as (

    select
        account_id,
        min(case when mrr > 0 then start_date end) as first_contract_date,
        count(*) as subscription_lines
    from subscriptions
    where account_id is not null
    group by account_id

),

account_ids as (

    select account_id from accounts
    union
    select account_id from billing_accounts

),

final as (

    select
        -- ids
        account_ids.account_id,
        accounts.parent_account_id,

        -- strings
        accounts.account_name,
        coalesce(accounts.segment, 'unknown') as segment,
        coalesce(accounts.coverage_model, 'unknown') as coverage_model,
        accounts.industry,
        accounts.region,

        -- numerics
        coalesce(billing_accounts.subscription_lines, 0) as subscription_lines,

        -- booleans
        coalesce(accounts.is_deleted, false) as is_deleted,
        accounts.account_id is not null as is_in_crm,
        billing_accounts.account_id is not null as has_billing_history,

        -- dates
        billing_accounts.first_contract_date,

        -- timestamps
        accounts.created_at

    from account_ids
    left join accounts
        on account_ids.account_id = accounts.account_id
    left join billing_accounts
        on account_ids.account_id = billing_accounts.account_id
    where
        account_ids.account_id is not null
        and not (coalesce(accounts.is_deleted, false) and billing_accounts.account_id is null)

)

select * from final
