{#- The 8-byte floating point type, for ratios and shares. `dbt.type_float()`
    is 4 bytes on DuckDB and Spark (FLOAT), so it loses precision there. -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'cs_analytics')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro duckdb__type_double() -%}
    double
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}
