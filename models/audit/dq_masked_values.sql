{#-
    Email addresses and phone numbers found in free text and masked by
    staging (macro mask_pii: '[email]', '[phone]'), counted per raw table
    and column over the staged rows. Zero rows when no free text held any.
-#}

with masked as (

    {{ cs_analytics.masked_values_rows() }}

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
