{#-
    One row per success plan: who owns it, its status, how often it was
    updated and how long ago. Updates are the `success_plan_update`
    activities logged on the plan's account from the day the plan was
    created to the day it was closed (or the as-of date while it is open).
    Days since the last update run to the as-of date for an open plan and
    to the close day for a closed one. A plan not updated for long is a plan
    nobody is steering by.
-#}

with plans as (

    select * from {{ ref('stg_cs_platform__success_plans') }}

),

activities as (

    select * from {{ ref('int_activities_classified') }}

),

ctas as (

    select * from {{ ref('int_ctas_enriched') }}

),

months as (

    select * from {{ ref('int_months') }}

),

as_of as (

    select max(as_of_date) as as_of_date
    from months

),

plan_windows as (

    select
        plans.*,
        as_of.as_of_date,
        cast(plans.created_at as date) as created_date,
        case
            when plans.closed_at is not null and cast(plans.closed_at as date) <= as_of.as_of_date
                then cast(plans.closed_at as date)
            else as_of.as_of_date
        end as window_end_date
    from plans
    cross join as_of

),

updates as (

    select
        plan_windows.success_plan_id,
        count(*) as updates,
        max(activities.occurred_at) as last_updated_at,
        max(activities.activity_date) as last_updated_date
    from plan_windows
    inner join activities
        on
            plan_windows.account_id = activities.account_id
            and activities.activity_type = 'success_plan_update'
            and plan_windows.created_date <= activities.activity_date
            and plan_windows.window_end_date >= activities.activity_date
    group by plan_windows.success_plan_id

),

plan_update_dates as (

    select
        plan_windows.success_plan_id,
        coalesce(updates.last_updated_date, plan_windows.created_date) as last_touch_date
    from plan_windows
    left join updates
        on plan_windows.success_plan_id = updates.success_plan_id

),

plan_ctas as (

    select
        success_plan_id,
        count(*) as ctas,
        sum(case when not is_closed then 1 else 0 end) as open_ctas
    from ctas
    where success_plan_id is not null
    group by success_plan_id

),

final as (

    select
        -- ids
        cast(plan_windows.success_plan_id as {{ cs_analytics.type_varchar() }}) as success_plan_id,
        cast(plan_windows.account_id as {{ cs_analytics.type_varchar() }}) as account_id,
        cast(plan_windows.owner_user_id as {{ cs_analytics.type_varchar() }}) as owner_user_id,

        -- strings
        cast(plan_windows.status as {{ cs_analytics.type_varchar() }}) as status,

        -- numerics
        cast(coalesce(updates.updates, 0) as bigint) as updates,
        cast(
            {{ dbt.datediff(
                'plan_update_dates.last_touch_date',
                'plan_windows.window_end_date',
                'day'
            ) }} as integer
        ) as days_since_last_update,
        cast(
            {{ dbt.datediff(
                'plan_windows.created_date',
                'plan_windows.window_end_date',
                'day'
            ) }} as integer
        ) as days_active,
        cast(coalesce(plan_ctas.ctas, 0) as bigint) as ctas,
        cast(coalesce(plan_ctas.open_ctas, 0) as bigint) as open_ctas,

        -- booleans
        cast(plan_windows.closed_at is not null as boolean) as is_closed,
        cast(
            plan_windows.closed_at is null
            and plan_windows.due_date is not null
            and plan_windows.due_date < plan_windows.as_of_date as boolean
        ) as is_past_due,

        -- dates
        cast(plan_windows.due_date as date) as due_date,

        -- timestamps
        cast(plan_windows.created_at as timestamp) as created_at,
        cast(plan_windows.updated_at as timestamp) as updated_at,
        cast(plan_windows.closed_at as timestamp) as closed_at,
        cast(updates.last_updated_at as timestamp) as last_update_activity_at

    from plan_windows
    left join updates
        on plan_windows.success_plan_id = updates.success_plan_id
    left join plan_update_dates
        on plan_windows.success_plan_id = plan_update_dates.success_plan_id
    left join plan_ctas
        on plan_windows.success_plan_id = plan_ctas.success_plan_id

)

select * from final
