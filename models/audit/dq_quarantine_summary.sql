{#-
    Quarantined rows counted by table, rule and column: the one-glance view of
    which source needs fixing first.
-#}

{{ config(materialized='view') }}

with quarantined_rows as (

    select * from {{ ref('dq_quarantined_rows') }}

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key(['source_table', 'reason', 'column_name']) }} as quarantine_summary_id,

        -- strings
        source_table,
        reason,
        column_name,

        -- numerics
        count(*) as quarantined_rows

    from quarantined_rows
    group by
        source_table,
        reason,
        column_name

)

select * from final
