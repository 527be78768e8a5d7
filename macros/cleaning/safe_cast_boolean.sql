{#-
    safe_cast_boolean: a yes/no flag from text. true/t/yes/y/1 -> true,
    false/f/no/n/0 -> false (any case, surrounding spaces ignored); empty ->
    null; anything else -> null (and the base model quarantines the row as
    unparseable). A column that is already boolean passes through unchanged.
-#}
{% macro safe_cast_boolean(col) -%}
    {{ return(adapter.dispatch('safe_cast_boolean', 'cs_analytics')(col)) }}
{%- endmacro %}

{% macro default__safe_cast_boolean(col) -%}
    case
        when lower({{ cs_analytics._trim_invisible('cast(' ~ col ~ ' as ' ~ dbt.type_string() ~ ')') }}) in ('true', 't', 'yes', 'y', '1') then true
        when lower({{ cs_analytics._trim_invisible('cast(' ~ col ~ ' as ' ~ dbt.type_string() ~ ')') }}) in ('false', 'f', 'no', 'n', '0') then false
    end
{%- endmacro %}

{% macro duckdb__safe_cast_boolean(col) -%}
    {{ cs_analytics.default__safe_cast_boolean(col) }}
{%- endmacro %}

{% macro postgres__safe_cast_boolean(col) -%}
    {{ cs_analytics.default__safe_cast_boolean(col) }}
{%- endmacro %}

{% macro spark__safe_cast_boolean(col) -%}
    {{ cs_analytics.default__safe_cast_boolean(col) }}
{%- endmacro %}
