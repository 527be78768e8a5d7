{#-
    Columns the raw contract marks nullable that a raw table does not have at
    all (an export without the optional field): staging fills them with null
    (macro raw_source) and they are listed here, one row per table and
    column, with the number of raw rows that got the null. A missing required
    column never reaches this model: the build stops with
    "raw_<schema>.<table> lacks required column <col>".
-#}

with filled_columns as (

    {{ cs_analytics.missing_raw_columns_rows() }}

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
