{#-
    Feature adoption milestones per account (seed `feature_milestones`): a
    milestone is reached on the first day its feature had at least the
    threshold number of active users, and is due `within_days` after the
    account's first contract date. Only accounts whose first contract falls
    inside the feature-usage history are measured: for older customers the
    usage before the feed started is unknown.
-#}

with feature_usage as (

    select * from {{ ref('stg_product__feature_usage_daily') }}

),

milestones as (

    select * from {{ cs_analytics.reference_table('feature_milestones') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

usage_coverage as (

    select min(usage_date) as first_usage_date
    from feature_usage

),

reached as (

    select
        feature_usage.account_id,
        milestones.milestone,
        min(feature_usage.usage_date) as reached_date
    from feature_usage
    inner join milestones
        on
            feature_usage.feature_key = milestones.feature_key
            and feature_usage.active_users >= milestones.threshold_active_users
    group by feature_usage.account_id, milestones.milestone

),

due as (

    select
        accounts.account_id,
        milestones.milestone,
        milestones.feature_key,
        milestones.within_days,
        accounts.first_contract_date,
        cast({{ dbt.dateadd('day', 'milestones.within_days', 'accounts.first_contract_date') }} as date) as due_date
    from accounts
    cross join milestones
    cross join usage_coverage
    where accounts.first_contract_date >= usage_coverage.first_usage_date

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key(['due.account_id', 'due.milestone']) }} as account_milestone_key,
        due.account_id,

        -- strings
        due.milestone,
        due.feature_key,

        -- numerics
        due.within_days,

        -- booleans
        reached.reached_date is not null as is_reached,
        coalesce(reached.reached_date <= due.due_date, false) as is_reached_on_time,

        -- dates
        due.first_contract_date,
        due.due_date,
        cast({{ dbt.date_trunc('month', 'due.due_date') }} as date) as due_month,
        reached.reached_date

    from due
    left join reached
        on
            due.account_id = reached.account_id
            and due.milestone = reached.milestone

)

select * from final
