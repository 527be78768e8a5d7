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
    {%- set time_part = '[ T]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?' -%}
    {%- set offset_part = '(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)' -%}
    {%- set patterns = {
        'integer': '^[+-]?[0-9]{1,18}([.]0*)?$',
        'numeric': '^[+-]?([0-9]{1,20}([.][0-9]*)?|[.][0-9]+)$',
        'numeric_any_size': '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$',
        'timestamp': '^' ~ date_part ~ '(' ~ time_part ~ offset_part ~ '?)?$',
        'timestamp_with_offset': '^' ~ date_part ~ time_part ~ offset_part ~ '$',
        'offset_suffix': '(Z|[+-][0-9]{2}(:?[0-9]{2})?)$',
        'offset_parts': '([+-])([0-9]{2}):?([0-9]{2})?$',
        'salesforce_id': '^[A-Za-z0-9]{15}([A-Za-z0-5]{3})?$',
    } -%}
    {{ return(patterns[name]) }}
{%- endmacro %}


{#-
    _trim_invisible: text with whitespace and invisible characters removed
    from both ends. Plain trim() only removes the ASCII space, so a CRLF
    export (every last column ends in a carriage return) or an id padded
    with a tab, a newline, a no-break space (U+00A0), a zero-width space
    (U+200B) or a byte-order mark (U+FEFF) would not parse or not match.
    Removed at either end, any number of times: every Unicode White_Space
    character (U+0009-U+000D, space, U+0085, U+00A0, U+1680, U+2000-U+200A,
    U+2028, U+2029, U+202F, U+205F, U+3000) and the invisible format
    characters U+180E, U+200B-U+200D, U+2060 and U+FEFF. Characters inside
    the value are kept. Each engine trims a set of characters natively
    (DuckDB trim(x, chars), Postgres btrim(x, chars), Spark
    trim(BOTH chars FROM x)); no regular expression runs per value.
-#}
{% macro _invisible_codepoints() -%}
    {{ return([9, 10, 11, 12, 13, 32, 133, 160, 5760, 6158]
        + range(8192, 8206) | list
        + [8232, 8233, 8239, 8287, 8288, 12288, 65279]) }}
{%- endmacro %}

{% macro _trim_invisible(expr) -%}
    {{ return(adapter.dispatch('_trim_invisible', 'cs_analytics')(expr)) }}
{%- endmacro %}

{#- Other adapters: ANSI trim (spaces only) until a native version is added. -#}
{% macro default___trim_invisible(expr) -%}
    trim({{ expr }})
{%- endmacro %}

{% macro duckdb___trim_invisible(expr) -%}
    trim({{ expr }}, {% for cp in cs_analytics._invisible_codepoints() %}chr({{ cp }}){{ ' || ' if not loop.last }}{% endfor %})
{%- endmacro %}

{% macro postgres___trim_invisible(expr) -%}
    btrim({{ expr }}, {% for cp in cs_analytics._invisible_codepoints() %}chr({{ cp }}){{ ' || ' if not loop.last }}{% endfor %})
{%- endmacro %}

{#- Snowflake: TRIM(expr, characters) with CHR() of each code point. -#}
{% macro snowflake___trim_invisible(expr) -%}
    trim({{ expr }}, {% for cp in cs_analytics._invisible_codepoints() %}chr({{ cp }}){{ ' || ' if not loop.last }}{% endfor %})
{%- endmacro %}

{#- Spark's chr() is ASCII only; its string literals read \uXXXX escapes. -#}
{% macro spark___trim_invisible(expr) -%}
    trim(both '{% for cp in cs_analytics._invisible_codepoints() %}\u{{ '%04X' % cp }}{% endfor %}' from {{ expr }})
{%- endmacro %}


{#-
    _normalise_unicode: one Unicode form (NFC) for ids, so an id typed with a
    decomposed accent ('e' + U+0301) matches the same id with the composed
    character ('é'). DuckDB: nfc_normalize; PostgreSQL: normalize(.., NFC),
    only in a UTF8 database (elsewhere the text is kept as it is, since
    PostgreSQL refuses to normalise other encodings). Spark and Snowflake have
    no normalisation function: ids are kept as they arrived there
    (DECISIONS.md).
-#}
{% macro _normalise_unicode(expr) -%}
    {{ return(adapter.dispatch('_normalise_unicode', 'cs_analytics')(expr)) }}
{%- endmacro %}

{% macro default___normalise_unicode(expr) -%}
    {{ expr }}
{%- endmacro %}

{% macro duckdb___normalise_unicode(expr) -%}
    nfc_normalize({{ expr }})
{%- endmacro %}

{% macro postgres___normalise_unicode(expr) -%}
    case when current_setting('server_encoding') = 'UTF8' then normalize({{ expr }}, nfc) else {{ expr }} end
{%- endmacro %}

{#- The raw value as trimmed text; empty or blank becomes null. -#}
{% macro _as_clean_text(col) -%}
    nullif({{ cs_analytics._trim_invisible('cast(' ~ col ~ ' as ' ~ dbt.type_string() ~ ')') }}, '')
{%- endmacro %}


{#- The raw value as upper-cased trimmed text, for date/time grammars
    ('t' -> 'T', 'z' -> 'Z'). -#}
{% macro _as_clean_upper_text(col) -%}
    nullif(upper({{ cs_analytics._trim_invisible('cast(' ~ col ~ ' as ' ~ dbt.type_string() ~ ')') }}), '')
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
