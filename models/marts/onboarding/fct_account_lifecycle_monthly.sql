{#-
    The lifecycle stage of every customer per month (onboarding, adopting,
    mature, at risk, renewing, churned), read on the month's 1st by the rule
    in `int_account_lifecycle_stages_monthly`, with the owner on the 1st.
-#}

with stages as (

    select * from {{ ref('int_account_lifecycle_stages_monthly') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

owners as (

    select * from {{ ref('int_account_owners_monthly') }}

),

users as (

    select * from {{ ref('int_users_labelled') }}

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key(['stages.account_id', 'stages.month_start']) }} as account_month_key,
        stages.account_id,
        owners.csm_user_id,

        -- strings
        accounts.account_name,
        users.display_name as csm_display_name,
        accounts.segment,
        accounts.coverage_model,
        cast(stages.lifecycle_stage as {{ cs_analytics.type_varchar() }}) as lifecycle_stage,
        stages.health_band,

        -- numerics
        cast(stages.mrr as decimal(18, 2)) as mrr,
        stages.days_since_first_contract,

        -- booleans
        stages.is_onboarding_tracked,
        stages.is_live,
        stages.has_renewal_in_window,

        -- dates
        stages.month_start

    from stages
    left join accounts
        on stages.account_id = accounts.account_id
    left join owners
        on
            stages.account_id = owners.account_id
            and stages.month_start = owners.month_start
    left join users
        on owners.csm_user_id = users.user_id

)

select * from final
