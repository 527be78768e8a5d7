{#-
    The calendar MetricFlow joins metrics to: one row per day. The range is
    fixed and generous (2015 to 2035) so that no contract, send or CTA falls
    outside it; MetricFlow only reads the days a query asks for.
-#}

with days as (

    {{ dbt.date_spine(
        datepart="day",
        start_date="cast('2015-01-01' as date)",
        end_date="cast('2036-01-01' as date)",
    ) }}

),

final as (

    select cast(date_day as date) as date_day
    from days

)

select * from final
