{#-
    Onboarding and time to value per account: one row per account whose
    onboarding the CS platform tracks, from `int_onboarding_milestones_pivoted_to_accounts`,
    with the account's and the onboarding CSM's names for BI.
-#}

with onboarding as (

    select * from {{ ref('int_onboarding_milestones_pivoted_to_accounts') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

users as (

    select * from {{ ref('int_users_labelled') }}

),

final as (

    select
        -- ids
        onboarding.account_id,
        onboarding.csm_user_id,

        -- strings
        accounts.account_name,
        users.display_name as csm_display_name,
        onboarding.segment,
        onboarding.coverage_model,

        -- numerics
        onboarding.days_to_kickoff,
        onboarding.days_to_go_live,
        onboarding.days_to_first_value,
        onboarding.days_since_contract_start,
        onboarding.target_days_to_go_live,
        onboarding.target_days_to_first_value,

        -- booleans
        onboarding.has_kicked_off,
        onboarding.is_live,
        onboarding.has_reached_first_value,
        onboarding.is_go_live_judged,
        onboarding.is_live_on_time,
        onboarding.is_first_value_judged,
        onboarding.is_first_value_on_time,

        -- dates
        onboarding.first_contract_date,
        onboarding.cohort_month,
        onboarding.kickoff_date,
        onboarding.go_live_date,
        onboarding.first_value_date

    from onboarding
    left join accounts
        on onboarding.account_id = accounts.account_id
    left join users
        on onboarding.csm_user_id = users.user_id

)

select * from final
