{#-
    safe_cast_integer: a whole number (bigint) from text, or null when the
    text is not one. Accepted: optional sign, up to 18 digits, and a '.0'
    tail that spreadsheet exports add ('12.0' -> 12). '12.5', 'n/a' and '' are
    not whole numbers. Every adapter checks the same grammar first, so a value
    stages the same way on DuckDB, Postgres and Spark.
-#}
{% macro safe_cast_integer(col) -%}
    {{ return(adapter.dispatch('safe_cast_integer', 'cs_analytics')(col)) }}
{%- endmacro %}

{#- Other adapters: dbt.safe_cast (try_cast / safe_cast where the warehouse has one). -#}
{% macro default__safe_cast_integer(col) -%}
    {{ dbt.safe_cast(cs_analytics._as_clean_text(col), dbt.type_bigint()) }}
{%- endmacro %}

{% macro duckdb__safe_cast_integer(col) -%}
    {%- set text = cs_analytics._as_clean_text(col) -%}
    case
        when {{ cs_analytics._matches_pattern(text, 'integer') }}
            then try_cast(regexp_replace({{ text }}, '[.]0*$', '') as {{ dbt.type_bigint() }})
    end
{%- endmacro %}

{#-
    Postgres has no try_cast: the grammar check (at most 18 digits, so no
    bigint overflow) guarantees the cast cannot fail. An on-run-start helper
    function (e.g. a plpgsql cs_try_cast with an exception block) may replace
    this later; the grammar keeps results identical across adapters either way.
-#}
{% macro postgres__safe_cast_integer(col) -%}
    {%- set text = cs_analytics._as_clean_text(col) -%}
    case
        when {{ cs_analytics._matches_pattern(text, 'integer') }}
            then cast(regexp_replace({{ text }}, '[.]0*$', '') as {{ dbt.type_bigint() }})
    end
{%- endmacro %}

{#- Spark: try_cast (3.2+) so the result is null, not an error, even with spark.sql.ansi.enabled. -#}
{% macro spark__safe_cast_integer(col) -%}
    {%- set text = cs_analytics._as_clean_text(col) -%}
    case
        when {{ cs_analytics._matches_pattern(text, 'integer') }}
            then try_cast(regexp_replace({{ text }}, '[.]0*$', '') as {{ dbt.type_bigint() }})
    end
{%- endmacro %}

{#- Snowflake: grammar first, like the others: its own TRY_CAST would accept
    '12.5' (rounded) instead of rejecting it. -#}
{% macro snowflake__safe_cast_integer(col) -%}
    {{ cs_analytics.spark__safe_cast_integer(col) }}
{%- endmacro %}
