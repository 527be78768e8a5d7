{#-
    One row per 1:many program and month from the program's first month
    (launch, first enrollment, send or cost, whichever is earliest) to the
    as-of month: the month spine of fct_program_monthly.
-#}

with programs as (

    select * from {{ ref('stg_digital__programs') }}

),

months as (

    select * from {{ ref('int_months') }}

),

enrollments as (

    select * from {{ ref('int_program_enrollments_joined_to_outcomes') }}

),

sends as (

    select * from {{ ref('int_email_events_aggregated_to_sends') }}

),

program_costs as (

    select * from {{ ref('stg_digital__program_costs') }}

),

program_months_seen as (

    select
        program_id,
        cast({{ dbt.date_trunc('month', 'launched_at') }} as date) as month_start
    from programs
    union all
    select
        program_id,
        enrolled_month as month_start
    from enrollments
    union all
    select
        program_id,
        sent_month as month_start
    from sends
    union all
    select
        program_id,
        cast({{ dbt.date_trunc('month', 'cost_month') }} as date) as month_start
    from program_costs

),

program_first_months as (

    select
        program_id,
        min(month_start) as first_month
    from program_months_seen
    where program_id is not null
    group by program_id

),

final as (

    select
        program_first_months.program_id,
        months.month_start
    from program_first_months
    inner join months
        on program_first_months.first_month <= months.month_start

)

select * from final
