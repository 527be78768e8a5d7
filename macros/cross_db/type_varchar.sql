{#- The text type that mart contracts call `varchar`: VARCHAR on DuckDB and
    PostgreSQL, STRING on Spark (which has no length-less VARCHAR). Use it for
    casts in models: `cast(x as {{ cs_analytics.type_varchar() }})`.
    (`dbt.type_string()` is TEXT on PostgreSQL, which a `varchar` contract
    rejects.) -#}
{% macro type_varchar() -%}
    {{ return(adapter.dispatch('type_varchar', 'cs_analytics')()) }}
{%- endmacro %}

{% macro default__type_varchar() -%}
    varchar
{%- endmacro %}

{% macro spark__type_varchar() -%}
    string
{%- endmacro %}
