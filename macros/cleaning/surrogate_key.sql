{#-
    surrogate_key: one stable key (an md5 hash as text) built from several
    columns, for tables whose natural key spans columns (an account's usage
    on a day). Each value is cast to text, a null is written as a marker so
    (null, 'a') and ('a', null) differ, and values are joined with '-'.
-#}
{% macro surrogate_key(columns) -%}
    {{ return(adapter.dispatch('surrogate_key', 'cs_analytics')(columns)) }}
{%- endmacro %}

{% macro default__surrogate_key(columns) -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append("coalesce(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "), '_cs_null_')") -%}
        {%- if not loop.last -%}{%- do parts.append("'-'") -%}{%- endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro %}

{% macro duckdb__surrogate_key(columns) -%}
    {{ cs_analytics.default__surrogate_key(columns) }}
{%- endmacro %}

{% macro postgres__surrogate_key(columns) -%}
    {{ cs_analytics.default__surrogate_key(columns) }}
{%- endmacro %}

{% macro spark__surrogate_key(columns) -%}
    {{ cs_analytics.default__surrogate_key(columns) }}
{%- endmacro %}


{#-
    raw_row_text: the raw values of a row as one readable text,
    'value|value|<null>|value', in column order. Used to show a quarantined
    row as it arrived, to spot exact duplicates and as the deterministic
    tie-break between versions.
-#}
{% macro raw_row_text(columns) -%}
    {{ return(adapter.dispatch('raw_row_text', 'cs_analytics')(columns)) }}
{%- endmacro %}

{% macro default__raw_row_text(columns) -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append("coalesce(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "), '<null>')") -%}
        {%- if not loop.last -%}{%- do parts.append("'|'") -%}{%- endif -%}
    {%- endfor -%}
    {{ dbt.concat(parts) }}
{%- endmacro %}

{% macro duckdb__raw_row_text(columns) -%}
    {{ cs_analytics.default__raw_row_text(columns) }}
{%- endmacro %}

{% macro postgres__raw_row_text(columns) -%}
    {{ cs_analytics.default__raw_row_text(columns) }}
{%- endmacro %}

{% macro spark__raw_row_text(columns) -%}
    {{ cs_analytics.default__raw_row_text(columns) }}
{%- endmacro %}
