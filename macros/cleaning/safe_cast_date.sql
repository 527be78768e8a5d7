{#-
    safe_cast_date: a calendar date from ISO text 'yyyy-mm-dd', or null when
    the text is not a real date ('31/02/2025', '2025-13-01', '2025-02-30').
    A full timestamp is accepted too and keeps its own calendar day
    ('2025-03-04T23:00:00+02:00' -> 2025-03-04). Day-first or US formats are
    never guessed: they are quarantined as unparseable.
-#}
{% macro safe_cast_date(col) -%}
    {{ return(adapter.dispatch('safe_cast_date', 'cs_analytics')(col)) }}
{%- endmacro %}

{% macro default__safe_cast_date(col) -%}
    {{ dbt.safe_cast('substr(' ~ cs_analytics._as_clean_upper_text(col) ~ ', 1, 10)', 'date') }}
{%- endmacro %}

{% macro duckdb__safe_cast_date(col) -%}
    {%- set text = cs_analytics._as_clean_upper_text(col) -%}
    case
        when {{ cs_analytics._matches_pattern(text, 'timestamp') }}
            then try_cast(substr({{ text }}, 1, 10) as date)
    end
{%- endmacro %}

{#-
    Postgres has no try_cast: the grammar check plus a calendar check (no
    31 February) guarantee the cast cannot fail. An on-run-start helper
    function (plpgsql with an exception block) may replace this later.
-#}
{% macro postgres__safe_cast_date(col) -%}
    {%- set text = cs_analytics._as_clean_upper_text(col) -%}
    case
        when not {{ cs_analytics._matches_pattern(text, 'timestamp') }} then null
        when not {{ cs_analytics._postgres_is_calendar_date(text) }} then null
        else cast(substr({{ text }}, 1, 10) as date)
    end
{%- endmacro %}

{#- Spark: try_cast returns null for impossible days, also under ANSI mode. -#}
{% macro spark__safe_cast_date(col) -%}
    {%- set text = cs_analytics._as_clean_upper_text(col) -%}
    case
        when {{ cs_analytics._matches_pattern(text, 'timestamp') }}
            then try_cast(substr({{ text }}, 1, 10) as date)
    end
{%- endmacro %}

{#- Snowflake: grammar first (its AUTO date format would also read e.g.
    '03/04/2025'); TRY_CAST returns null for impossible days. -#}
{% macro snowflake__safe_cast_date(col) -%}
    {{ cs_analytics.spark__safe_cast_date(col) }}
{%- endmacro %}
