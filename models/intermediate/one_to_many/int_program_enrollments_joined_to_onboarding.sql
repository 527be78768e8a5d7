{#-
    Each enrollment in an onboarding program (program_type = 'onboarding'),
    treated or holdout, with the onboarding outcomes its account reached:
    days from the first contract to kickoff and to go-live, and whether it
    went live within the target (reference seed `onboarding_targets`).

    Only enrollments made while the account was onboarding count: the
    account's onboarding is tracked (int_onboarding_milestones_pivoted_to_accounts)
    and the enrollment falls on or before the go-live target day
    (first contract date + target days to go-live). Both conditions are
    known when the account enrolls, so treated and holdout enrollments are
    chosen alike (an outcome-based filter such as "not live yet" would favour
    whichever group goes live slower).
-#}

with enrollments as (

    select * from {{ ref('stg_digital__program_enrollments') }}

),

programs as (

    select * from {{ ref('stg_digital__programs') }}

),

onboarding as (

    select * from {{ ref('int_onboarding_milestones_pivoted_to_accounts') }}

),

onboarding_enrollments as (

    select
        enrollments.enrollment_id,
        enrollments.program_id,
        enrollments.account_id,
        enrollments.is_holdout,
        cast(enrollments.enrolled_at as date) as enrolled_date
    from enrollments
    inner join programs
        on enrollments.program_id = programs.program_id
    where
        programs.program_type = 'onboarding'
        and enrollments.enrolled_at is not null
        and enrollments.is_holdout is not null

),

joined as (

    select
        onboarding_enrollments.*,
        onboarding.first_contract_date,
        onboarding.target_days_to_go_live,
        onboarding.days_to_kickoff,
        onboarding.days_to_go_live,
        onboarding.has_kicked_off,
        onboarding.is_live,
        onboarding.is_go_live_judged,
        onboarding.is_live_on_time
    from onboarding_enrollments
    inner join onboarding
        on onboarding_enrollments.account_id = onboarding.account_id
    where
        onboarding_enrollments.enrolled_date
        <= cast({{ dbt.dateadd('day', 'onboarding.target_days_to_go_live', 'onboarding.first_contract_date') }} as date)

),

final as (

    select
        -- ids
        enrollment_id,
        program_id,
        account_id,

        -- numerics
        days_to_kickoff,
        days_to_go_live,
        target_days_to_go_live,

        -- booleans
        is_holdout,
        has_kicked_off,
        is_live,
        is_go_live_judged,
        is_live_on_time,

        -- dates
        enrolled_date,
        cast({{ dbt.date_trunc('month', 'enrolled_date') }} as date) as enrolled_month,
        first_contract_date

    from joined

)

select * from final
