{#-
    safe_cast_numeric: a decimal amount (numeric(28,6)) from text, or null
    when the text is not a plain decimal number. Accepted: optional sign, up
    to 20 digits before the point, any digits after ('1200', '-3.5', '.75').
    Currency symbols, thousands separators, exponents and 'n/a' are not
    accepted: such a value is quarantined rather than guessed at.
-#}
{% macro safe_cast_numeric(col) -%}
    {{ return(adapter.dispatch('safe_cast_numeric', 'cs_analytics')(col)) }}
{%- endmacro %}

{% macro default__safe_cast_numeric(col) -%}
    {{ dbt.safe_cast(cs_analytics._as_clean_text(col), dbt.type_numeric()) }}
{%- endmacro %}

{% macro duckdb__safe_cast_numeric(col) -%}
    {%- set text = cs_analytics._as_clean_text(col) -%}
    case
        when {{ cs_analytics._matches_pattern(text, 'numeric') }}
            then try_cast({{ text }} as {{ dbt.type_numeric() }})
    end
{%- endmacro %}

{#- Postgres: grammar check before the cast (no try_cast; at most 20 integer
    digits fit numeric(28,6)). An on-run-start helper function may replace it. -#}
{% macro postgres__safe_cast_numeric(col) -%}
    {%- set text = cs_analytics._as_clean_text(col) -%}
    case
        when {{ cs_analytics._matches_pattern(text, 'numeric') }}
            then cast({{ text }} as {{ dbt.type_numeric() }})
    end
{%- endmacro %}

{% macro spark__safe_cast_numeric(col) -%}
    {%- set text = cs_analytics._as_clean_text(col) -%}
    case
        when {{ cs_analytics._matches_pattern(text, 'numeric') }}
            then try_cast({{ text }} as {{ dbt.type_numeric() }})
    end
{%- endmacro %}

{#- Snowflake: grammar first (its TRY_CAST also reads '1e3', which the grammar rejects). -#}
{% macro snowflake__safe_cast_numeric(col) -%}
    {{ cs_analytics.spark__safe_cast_numeric(col) }}
{%- endmacro %}
