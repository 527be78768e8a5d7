{#- The median of an expression within a group (aggregate, not a window).
    Used for response hours, days to close and days to convert. Returned as a
    fixed decimal (dbt.type_numeric()) on every engine, so round() and
    contracts behave the same (Postgres' percentile_cont returns double
    precision, which has no two-argument round). -#}
{% macro median(expr) -%}
    cast({{ adapter.dispatch('median', 'cs_analytics')(expr) }} as {{ dbt.type_numeric() }})
{%- endmacro %}

{% macro default__median(expr) -%}
    percentile_cont(0.5) within group (order by {{ expr }})
{%- endmacro %}

{% macro duckdb__median(expr) -%}
    quantile_cont({{ expr }}, 0.5)
{%- endmacro %}

{% macro spark__median(expr) -%}
    percentile({{ expr }}, 0.5)
{%- endmacro %}
