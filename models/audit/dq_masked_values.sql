{#-
    Email addresses and phone numbers found in free text and masked by
    staging (macro mask_pii: '[email]', '[phone]'), counted per raw table
    and column over the staged rows. Zero rows when no free text held any.
-#}

with masked as (

    {% for item in cs_analytics.pii_masked_columns() -%}
    select
        cast('{{ item.source }}.{{ item.table }}' as {{ dbt.type_string() }}) as source_table,
        cast('{{ item.column }}' as {{ dbt.type_string() }}) as column_name,
        sum(case when {{ item.column }} like '%[email]%' then 1 else 0 end) as values_with_email,
        sum(case when {{ item.column }} like '%[phone]%' then 1 else 0 end) as values_with_phone,
        sum(
            case when {{ item.column }} like '%[email]%' or {{ item.column }} like '%[phone]%' then 1 else 0 end
        ) as masked_values
    from {{ ref('stg_' ~ item.source ~ '__' ~ item.table) }}
    {% if not loop.last %}union all
    {% endif -%}
    {%- endfor %}

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key(['source_table', 'column_name']) }} as masked_column_id,

        -- strings
        source_table,
        column_name,

        -- numerics
        cast(masked_values as bigint) as masked_values,
        cast(values_with_email as bigint) as values_with_email,
        cast(values_with_phone as bigint) as values_with_phone

    from masked
    where masked_values > 0

)

select * from final
