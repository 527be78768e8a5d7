{#-
    staged_columns: the clean columns of each staged raw table
    ('<source>.<table>'), in the order the base model and the staging model
    write them: grouped like the base model's renamed CTE (ids, strings,
    numerics, booleans, dates, timestamps; one group per line). The raw
    contract (raw_contract()) lists the same columns in the raw export's
    order; this list is the staged tables' column order, so a base model's
    final CTE and its staging model select the same columns without listing
    them again. A column added to a raw table is added here, to the raw
    contract and to the base model's renamed CTE (its cast).

    select_staged_columns: the same list as a select list (one column a
    line, no trailing comma), for the staging models; the id columns that
    name another entity come in their system of record's spelling.
-#}
{% macro staged_columns(source_name, table_name) -%}
    {%- set columns = {
        'crm.accounts': [
            'account_id', 'parent_account_id',
            'account_name', 'segment', 'coverage_model', 'industry', 'region',
            'is_deleted',
            'created_at', 'updated_at',
        ],
        'crm.users': [
            'user_id', 'manager_user_id',
            'full_name', 'email', 'role', 'team', 'region',
            'monthly_cost',
            'hired_at', 'terminated_at',
        ],
        'crm.account_team_history': [
            'account_id', 'user_id',
            'team_role',
            'valid_from', 'valid_to',
        ],
        'crm.contacts': [
            'contact_id', 'account_id',
            'email', 'full_name', 'title',
            'is_champion', 'is_exec_sponsor', 'is_referenceable',
            'created_at', 'left_at',
        ],
        'crm.contact_job_changes': [
            'contact_id', 'from_account_id', 'to_account_id',
            'to_company_name',
            'detected_at',
        ],
        'crm.opportunities': [
            'opportunity_id', 'account_id', 'sourced_by_user_id', 'source_program_id', 'source_cta_id', 'referring_contact_id',
            'opportunity_type', 'stage', 'lead_source',
            'amount_arr',
            'is_sales_accepted', 'is_closed', 'is_won', 'is_cs_influenced',
            'created_at', 'closed_at',
        ],
        'crm.advocacy_events': [
            'advocacy_event_id', 'account_id', 'contact_id', 'influenced_opportunity_id',
            'event_type',
            'occurred_at',
        ],
        'billing.subscriptions': [
            'subscription_id', 'account_id',
            'product',
            'mrr', 'seats',
            'start_date', 'end_date',
            'updated_at',
        ],
        'product.account_usage_daily': [
            'account_id',
            'active_users', 'events',
            'usage_date',
        ],
        'product.feature_usage_daily': [
            'account_id',
            'feature_key',
            'active_users', 'events',
            'usage_date',
        ],
        'cs_platform.ctas': [
            'cta_id', 'account_id', 'owner_user_id', 'playbook_id', 'rule_id', 'success_plan_id', 'parent_cta_id',
            'cta_type', 'reason', 'priority', 'status', 'source', 'not_valid_reason', 'close_source',
            'due_date', 'original_due_date',
            'created_at', 'closed_at', 'updated_at',
        ],
        'cs_platform.cta_tasks': [
            'task_id', 'cta_id', 'owner_user_id',
            'status',
            'due_date',
            'closed_at',
        ],
        'cs_platform.playbooks': [
            'playbook_id',
            'playbook_name', 'category', 'success_metric',
            'attribution_window_days',
        ],
        'cs_platform.activities': [
            'activity_id', 'account_id', 'user_id', 'contact_id', 'cta_id',
            'activity_type', 'direction', 'sentiment',
            'duration_minutes',
            'occurred_at',
        ],
        'cs_platform.success_plans': [
            'success_plan_id', 'account_id', 'owner_user_id',
            'status',
            'due_date',
            'created_at', 'updated_at', 'closed_at',
        ],
        'cs_platform.milestones': [
            'milestone_id', 'account_id', 'cta_id',
            'milestone_type',
            'achieved_at',
        ],
        'support.tickets': [
            'ticket_id', 'account_id', 'contact_id',
            'priority', 'status',
            'is_escalated',
            'created_at', 'first_response_at', 'solved_at',
        ],
        'digital.programs': [
            'program_id', 'owner_user_id',
            'program_name', 'program_type', 'trigger_type', 'trigger_rule', 'goal_metric',
            'launched_at',
        ],
        'digital.program_enrollments': [
            'enrollment_id', 'program_id', 'account_id', 'contact_id',
            'is_holdout',
            'enrolled_at', 'exited_at',
        ],
        'digital.email_sends': [
            'send_id', 'program_id', 'account_id', 'contact_id',
            'step_number',
            'sent_at',
        ],
        'digital.email_events': [
            'event_id', 'send_id',
            'event_type', 'url',
            'is_machine_open',
            'occurred_at',
        ],
        'digital.program_costs': [
            'program_id',
            'cost_amount',
            'cost_month',
        ],
        'surveys.survey_responses': [
            'response_id', 'account_id', 'contact_id', 'related_activity_id', 'rated_user_id',
            'survey_type', 'comment',
            'score',
            'responded_at',
        ],
    } -%}
    {%- set name = source_name ~ '.' ~ table_name -%}
    {%- if name not in columns -%}
        {{ exceptions.raise_compiler_error("staged_columns: no staged table " ~ name) }}
    {%- endif -%}
    {{ return(columns[name]) }}
{%- endmacro %}


{% macro select_staged_columns(source_name, table_name) -%}
    {#- an id column that names another entity is shown in its system of
        record's spelling (system_of_record.sql; the staging model joins the
        systems of record with join_systems_of_record) -#}
    {%- set references = cs_analytics.id_references(source_name ~ '.' ~ table_name) -%}
    {%- set selected = [] -%}
    {%- for column in cs_analytics.staged_columns(source_name, table_name) -%}
        {%- if column in references -%}
            {%- do selected.append(cs_analytics.system_of_record_id(column) ~ ' as ' ~ column) -%}
        {%- else -%}
            {%- do selected.append(column) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ selected | join(',\n        ') }}
{%- endmacro %}
