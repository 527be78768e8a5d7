{#-
    The last two steps of the health fact models (adoption and engagement
    facts): each dated fact moved onto the account's customer-day spine (a
    fact before the account's first day counts on its first day; one after
    its last day, or undated, is dropped), then summed per account, day and
    measure. Emits the CTEs `clamped_facts` and `final`; the caller ends
    with `select * from final`.
-#}
{% macro health_facts_by_day(facts, bounds) -%}
clamped_facts as (

    select
        {{ facts }}.account_id,
        {{ facts }}.measure,
        {{ facts }}.measure_value,
        {{ facts }}.measure_date,
        case
            when {{ facts }}.fact_date < {{ bounds }}.first_date then {{ bounds }}.first_date
            else {{ facts }}.fact_date
        end as date_day
    from {{ facts }}
    inner join {{ bounds }}
        on {{ facts }}.account_id = {{ bounds }}.account_id
    where
        {{ facts }}.fact_date is not null
        and {{ facts }}.fact_date <= {{ bounds }}.last_date

),

final as (

    select
        -- ids
        account_id,

        -- strings
        measure,

        -- numerics
        sum(measure_value) as measure_value,

        -- dates
        max(measure_date) as measure_date,
        date_day
    from clamped_facts
    group by account_id, date_day, measure

)
{%- endmacro %}
