{#-
    Serving access on PostgreSQL, the database Metabase and Looker connect to.

    Every mart gets SELECT for the role from a post-hook (grant_select_to_bi_reader,
    run after each mart is built; a hook, not dbt's `grants` config, because the
    role is a var and dbt does not resolve a root project's vars inside an
    installed package's dbt_project.yml). Two run hooks add what a grant on a
    table cannot:
    the role itself (created NOLOGIN if missing, when var
    `bi_reader_create_role` is true; set it false where a DBA owns roles) and
    USAGE on the marts schema only. Raw, reference, staging, intermediate and dq
    schemas get no grant, so the role cannot read them. No-ops on other engines.
-#}
{% macro serving_role_setup() -%}
    {{ return(adapter.dispatch('serving_role_setup', 'cs_analytics')()) }}
{%- endmacro %}

{% macro default__serving_role_setup() -%}
    select 1 as serving_role_setup_noop
{%- endmacro %}

{% macro postgres__serving_role_setup() -%}
    {%- set role = var('bi_reader_role', 'bi_reader') -%}
    {%- if var('bi_reader_create_role', true) -%}
    do $$
    begin
        if not exists (select 1 from pg_roles where rolname = '{{ role }}') then
            create role {{ adapter.quote(role) }} nologin;
        end if;
    end
    $$
    {%- else -%}
    select 1 as serving_role_setup_noop
    {%- endif -%}
{%- endmacro %}

{% macro serving_schema_usage() -%}
    {{ return(adapter.dispatch('serving_schema_usage', 'cs_analytics')()) }}
{%- endmacro %}

{% macro default__serving_schema_usage() -%}
    select 1 as serving_schema_usage_noop
{%- endmacro %}

{% macro postgres__serving_schema_usage() -%}
    {%- set role = var('bi_reader_role', 'bi_reader') -%}
    {%- set marts = var('marts_schema', 'marts') | trim -%}
    do $$
    begin
        if exists (select 1 from pg_namespace where nspname = '{{ marts }}') then
            execute 'grant usage on schema {{ adapter.quote(marts) }} to {{ adapter.quote(role) }}';
        end if;
    end
    $$
{%- endmacro %}

{% macro grant_select_to_bi_reader() -%}
    {{ return(adapter.dispatch('grant_select_to_bi_reader', 'cs_analytics')()) }}
{%- endmacro %}

{#- An empty hook: dbt runs nothing. -#}
{% macro default__grant_select_to_bi_reader() -%}
{%- endmacro %}

{% macro postgres__grant_select_to_bi_reader() -%}
    grant select on {{ this }} to {{ adapter.quote(var('bi_reader_role', 'bi_reader')) }}
{%- endmacro %}

