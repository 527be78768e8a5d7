{#-
    Columns the raw contract marks nullable that a raw table does not have at
    all (an export without the optional field): staging fills them with null
    (macro raw_source) and they are listed here, one row per table and
    column, with the number of raw rows that got the null. A missing required
    column never reaches this model: the build stops with
    "raw_<schema>.<table> lacks required column <col>".
-#}

{%- set filled = [] -%}
{%- for table in cs_analytics.staging_tables() -%}
    {%- for column in cs_analytics.raw_missing_columns(table.source, table.table) -%}
        {%- do filled.append({'source': table.source, 'table': table.table, 'column': column}) -%}
    {%- endfor -%}
{%- endfor %}

with filled_columns as (

    {% for item in filled -%}
    select
        cast('{{ item.source }}.{{ item.table }}' as {{ dbt.type_string() }}) as source_table,
        cast('{{ item.column }}' as {{ dbt.type_string() }}) as column_name,
        count(*) as filled_rows
    from {{ source(item.source, item.table) }}
    {% if not loop.last %}union all
    {% endif -%}
    {%- else -%}
    select
        cast(null as {{ dbt.type_string() }}) as source_table,
        cast(null as {{ dbt.type_string() }}) as column_name,
        cast(0 as bigint) as filled_rows
    {%- endfor %}

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key(['source_table', 'column_name']) }} as missing_raw_column_id,

        -- strings
        source_table,
        column_name,

        -- numerics
        cast(filled_rows as bigint) as filled_rows

    from filled_columns
    where source_table is not null

)

select * from final
