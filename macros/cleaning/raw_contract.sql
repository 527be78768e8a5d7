{#-
    raw_contract: the raw input contract (docs/raw_contract.md) as data: per
    raw table ('<source>.<table>'), its columns in contract order and the
    ones the contract marks nullable (or optional, or "null = ..."). Every
    other column is required. tests/python/test_hostile_exports.py checks
    that this agrees with docs/raw_contract.md.
-#}
{% macro raw_contract() -%}
    {{ return({
        'crm.accounts': {
            'columns': ['account_id', 'account_name', 'segment', 'coverage_model', 'industry', 'region', 'parent_account_id', 'created_at', 'updated_at', 'is_deleted'],
            'nullable': ['parent_account_id'],
        },
        'crm.users': {
            'columns': ['user_id', 'full_name', 'email', 'role', 'team', 'region', 'manager_user_id', 'hired_at', 'terminated_at', 'monthly_cost'],
            'nullable': ['manager_user_id', 'terminated_at', 'monthly_cost'],
        },
        'crm.account_team_history': {
            'columns': ['account_id', 'user_id', 'team_role', 'valid_from', 'valid_to'],
            'nullable': ['valid_to'],
        },
        'crm.contacts': {
            'columns': ['contact_id', 'account_id', 'email', 'full_name', 'title', 'is_champion', 'is_exec_sponsor', 'is_referenceable', 'created_at', 'left_at'],
            'nullable': ['left_at'],
        },
        'crm.contact_job_changes': {
            'columns': ['contact_id', 'from_account_id', 'to_account_id', 'to_company_name', 'detected_at'],
            'nullable': ['to_account_id'],
        },
        'crm.opportunities': {
            'columns': ['opportunity_id', 'account_id', 'opportunity_type', 'stage', 'is_sales_accepted', 'is_closed', 'is_won', 'amount_arr', 'lead_source', 'is_cs_influenced', 'sourced_by_user_id', 'source_program_id', 'source_cta_id', 'referring_contact_id', 'created_at', 'closed_at'],
            'nullable': ['sourced_by_user_id', 'source_program_id', 'source_cta_id', 'referring_contact_id', 'closed_at'],
        },
        'crm.advocacy_events': {
            'columns': ['advocacy_event_id', 'account_id', 'contact_id', 'event_type', 'occurred_at', 'influenced_opportunity_id'],
            'nullable': ['influenced_opportunity_id'],
        },
        'billing.subscriptions': {
            'columns': ['subscription_id', 'account_id', 'product', 'mrr', 'seats', 'start_date', 'end_date', 'updated_at'],
            'nullable': ['seats', 'end_date'],
        },
        'product.account_usage_daily': {
            'columns': ['account_id', 'usage_date', 'active_users', 'events'],
            'nullable': [],
        },
        'product.feature_usage_daily': {
            'columns': ['account_id', 'usage_date', 'feature_key', 'active_users', 'events'],
            'nullable': [],
        },
        'cs_platform.ctas': {
            'columns': ['cta_id', 'account_id', 'owner_user_id', 'cta_type', 'reason', 'priority', 'status', 'playbook_id', 'source', 'rule_id', 'not_valid_reason', 'created_at', 'due_date', 'original_due_date', 'closed_at', 'close_source', 'success_plan_id', 'parent_cta_id', 'updated_at'],
            'nullable': ['playbook_id', 'rule_id', 'closed_at', 'success_plan_id', 'parent_cta_id'],
        },
        'cs_platform.cta_tasks': {
            'columns': ['task_id', 'cta_id', 'owner_user_id', 'status', 'due_date', 'closed_at'],
            'nullable': [],
        },
        'cs_platform.playbooks': {
            'columns': ['playbook_id', 'playbook_name', 'category', 'success_metric', 'attribution_window_days'],
            'nullable': ['attribution_window_days'],
        },
        'cs_platform.activities': {
            'columns': ['activity_id', 'account_id', 'user_id', 'contact_id', 'activity_type', 'direction', 'occurred_at', 'duration_minutes', 'cta_id', 'sentiment'],
            'nullable': ['contact_id', 'cta_id', 'sentiment'],
        },
        'cs_platform.success_plans': {
            'columns': ['success_plan_id', 'account_id', 'owner_user_id', 'status', 'created_at', 'updated_at', 'closed_at', 'due_date'],
            'nullable': [],
        },
        'cs_platform.milestones': {
            'columns': ['milestone_id', 'account_id', 'milestone_type', 'achieved_at', 'cta_id'],
            'nullable': ['cta_id'],
        },
        'support.tickets': {
            'columns': ['ticket_id', 'account_id', 'contact_id', 'priority', 'status', 'is_escalated', 'created_at', 'first_response_at', 'solved_at'],
            'nullable': [],
        },
        'digital.programs': {
            'columns': ['program_id', 'program_name', 'program_type', 'trigger_type', 'trigger_rule', 'goal_metric', 'owner_user_id', 'launched_at'],
            'nullable': [],
        },
        'digital.program_enrollments': {
            'columns': ['enrollment_id', 'program_id', 'account_id', 'contact_id', 'enrolled_at', 'exited_at', 'is_holdout'],
            'nullable': [],
        },
        'digital.email_sends': {
            'columns': ['send_id', 'program_id', 'account_id', 'contact_id', 'step_number', 'sent_at'],
            'nullable': [],
        },
        'digital.email_events': {
            'columns': ['event_id', 'send_id', 'event_type', 'is_machine_open', 'url', 'occurred_at'],
            'nullable': ['is_machine_open', 'url'],
        },
        'digital.program_costs': {
            'columns': ['program_id', 'cost_month', 'cost_amount'],
            'nullable': [],
        },
        'surveys.survey_responses': {
            'columns': ['response_id', 'survey_type', 'account_id', 'contact_id', 'score', 'comment', 'responded_at', 'related_activity_id', 'rated_user_id'],
            'nullable': ['comment', 'related_activity_id', 'rated_user_id'],
        },
    }) }}
{%- endmacro %}


{#-
    raw_source: the raw table of a base model, with every contract column
    present. Checked against the warehouse when the model runs:
    - a missing required column stops the build with
      "raw_<schema>.<table> lacks required column <col>" (the schema and
      name the package read, so the user knows which table to fix);
    - a missing nullable column is filled with null (as text, like every raw
      column) and listed in dq_missing_raw_columns.
    Other columns of the raw table pass through unchanged. While parsing the
    table is read as is; in a unit test the real raw table is checked (the
    fixture has its columns).
-#}
{% macro raw_source(source_name, table_name) -%}
    {%- set relation = source(source_name, table_name) -%}
    {%- set missing = cs_analytics.raw_missing_columns(source_name, table_name, relation) -%}
    select
        *{% for column in missing %},
        cast(null as {{ dbt.type_string() }}) as {{ column }}
        {%- endfor %}
    from {{ relation }}
{%- endmacro %}


{#-
    raw_missing_columns: the contract's nullable columns the raw relation
    lacks (lower-case names); raises when a required one is missing. Empty
    while parsing.
-#}
{% macro raw_missing_columns(source_name, table_name, relation=none) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- if relation is none or relation.type == 'cte' -%}
        {#- called by an audit model (which may not read sources), or in a unit
            test, whose fixture has the columns of the real raw table -#}
        {%- set relation = cs_analytics._raw_relation(source_name, table_name) -%}
        {%- if relation is none -%}
            {{ return([]) }}
        {%- endif -%}
    {%- endif -%}
    {%- set present = [] -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- do present.append(column.name | lower) -%}
    {%- endfor -%}
    {%- if present | length == 0 -%}
        {#- the relation does not exist: the warehouse's own error says so -#}
        {{ return([]) }}
    {%- endif -%}
    {%- set contract = cs_analytics.raw_contract()[source_name ~ '.' ~ table_name] -%}
    {%- set missing = [] -%}
    {%- for column in contract['columns'] -%}
        {%- if column not in present -%}
            {%- if column in contract['nullable'] -%}
                {%- do missing.append(column) -%}
            {%- else -%}
                {{ exceptions.raise_compiler_error(
                    relation.schema ~ '.' ~ relation.identifier
                    ~ ' lacks required column ' ~ column
                    ~ ' (docs/raw_contract.md: only columns marked nullable may be left out)'
                ) }}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(missing) }}
{%- endmacro %}


{#-
    _raw_relation: the raw table a source points at, found from the same
    vars the source definitions use (raw_database, raw_<source>_schema,
    raw_<source>_<table>_identifier) without calling source(); none when it
    does not exist.
-#}
{% macro _raw_relation(source_name, table_name) -%}
    {%- set schema_prefix = 'raw_cs' if source_name == 'cs_platform' else 'raw_' ~ source_name -%}
    {{ return(adapter.get_relation(
        database=var('raw_database', none) or target.database,
        schema=var(schema_prefix ~ '_schema', schema_prefix),
        identifier=var('raw_' ~ source_name ~ '_' ~ table_name ~ '_identifier', table_name))) }}
{%- endmacro %}


{#-
    missing_raw_columns_rows: one row per raw table and nullable contract
    column it lacks, with the table's row count from its base model (which
    keeps every raw row; dq_missing_raw_columns); a single all-null row when
    nothing is missing. Every base model is referenced while parsing, so the
    audit model runs after staging.
-#}
{% macro missing_raw_columns_rows() -%}
    {%- set filled = [] -%}
    {%- for table in cs_analytics.staging_tables() -%}
        {%- set base = ref('base_' ~ table.source ~ '__' ~ table.table) -%}
        {%- for column in cs_analytics.raw_missing_columns(table.source, table.table) -%}
            {%- do filled.append({'base': base, 'source': table.source, 'table': table.table, 'column': column}) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for item in filled %}
    select
        cast('{{ item.source }}.{{ item.table }}' as {{ dbt.type_string() }}) as source_table,
        cast('{{ item.column }}' as {{ dbt.type_string() }}) as column_name,
        count(*) as filled_rows
    from {{ item.base }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- else %}
    select
        cast(null as {{ dbt.type_string() }}) as source_table,
        cast(null as {{ dbt.type_string() }}) as column_name,
        cast(0 as bigint) as filled_rows
    {%- endfor %}
{%- endmacro %}
