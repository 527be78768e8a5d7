{#-
    One row per 1:many program and month with CSQLs created or closed: CSQLs
    (opportunities credited to the program) counted in the month created
    (sales accepted, pipeline ARR, those after a send, median days from the
    last send) and in the month closed (won, sales accepted, won ARR).
-#}

with opportunities as (

    select * from {{ ref('int_program_opportunities_joined_to_sends') }}

),

opportunities_created as (

    select
        program_id,
        created_month as month_start,
        count(*) as csqls,
        sum(case when is_sales_accepted then 1 else 0 end) as sales_accepted,
        sum(amount_arr) as csql_pipeline_arr,
        sum(case when last_send_id is not null then 1 else 0 end) as csqls_after_a_send,
        {{ cs_analytics.median('days_from_send_to_opportunity') }} as median_days_send_to_opportunity
    from opportunities
    where created_month is not null
    group by program_id, created_month

),

opportunities_closed as (

    select
        program_id,
        closed_month as month_start,
        count(*) as closed_csqls,
        sum(case when is_won then 1 else 0 end) as won_csqls,
        sum(case when is_sales_accepted then 1 else 0 end) as closed_sales_accepted,
        sum(case when is_sales_accepted and is_won then 1 else 0 end) as won_sales_accepted,
        sum(won_arr) as won_arr
    from opportunities
    where is_closed and closed_month is not null
    group by program_id, closed_month

),

program_months as (

    select
        program_id,
        month_start
    from opportunities_created
    union
    select
        program_id,
        month_start
    from opportunities_closed

),

final as (

    select
        program_months.program_id,
        program_months.month_start,
        coalesce(opportunities_created.csqls, 0) as csqls,
        coalesce(opportunities_created.sales_accepted, 0) as sales_accepted,
        coalesce(opportunities_created.csql_pipeline_arr, 0) as csql_pipeline_arr,
        coalesce(opportunities_created.csqls_after_a_send, 0) as csqls_after_a_send,
        opportunities_created.median_days_send_to_opportunity,
        coalesce(opportunities_closed.closed_csqls, 0) as closed_csqls,
        coalesce(opportunities_closed.won_csqls, 0) as won_csqls,
        coalesce(opportunities_closed.closed_sales_accepted, 0) as closed_sales_accepted,
        coalesce(opportunities_closed.won_sales_accepted, 0) as won_sales_accepted,
        coalesce(opportunities_closed.won_arr, 0) as won_arr
    from program_months
    left join opportunities_created
        on
            program_months.program_id = opportunities_created.program_id
            and program_months.month_start = opportunities_created.month_start
    left join opportunities_closed
        on
            program_months.program_id = opportunities_closed.program_id
            and program_months.month_start = opportunities_closed.month_start

)

select * from final
