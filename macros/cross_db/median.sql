{#- The median of an expression within a group (aggregate, not a window).
    Used for response hours, days to close and days to convert. -#}
{% macro median(expr) -%}
    {{ return(adapter.dispatch('median', 'cs_analytics')(expr)) }}
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
