{#-
    Shared building blocks for the cleaning macros. Internal: models call the
    public macros (clean_id, safe_cast_*, ...), never these.

    The text grammars are written with character classes only ([0-9], [.]),
    never backslash escapes, so one pattern means the same thing in DuckDB,
    Postgres (POSIX ARE) and Spark (Java regex inside a SQL string literal,
    where a backslash would itself need escaping).
-#}

{% macro _cleaning_pattern(name) -%}
    {%- set date_part = '[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])' -%}
    {%- set time_part = '[ T]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,6})?)?' -%}
    {%- set offset_part = '(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)' -%}
    {%- set patterns = {
        'integer': '^[+-]?[0-9]{1,18}([.]0*)?$',
        'numeric': '^[+-]?([0-9]{1,20}([.][0-9]*)?|[.][0-9]+)$',
        'timestamp': '^' ~ date_part ~ '(' ~ time_part ~ offset_part ~ '?)?$',
        'timestamp_with_offset': '^' ~ date_part ~ time_part ~ offset_part ~ '$',
        'offset_suffix': '(Z|[+-][0-9]{2}(:?[0-9]{2})?)$',
        'offset_parts': '([+-])([0-9]{2}):?([0-9]{2})?$',
    } -%}
    {{ return(patterns[name]) }}
{%- endmacro %}


{#- The raw value as trimmed text; empty or blank becomes null. -#}
{% macro _as_clean_text(col) -%}
    nullif(trim(cast({{ col }} as {{ dbt.type_string() }})), '')
{%- endmacro %}


{#- The raw value as upper-cased trimmed text, for date/time grammars
    ('t' -> 'T', 'z' -> 'Z'). -#}
{% macro _as_clean_upper_text(col) -%}
    nullif(upper(trim(cast({{ col }} as {{ dbt.type_string() }}))), '')
{%- endmacro %}


{#- Does a text expression fully match one of the grammars above? -#}
{% macro _matches_pattern(expr, pattern_name) -%}
    {{ return(adapter.dispatch('_matches_pattern', 'cs_analytics')(expr, pattern_name)) }}
{%- endmacro %}

{% macro default___matches_pattern(expr, pattern_name) -%}
    {{ exceptions.raise_compiler_error(
        "cs_analytics: no regular-expression match is implemented for adapter '"
        ~ adapter.type() ~ "'. Add a " ~ adapter.type() ~ "___matches_pattern macro."
    ) }}
{%- endmacro %}

{% macro duckdb___matches_pattern(expr, pattern_name) -%}
    regexp_matches({{ expr }}, '{{ cs_analytics._cleaning_pattern(pattern_name) }}')
{%- endmacro %}

{% macro postgres___matches_pattern(expr, pattern_name) -%}
    ({{ expr }} ~ '{{ cs_analytics._cleaning_pattern(pattern_name) }}')
{%- endmacro %}

{% macro spark___matches_pattern(expr, pattern_name) -%}
    ({{ expr }} rlike '{{ cs_analytics._cleaning_pattern(pattern_name) }}')
{%- endmacro %}

{#- Snowflake: REGEXP_LIKE matches the whole string (the grammars are anchored anyway). -#}
{% macro snowflake___matches_pattern(expr, pattern_name) -%}
    regexp_like({{ expr }}, '{{ cs_analytics._cleaning_pattern(pattern_name) }}')
{%- endmacro %}


{#-
    Postgres only: a 'yyyy-mm-dd' prefix that already matched the grammar
    (year 1000-9999, month 01-12, day 01-31) is also a real calendar day (no
    31 February; 29 February only in leap years). Postgres has no try_cast,
    so this check runs before the cast and keeps the cast from failing.
-#}
{% macro _postgres_is_calendar_date(expr) -%}
    {%- set year = 'cast(substr(' ~ expr ~ ', 1, 4) as integer)' -%}
    {%- set month = 'cast(substr(' ~ expr ~ ', 6, 2) as integer)' -%}
    {%- set day = 'cast(substr(' ~ expr ~ ', 9, 2) as integer)' -%}
    (
        {{ day }} <= case
            when {{ month }} in (4, 6, 9, 11) then 30
            when {{ month }} = 2
                then case
                    when mod({{ year }}, 4) = 0
                        and (mod({{ year }}, 100) <> 0 or mod({{ year }}, 400) = 0)
                        then 29
                    else 28
                end
            else 31
        end
    )
{%- endmacro %}
