{#-
    staging_tables: the raw tables the package stages, as
    [{'source': 'crm', 'table': 'accounts'}, ...]. The audit models loop over
    it, so a new raw table is added here once. Optional tables that are
    switched off (using_support_tickets: false) are left out.
-#}
{% macro staging_tables() -%}
    {%- set tables = [
        ('crm', 'accounts'),
        ('crm', 'users'),
        ('crm', 'account_team_history'),
        ('crm', 'contacts'),
        ('crm', 'contact_job_changes'),
        ('crm', 'opportunities'),
        ('crm', 'advocacy_events'),
        ('billing', 'subscriptions'),
        ('product', 'account_usage_daily'),
        ('product', 'feature_usage_daily'),
        ('cs_platform', 'ctas'),
        ('cs_platform', 'cta_tasks'),
        ('cs_platform', 'playbooks'),
        ('cs_platform', 'activities'),
        ('cs_platform', 'success_plans'),
        ('cs_platform', 'milestones'),
        ('support', 'tickets'),
        ('digital', 'programs'),
        ('digital', 'program_enrollments'),
        ('digital', 'email_sends'),
        ('digital', 'email_events'),
        ('digital', 'program_costs'),
        ('surveys', 'survey_responses'),
    ] -%}
    {%- set enabled = [] -%}
    {%- for source_name, table_name in tables -%}
        {%- if source_name != 'support' or var('using_support_tickets', true) -%}
            {%- do enabled.append({'source': source_name, 'table': table_name}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(enabled) }}
{%- endmacro %}

