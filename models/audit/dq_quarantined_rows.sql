{#-
    Every raw row that staging held back, from every raw table, with the rule
    it broke and the value that broke it: the work list for source owners.
    Built from the base models listed in cs_analytics.staging_tables().
-#}

{%- set tables = cs_analytics.staging_tables() -%}

with

{% for t in tables -%}
    base_{{ t.source }}__{{ t.table }} as (

        select * from {{ ref('base_' ~ t.source ~ '__' ~ t.table) }}

    ),

{% endfor -%}

unioned as (

    {% for t in tables -%}
        select
            cast('{{ t.source }}.{{ t.table }}' as {{ dbt.type_string() }}) as source_table,
            _dq_row_id,
            _dq_raw_key as raw_key,
            _dq_column as column_name,
            _dq_reason as reason,
            _dq_raw_value as raw_value,
            _dq_raw_row as raw_row,
            _is_exact_duplicate as is_exact_duplicate
        from base_{{ t.source }}__{{ t.table }}
        where _dq_reason is not null
        {% if not loop.last -%}
            union all
        {% endif -%}
    {% endfor %}
),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key(['source_table', '_dq_row_id']) }} as quarantine_id,

        -- strings
        source_table,
        raw_key,
        column_name,
        reason,
        raw_value,
        raw_row,

        -- booleans
        is_exact_duplicate

    from unioned

)

select * from final
