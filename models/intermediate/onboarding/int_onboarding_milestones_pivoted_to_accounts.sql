{#-
    Onboarding per account: one row per account whose onboarding the CS
    platform tracks, with the first kickoff, go-live and first-value
    milestones, the days from the first contract start to each, the targets
    of its tier and segment (reference table `onboarding_targets`; a row for
    the account's segment overrides the tier's `all` row) and whether each
    target was met.

    - Tracked accounts: those with an onboarding milestone, and those whose
      first contract started on or after the first onboarding milestone the
      CS platform recorded (a customer from before that history has no
      milestones to miss).
    - Milestones after the as-of date are not yet known and ignored; a
      milestone logged before the contract start counts (negative days).
    - Onboarding is complete at go-live. A target is judged once the account
      reached it or its window has passed (days since the contract start at
      the as-of date above the target); until then it is in progress and in
      neither numerator nor denominator of an on-time rate.
    - The CSM is the owner on the day the first contract started.
-#}

with milestones as (

    select * from {{ ref('stg_cs_platform__milestones') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

assignments as (

    select * from {{ ref('int_account_csm_assignments') }}

),

targets as (

    select * from {{ cs_analytics.reference_table('onboarding_targets') }}

),

months as (

    select * from {{ ref('int_months') }}

),

as_of as (

    select max(as_of_date) as as_of_date
    from months

),

onboarding_milestones as (

    select
        milestones.account_id,
        milestones.milestone_type,
        cast(milestones.achieved_at as date) as achieved_date
    from milestones
    cross join as_of
    where
        milestones.milestone_type in ('kickoff', 'go_live', 'first_value')
        and milestones.account_id is not null
        and cast(milestones.achieved_at as date) <= as_of.as_of_date

),

history as (

    select min(achieved_date) as first_onboarding_milestone_date
    from onboarding_milestones

),

per_account as (

    select
        account_id,
        min(case when milestone_type = 'kickoff' then achieved_date end) as kickoff_date,
        min(case when milestone_type = 'go_live' then achieved_date end) as go_live_date,
        min(case when milestone_type = 'first_value' then achieved_date end) as first_value_date
    from onboarding_milestones
    group by account_id

),

tracked as (

    select
        accounts.account_id,
        accounts.segment,
        accounts.coverage_model,
        accounts.first_contract_date,
        per_account.kickoff_date,
        per_account.go_live_date,
        per_account.first_value_date,
        as_of.as_of_date
    from accounts
    cross join history
    cross join as_of
    left join per_account
        on accounts.account_id = per_account.account_id
    where
        accounts.first_contract_date is not null
        and accounts.first_contract_date <= as_of.as_of_date
        and (
            per_account.account_id is not null
            or accounts.first_contract_date >= history.first_onboarding_milestone_date
        )

),

measured as (

    select
        tracked.*,
        assignments.csm_user_id,
        coalesce(segment_targets.target_days_to_go_live, tier_defaults.target_days_to_go_live)
            as target_days_to_go_live,
        coalesce(segment_targets.target_days_to_first_value, tier_defaults.target_days_to_first_value)
            as target_days_to_first_value
    from tracked
    left join assignments
        on
            tracked.account_id = assignments.account_id
            and tracked.first_contract_date >= assignments.valid_from
            and (assignments.valid_to is null or tracked.first_contract_date < assignments.valid_to)
    left join targets as segment_targets
        on
            tracked.coverage_model = segment_targets.coverage_model
            and tracked.segment = segment_targets.segment
    left join targets as tier_defaults
        on
            tracked.coverage_model = tier_defaults.coverage_model
            and tier_defaults.segment = 'all'

),

days_measured as (

    select
        *,
        {{ dbt.datediff(
            'first_contract_date',
            'kickoff_date',
            'day'
        ) }} as days_to_kickoff,
        {{ dbt.datediff(
            'first_contract_date',
            'go_live_date',
            'day'
        ) }} as days_to_go_live,
        {{ dbt.datediff(
            'first_contract_date',
            'first_value_date',
            'day'
        ) }} as days_to_first_value,
        {{ dbt.datediff(
            'first_contract_date',
            'as_of_date',
            'day'
        ) }} as days_since_contract_start
    from measured

),

final as (

    select
        -- ids
        account_id,
        csm_user_id,

        -- strings
        segment,
        coverage_model,

        -- numerics
        cast(days_to_kickoff as integer) as days_to_kickoff,
        cast(days_to_go_live as integer) as days_to_go_live,
        cast(days_to_first_value as integer) as days_to_first_value,
        cast(days_since_contract_start as integer) as days_since_contract_start,
        cast(target_days_to_go_live as integer) as target_days_to_go_live,
        cast(target_days_to_first_value as integer) as target_days_to_first_value,

        -- booleans
        kickoff_date is not null as has_kicked_off,
        go_live_date is not null as is_live,
        first_value_date is not null as has_reached_first_value,
        go_live_date is not null or days_since_contract_start > target_days_to_go_live as is_go_live_judged,
        coalesce(days_to_go_live <= target_days_to_go_live, false) as is_live_on_time,
        first_value_date is not null
        or days_since_contract_start > target_days_to_first_value as is_first_value_judged,
        coalesce(days_to_first_value <= target_days_to_first_value, false) as is_first_value_on_time,

        -- dates
        first_contract_date,
        cast({{ dbt.date_trunc('month', 'first_contract_date') }} as date) as cohort_month,
        kickoff_date,
        go_live_date,
        first_value_date

    from days_measured

)

select * from final
