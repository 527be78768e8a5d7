{#-
    Ids across systems (DECISIONS.md, "ids"): every entity has one system of
    record, the table whose primary key is the entity's id. Every other id
    column that names the entity (a foreign key, in any source) is matched
    to it through id_match_key and shown in the system of record's spelling;
    an id with no match there keeps its own spelling (an orphan, as before).
    The mapping is done once, in the staging models, so every join
    downstream compares one spelling. The rows whose id was re-spelled are
    counted, with the trimmed ones, in dq_staging_reconciliation.ids_normalised_rows.
-#}

{#- entity -> the base model and column of its system of record -#}
{% macro _id_systems_of_record() -%}
    {{ return({
        'account': {'model': 'base_crm__accounts', 'column': 'account_id'},
        'user': {'model': 'base_crm__users', 'column': 'user_id'},
        'contact': {'model': 'base_crm__contacts', 'column': 'contact_id'},
        'opportunity': {'model': 'base_crm__opportunities', 'column': 'opportunity_id'},
        'cta': {'model': 'base_cs_platform__ctas', 'column': 'cta_id'},
        'playbook': {'model': 'base_cs_platform__playbooks', 'column': 'playbook_id'},
        'success_plan': {'model': 'base_cs_platform__success_plans', 'column': 'success_plan_id'},
        'activity': {'model': 'base_cs_platform__activities', 'column': 'activity_id'},
        'program': {'model': 'base_digital__programs', 'column': 'program_id'},
        'email_send': {'model': 'base_digital__email_sends', 'column': 'send_id'},
    }) }}
{%- endmacro %}


{#- 'source.table' -> {id column: entity} for the id columns mapped to their
    system of record (a table's own primary key is not: it is the spelling). -#}
{% macro id_references(source_table) -%}
    {%- set references = {
        'billing.subscriptions': {'account_id': 'account'},
        'crm.account_team_history': {'account_id': 'account', 'user_id': 'user'},
        'crm.accounts': {'parent_account_id': 'account'},
        'crm.advocacy_events': {
            'account_id': 'account', 'contact_id': 'contact', 'influenced_opportunity_id': 'opportunity'
        },
        'crm.contact_job_changes': {
            'contact_id': 'contact', 'from_account_id': 'account', 'to_account_id': 'account'
        },
        'crm.contacts': {'account_id': 'account'},
        'crm.opportunities': {
            'account_id': 'account', 'sourced_by_user_id': 'user', 'source_program_id': 'program',
            'source_cta_id': 'cta', 'referring_contact_id': 'contact'
        },
        'crm.users': {'manager_user_id': 'user'},
        'cs_platform.activities': {
            'account_id': 'account', 'user_id': 'user', 'contact_id': 'contact', 'cta_id': 'cta'
        },
        'cs_platform.cta_tasks': {'cta_id': 'cta', 'owner_user_id': 'user'},
        'cs_platform.ctas': {
            'account_id': 'account', 'owner_user_id': 'user', 'playbook_id': 'playbook',
            'success_plan_id': 'success_plan', 'parent_cta_id': 'cta'
        },
        'cs_platform.milestones': {'account_id': 'account', 'cta_id': 'cta'},
        'cs_platform.success_plans': {'account_id': 'account', 'owner_user_id': 'user'},
        'digital.email_events': {'send_id': 'email_send'},
        'digital.email_sends': {'account_id': 'account', 'contact_id': 'contact', 'program_id': 'program'},
        'digital.program_costs': {'program_id': 'program'},
        'digital.program_enrollments': {'account_id': 'account', 'contact_id': 'contact', 'program_id': 'program'},
        'digital.programs': {'owner_user_id': 'user'},
        'product.account_usage_daily': {'account_id': 'account'},
        'product.feature_usage_daily': {'account_id': 'account'},
        'support.tickets': {'account_id': 'account', 'contact_id': 'contact'},
        'surveys.survey_responses': {
            'account_id': 'account', 'contact_id': 'contact', 'rated_user_id': 'user',
            'related_activity_id': 'activity'
        },
    } -%}
    {{ return(references.get(source_table, {})) }}
{%- endmacro %}


{#- A left join, from the relation aliased from_alias, to the spellings of
    the entity's system of record (its staged rows), aliased <column>__sor.
    One row per match key (the base model versions its rows by match key), so
    the join never adds rows. -#}
{% macro join_system_of_record(entity, column, from_alias='base') -%}
    {%- set sor = cs_analytics._id_systems_of_record()[entity] -%}
    left join (
        select
            {{ sor.column }} as sor_id,
            {{ cs_analytics.id_match_key(sor.column) }} as sor_match_key
        from {{ ref(sor.model) }}
        where
            _dq_reason is null
            and not _is_exact_duplicate
            and not _is_superseded_version
    ) as {{ column }}__sor
        on {{ cs_analytics.id_match_key(from_alias ~ '.' ~ column) }} = {{ column }}__sor.sor_match_key
{%- endmacro %}


{#- Every id column of a staging table joined to its system of record. -#}
{% macro join_systems_of_record(source_table, from_alias='base') -%}
    {%- for column, entity in cs_analytics.id_references(source_table).items() %}
    {{ cs_analytics.join_system_of_record(entity, column, from_alias) }}
    {%- endfor %}
{%- endmacro %}


{#- The id in its system of record's spelling; its own when it has no match. -#}
{% macro system_of_record_id(column, from_alias='base') -%}
    coalesce({{ column }}__sor.sor_id, {{ from_alias }}.{{ column }})
{%- endmacro %}


{#- True when one of the mapped ids of the row was re-spelled to its system of
    record's spelling (null/false otherwise). -#}
{% macro id_was_respelled(source_table, from_alias='base') -%}
    {%- set columns = cs_analytics.id_references(source_table).keys() | list -%}
    {%- if columns | length == 0 -%}
        false
    {%- else -%}
        (
            {%- for column in columns %}
            coalesce({{ column }}__sor.sor_id <> {{ from_alias }}.{{ column }}, false){{ ' or' if not loop.last }}
            {%- endfor %}
        )
    {%- endif -%}
{%- endmacro %}
