{#-
    safe_cast_timestamp_utc: a UTC timestamp (without time zone) from ISO
    text. Accepted: 'yyyy-mm-dd', 'yyyy-mm-dd hh:mm[:ss[.fffffffff]]' with a
    space or 'T', optionally followed by 'Z' or a UTC offset (+02, +0200,
    +02:00). Up to 9 fractional digits are read (Java, Go and Spark exports
    and typed nanosecond columns write 7-9); the result keeps microseconds
    and digits 7-9 are cut off (truncated, never rounded, on every engine:
    DuckDB and Spark truncate natively, Postgres would round, so its text is
    cut to 6 digits before the cast). A value with an offset is converted to UTC
    ('2025-03-04 12:15:00+02:00' -> 2025-03-04 10:15:00); a value without one
    is taken to be UTC already. Anything else -> null (quarantined upstream).
-#}
{% macro safe_cast_timestamp_utc(col) -%}
    {{ return(adapter.dispatch('safe_cast_timestamp_utc', 'cs_analytics')(col)) }}
{%- endmacro %}

{#- Other adapters: the warehouse's own safe cast; offsets are handled however
    that warehouse's cast handles them. -#}
{% macro default__safe_cast_timestamp_utc(col) -%}
    {{ dbt.safe_cast(cs_analytics._as_clean_upper_text(col), dbt.type_timestamp()) }}
{%- endmacro %}

{#-
    DuckDB: its plain timestamp cast silently ignores an offset, and the
    timestamptz route needs the ICU extension and the session time zone, so
    the offset is read and subtracted explicitly.
-#}
{% macro duckdb__safe_cast_timestamp_utc(col) -%}
    {%- set text = cs_analytics._as_clean_upper_text(col) -%}
    {%- set parts = cs_analytics._cleaning_pattern('offset_parts') -%}
    case
        when not {{ cs_analytics._matches_pattern(text, 'timestamp') }} then null
        when {{ cs_analytics._matches_pattern(text, 'timestamp_with_offset') }}
            then try_cast(regexp_replace({{ text }}, '{{ cs_analytics._cleaning_pattern("offset_suffix") }}', '') as timestamp)
                - to_minutes(cast(
                    coalesce(
                        (case when regexp_extract({{ text }}, '{{ parts }}', 1) = '-' then -1 else 1 end)
                        * (
                            try_cast(regexp_extract({{ text }}, '{{ parts }}', 2) as integer) * 60
                            + coalesce(try_cast(regexp_extract({{ text }}, '{{ parts }}', 3) as integer), 0)
                        ),
                        0
                    ) as bigint
                ))
        else try_cast({{ text }} as timestamp)
    end
{%- endmacro %}

{#-
    Postgres has no try_cast: the grammar and calendar checks guarantee the
    cast cannot fail (offsets are limited to +-14:59). With an offset, the
    text is read as timestamptz (the offset is explicit, so the session time
    zone plays no part) and shown in UTC; without one it is read as a plain
    timestamp. An on-run-start helper function may replace the pre-checks.
-#}
{% macro postgres__safe_cast_timestamp_utc(col) -%}
    {%- set text = cs_analytics._as_clean_upper_text(col) -%}
    {#- digits 7-9 of the fraction cut off: the text up to the 6th digit
        (position 26) followed by whatever comes after the last digit. -#}
    {%- set micros = "case when " ~ text ~ " ~ '[.][0-9]{7}' then substr(" ~ text ~ ", 1, 26) || substr("
        ~ text ~ ", 21 + length(substring(" ~ text ~ " from '[.]([0-9]+)'))) else " ~ text ~ " end" -%}
    case
        when not {{ cs_analytics._matches_pattern(text, 'timestamp') }} then null
        when not {{ cs_analytics._postgres_is_calendar_date(text) }} then null
        when {{ cs_analytics._matches_pattern(text, 'timestamp_with_offset') }}
            then cast({{ micros }} as timestamptz) at time zone 'UTC'
        else cast({{ micros }} as timestamp)
    end
{%- endmacro %}

{#-
    Spark: try_cast reads the offset and yields the instant; to_utc_timestamp
    with the session time zone turns that into the UTC wall-clock time. A
    naive value is read as session-local wall-clock time and kept as is,
    i.e. taken as UTC. Sets nothing global.
-#}
{% macro spark__safe_cast_timestamp_utc(col) -%}
    {%- set text = cs_analytics._as_clean_upper_text(col) -%}
    case
        when not {{ cs_analytics._matches_pattern(text, 'timestamp') }} then null
        when {{ cs_analytics._matches_pattern(text, 'timestamp_with_offset') }}
            then to_utc_timestamp(try_cast({{ text }} as timestamp), current_timezone())
        else try_cast({{ text }} as timestamp)
    end
{%- endmacro %}

{#-
    Snowflake: a cast to TIMESTAMP_NTZ (dbt.type_timestamp()) ignores an
    offset, so, as on DuckDB, the offset is read and subtracted explicitly
    (REGEXP_SUBSTR group 1-3: sign, hours, minutes).
-#}
{% macro snowflake__safe_cast_timestamp_utc(col) -%}
    {%- set text = cs_analytics._as_clean_upper_text(col) -%}
    {%- set parts = cs_analytics._cleaning_pattern('offset_parts') -%}
    case
        when not {{ cs_analytics._matches_pattern(text, 'timestamp') }} then null
        when {{ cs_analytics._matches_pattern(text, 'timestamp_with_offset') }}
            then dateadd(
                minute,
                -1 * coalesce(
                    (case when regexp_substr({{ text }}, '{{ parts }}', 1, 1, 'e', 1) = '-' then -1 else 1 end)
                    * (
                        try_cast(regexp_substr({{ text }}, '{{ parts }}', 1, 1, 'e', 2) as integer) * 60
                        + coalesce(try_cast(regexp_substr({{ text }}, '{{ parts }}', 1, 1, 'e', 3) as integer), 0)
                    ),
                    0
                ),
                try_cast(
                    regexp_replace({{ text }}, '{{ cs_analytics._cleaning_pattern("offset_suffix") }}', '')
                    as {{ dbt.type_timestamp() }}
                )
            )
        else try_cast({{ text }} as {{ dbt.type_timestamp() }})
    end
{%- endmacro %}


{#-
    has_utc_offset: true when a raw timestamp carries an explicit zone ('Z'
    or +hh[:mm]); such values are converted to UTC and counted. Null or
    empty -> false.
-#}
{% macro has_utc_offset(col) -%}
    {{ return(adapter.dispatch('has_utc_offset', 'cs_analytics')(col)) }}
{%- endmacro %}

{#- Portable fallback with LIKE: a time followed by Z, +hh, +hhmm or +hh:mm. -#}
{% macro default__has_utc_offset(col) -%}
    {%- set text = cs_analytics._as_clean_upper_text(col) -%}
    coalesce(
        {{ text }} like '%:__Z'
        or {{ text }} like '%:__+__' or {{ text }} like '%:__-__'
        or {{ text }} like '%:__+____' or {{ text }} like '%:__-____'
        or {{ text }} like '%:__+__:__' or {{ text }} like '%:__-__:__',
        false
    )
{%- endmacro %}

{% macro duckdb__has_utc_offset(col) -%}
    coalesce({{ cs_analytics._matches_pattern(cs_analytics._as_clean_upper_text(col), 'timestamp_with_offset') }}, false)
{%- endmacro %}

{% macro postgres__has_utc_offset(col) -%}
    coalesce({{ cs_analytics._matches_pattern(cs_analytics._as_clean_upper_text(col), 'timestamp_with_offset') }}, false)
{%- endmacro %}

{% macro spark__has_utc_offset(col) -%}
    coalesce({{ cs_analytics._matches_pattern(cs_analytics._as_clean_upper_text(col), 'timestamp_with_offset') }}, false)
{%- endmacro %}

{% macro snowflake__has_utc_offset(col) -%}
    coalesce({{ cs_analytics._matches_pattern(cs_analytics._as_clean_upper_text(col), 'timestamp_with_offset') }}, false)
{%- endmacro %}
