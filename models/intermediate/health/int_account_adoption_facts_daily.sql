{#-
    The adoption facts behind the health score, one narrow row per account,
    day and measure (the day's total): active users of the day, a feature of the catalog coming
    into use (+1) or dropping out of use (-1), an adoption milestone starting
    to count (reached or due, whichever comes first) and one reached on time.
    Running totals over the day spine in `int_account_health_signals_daily`
    turn the +1 / -1 rows into features in use and milestones measured.

    Facts dated before the account's first spine day are moved to that day
    (they describe the state it starts in); facts after its last day are dropped.
-#}

with bounds as (

    select * from {{ ref('int_account_customer_day_bounds') }}

),

usage as (

    select * from {{ ref('int_account_usage_daily') }}

),

feature_periods as (

    select * from {{ ref('int_account_feature_use_periods') }}

),

feature_milestones as (

    select * from {{ cs_analytics.reference_table('feature_milestones') }}

),

milestones as (

    select * from {{ ref('int_csm_adoption_milestones') }}

),

usage_facts as (

    select
        account_id,
        usage_date as fact_date,
        'active_users' as measure,
        active_users as measure_value,
        cast(null as date) as measure_date
    from usage

),

feature_facts as (

    select
        feature_periods.account_id,
        feature_periods.first_used_date as fact_date,
        'feature_change' as measure,
        1 as measure_value,
        cast(null as date) as measure_date
    from feature_periods
    where feature_periods.feature_key in (select feature_milestones.feature_key from feature_milestones)

    union all

    select
        feature_periods.account_id,
        feature_periods.in_use_until as fact_date,
        'feature_change' as measure,
        -1 as measure_value,
        cast(null as date) as measure_date
    from feature_periods
    where feature_periods.feature_key in (select feature_milestones.feature_key from feature_milestones)

),

-- a milestone is measured from the day it is reached or falls due, whichever comes first
milestone_facts as (

    select
        account_id,
        case
            when reached_date is not null and reached_date < due_date then reached_date
            else due_date
        end as fact_date,
        'milestones_measured_change' as measure,
        1 as measure_value,
        cast(null as date) as measure_date
    from milestones

    union all

    select
        account_id,
        reached_date as fact_date,
        'milestones_on_time_change' as measure,
        1 as measure_value,
        cast(null as date) as measure_date
    from milestones
    where is_reached_on_time

),

stacked_facts as (

    select * from usage_facts
    union all
    select * from feature_facts
    union all
    select * from milestone_facts

),

{{ cs_analytics.health_facts_by_day('stacked_facts', 'bounds') }}

select * from final
