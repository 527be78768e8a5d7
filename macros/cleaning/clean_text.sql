{#-
    clean_text: free text (names, titles, comments) trimmed of whitespace
    and invisible characters at both ends (see _trim_invisible); an empty or
    blank value becomes null. Case is kept.

    clean_code: a short code that is not a governed enum (priority, CTA
    status, reason, milestone type, feature key): trimmed and lower-cased,
    empty -> null, so 'Closed Won ' and 'closed won' are the same value.
-#}
{% macro clean_text(col) -%}
    {{ return(adapter.dispatch('clean_text', 'cs_analytics')(col)) }}
{%- endmacro %}

{% macro default__clean_text(col) -%}
    nullif({{ cs_analytics._trim_invisible('cast(' ~ col ~ ' as ' ~ dbt.type_string() ~ ')') }}, '')
{%- endmacro %}

{% macro duckdb__clean_text(col) -%}
    {{ cs_analytics.default__clean_text(col) }}
{%- endmacro %}

{% macro postgres__clean_text(col) -%}
    {{ cs_analytics.default__clean_text(col) }}
{%- endmacro %}

{% macro spark__clean_text(col) -%}
    {{ cs_analytics.default__clean_text(col) }}
{%- endmacro %}


{% macro clean_code(col) -%}
    {{ return(adapter.dispatch('clean_code', 'cs_analytics')(col)) }}
{%- endmacro %}

{% macro default__clean_code(col) -%}
    nullif(lower({{ cs_analytics._trim_invisible('cast(' ~ col ~ ' as ' ~ dbt.type_string() ~ ')') }}), '')
{%- endmacro %}

{% macro duckdb__clean_code(col) -%}
    {{ cs_analytics.default__clean_code(col) }}
{%- endmacro %}

{% macro postgres__clean_code(col) -%}
    {{ cs_analytics.default__clean_code(col) }}
{%- endmacro %}

{% macro spark__clean_code(col) -%}
    {{ cs_analytics.default__clean_code(col) }}
{%- endmacro %}
