{#-
    clean_id: an identifier as the source system wrote it: text, trimmed of
    whitespace and invisible characters (tab, CR/LF, NBSP, zero-width space,
    BOM, ...: see _trim_invisible), put in one Unicode form (NFC, see
    _normalise_unicode); an empty or blank id becomes null. The case is kept
    (a Salesforce 15-character id is case-sensitive). Ids of two systems are
    matched through id_match_key and shown in the spelling of the entity's
    system of record (system_of_record.sql; DECISIONS.md, "ids").
-#}
{% macro clean_id(col) -%}
    {{ return(adapter.dispatch('clean_id', 'cs_analytics')(col)) }}
{%- endmacro %}

{% macro default__clean_id(col) -%}
    nullif({{ cs_analytics._normalise_unicode(
        cs_analytics._trim_invisible('cast(' ~ col ~ ' as ' ~ dbt.type_string() ~ ')')
    ) }}, '')
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
