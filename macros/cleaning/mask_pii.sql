{#-
    mask_pii: free text with every email address replaced by '[email]' and
    every phone number by '[phone]'. Free text (an account name, a not-valid
    reason, a survey comment, a program name) is typed by people, who paste
    contact details into it; the marts must not carry them.

    - email: [A-Za-z0-9._%+-]+ @ [A-Za-z0-9.-]+ . [A-Za-z]{2,}
    - phone: an optional '+', then at least 9 digits, consecutive digits
      separated by at most two of space ( ) . - ; so '+1 (555) 010-2030'
      and '020 7946 0958' are masked but a date ('2025-01-31', 8 digits) or
      a short number is not. A date-time written out in full (14 digits) is
      masked too: free text never needs one.

    Written with character classes only (no backslash escapes), so the same
    pattern means the same in DuckDB (RE2), Postgres (ARE), Spark (Java) and
    Snowflake (POSIX ERE). Every occurrence is replaced: DuckDB and Postgres
    need the 'g' flag; Spark's and Snowflake's regexp_replace replace all.

    contains_pii: true when the text holds an email address or a phone
    number by the same patterns (counted in dq_masked_values).
-#}
{% macro _pii_pattern(kind) -%}
    {%- set patterns = {
        'email': '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[.][A-Za-z]{2,}',
        'phone': '[+]?[0-9]([ ().-]{0,2}[0-9]){8,}',
    } -%}
    {{ return(patterns[kind]) }}
{%- endmacro %}

{% macro mask_pii(expr) -%}
    {{ return(adapter.dispatch('mask_pii', 'cs_analytics')(expr)) }}
{%- endmacro %}

{% macro default__mask_pii(expr) -%}
    regexp_replace(
        regexp_replace({{ expr }}, '{{ cs_analytics._pii_pattern("email") }}', '[email]'),
        '{{ cs_analytics._pii_pattern("phone") }}', '[phone]'
    )
{%- endmacro %}

{% macro duckdb__mask_pii(expr) -%}
    regexp_replace(
        regexp_replace({{ expr }}, '{{ cs_analytics._pii_pattern("email") }}', '[email]', 'g'),
        '{{ cs_analytics._pii_pattern("phone") }}', '[phone]', 'g'
    )
{%- endmacro %}

{% macro postgres__mask_pii(expr) -%}
    {{ cs_analytics.duckdb__mask_pii(expr) }}
{%- endmacro %}

{% macro spark__mask_pii(expr) -%}
    {{ cs_analytics.default__mask_pii(expr) }}
{%- endmacro %}

{% macro snowflake__mask_pii(expr) -%}
    {{ cs_analytics.default__mask_pii(expr) }}
{%- endmacro %}


{% macro contains_pii(expr) -%}
    {{ return(adapter.dispatch('contains_pii', 'cs_analytics')(expr)) }}
{%- endmacro %}

{% macro default__contains_pii(expr) -%}
    coalesce({{ cs_analytics.mask_pii(expr) }} <> {{ expr }}, false)
{%- endmacro %}

{% macro duckdb__contains_pii(expr) -%}
    coalesce(
        regexp_matches({{ expr }}, '{{ cs_analytics._pii_pattern("email") }}')
        or regexp_matches({{ expr }}, '{{ cs_analytics._pii_pattern("phone") }}'),
        false
    )
{%- endmacro %}

{% macro postgres__contains_pii(expr) -%}
    coalesce(
        {{ expr }} ~ '{{ cs_analytics._pii_pattern("email") }}'
        or {{ expr }} ~ '{{ cs_analytics._pii_pattern("phone") }}',
        false
    )
{%- endmacro %}

{% macro spark__contains_pii(expr) -%}
    coalesce(
        {{ expr }} rlike '{{ cs_analytics._pii_pattern("email") }}'
        or {{ expr }} rlike '{{ cs_analytics._pii_pattern("phone") }}',
        false
    )
{%- endmacro %}

{#- Snowflake's REGEXP_LIKE matches the whole string: compare with the masked text instead. -#}
{% macro snowflake__contains_pii(expr) -%}
    {{ cs_analytics.default__contains_pii(expr) }}
{%- endmacro %}


{#- clean_free_text: clean_text, then mask_pii. For free text that can reach a mart. -#}
{% macro clean_free_text(col) -%}
    {{ cs_analytics.mask_pii(cs_analytics.clean_text(col)) }}
{%- endmacro %}


{#-
    pii_masked_columns: the free-text columns staging masks with
    clean_free_text, as [{'source', 'table', 'column'}]: every clean_text
    column of the base models except the contact and user email columns
    (personal data by definition, never selected by a mart) and email-event
    urls. dq_masked_values counts masked values over this list, and a test
    checks it against the base models.
-#}
{% macro pii_masked_columns() -%}
    {%- set columns = [
        ('billing', 'subscriptions', 'product'),
        ('crm', 'accounts', 'account_name'),
        ('crm', 'accounts', 'industry'),
        ('crm', 'accounts', 'region'),
        ('crm', 'contact_job_changes', 'to_company_name'),
        ('crm', 'contacts', 'full_name'),
        ('crm', 'contacts', 'title'),
        ('crm', 'opportunities', 'stage'),
        ('crm', 'users', 'full_name'),
        ('crm', 'users', 'team'),
        ('crm', 'users', 'region'),
        ('cs_platform', 'ctas', 'not_valid_reason'),
        ('cs_platform', 'playbooks', 'playbook_name'),
        ('digital', 'programs', 'program_name'),
        ('digital', 'programs', 'trigger_rule'),
        ('surveys', 'survey_responses', 'comment'),
    ] -%}
    {%- set out = [] -%}
    {%- for source_name, table_name, column in columns -%}
        {%- do out.append({'source': source_name, 'table': table_name, 'column': column}) -%}
    {%- endfor -%}
    {{ return(out) }}
{%- endmacro %}


{#- masked_values_rows: one select per masked column, unioned (dq_masked_values). -#}
{% macro masked_values_rows() -%}
    {%- for item in cs_analytics.pii_masked_columns() %}
    select
        cast('{{ item.source }}.{{ item.table }}' as {{ dbt.type_string() }}) as source_table,
        cast('{{ item.column }}' as {{ dbt.type_string() }}) as column_name,
        sum(case when {{ item.column }} like '%[email]%' then 1 else 0 end) as values_with_email,
        sum(case when {{ item.column }} like '%[phone]%' then 1 else 0 end) as values_with_phone,
        sum(
            case when {{ item.column }} like '%[email]%' or {{ item.column }} like '%[phone]%' then 1 else 0 end
        ) as masked_values
    from {{ ref('stg_' ~ item.source ~ '__' ~ item.table) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
