{#-
    clean_id: an identifier as the package compares it: text, trimmed of
    whitespace and invisible characters (tab, CR/LF, NBSP, zero-width space,
    BOM, ...: see _trim_invisible), put in one Unicode form (NFC, see
    _normalise_unicode), lower-cased; an empty or blank id becomes null.
    Ids are compared case-insensitively everywhere (see DECISIONS.md).
-#}
{% macro clean_id(col) -%}
    {{ return(adapter.dispatch('clean_id', 'cs_analytics')(col)) }}
{%- endmacro %}

{% macro default__clean_id(col) -%}
    nullif(lower({{ cs_analytics._normalise_unicode(
        cs_analytics._trim_invisible('cast(' ~ col ~ ' as ' ~ dbt.type_string() ~ ')')
    ) }}), '')
{%- endmacro %}

{#- DuckDB, Postgres and Spark all share the ANSI version. -#}
{% macro duckdb__clean_id(col) -%}
    {{ cs_analytics.default__clean_id(col) }}
{%- endmacro %}

{% macro postgres__clean_id(col) -%}
    {{ cs_analytics.default__clean_id(col) }}
{%- endmacro %}

{% macro spark__clean_id(col) -%}
    {{ cs_analytics.default__clean_id(col) }}
{%- endmacro %}
