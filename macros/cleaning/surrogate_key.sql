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
    row as it arrived, to spot exact duplicates, as the deterministic
    tie-break between versions and (hashed) as the row's _dq_row_id.

    The text is collision-free: two rows with different raw values never
    give the same text. Each value is escaped before it is joined, so no
    value can contain the separator or spell the null marker:
    '%' -> '%25', '|' -> '%7C', '<' -> '%3C' (percent-encoding of those three
    characters only; everything else, including invisible characters, is
    kept as it arrived). A real null is written '<null>', which no escaped
    value can produce (its '<' would be '%3C'), and a value 'a|b' beside 'c'
    ('a%7Cb|c') no longer equals 'a' beside 'b|c' ('a|b%7Cc'). The column
    count of a table is fixed, so splitting on '|' and undoing the escapes
    gives back exactly the raw values. replace() only, no regular
    expressions or backslashes: the same text on DuckDB, Postgres and Spark.
-#}
{% macro raw_row_text(columns) -%}
    {{ return(adapter.dispatch('raw_row_text', 'cs_analytics')(columns)) }}
{%- endmacro %}

{#- One raw value, escaped as described above (null stays null). -#}
{% macro _escaped_raw_value(col) -%}
    replace(replace(replace(cast({{ col }} as {{ dbt.type_string() }}), '%', '%25'), '|', '%7C'), '<', '%3C')
{%- endmacro %}

{% macro default__raw_row_text(columns) -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append("coalesce(" ~ cs_analytics._escaped_raw_value(column) ~ ", '<null>')") -%}
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
