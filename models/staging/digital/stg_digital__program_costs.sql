{#-
    Clean digital.program_costs: the rows of base_digital__program_costs
    that passed every check, with exact duplicates and superseded versions
    collapsed. The columns: staged_columns() in
    macros/staging/staged_columns.sql.
-#}

with base as (

    select * from {{ ref('base_digital__program_costs') }}

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key([
            cs_analytics.system_of_record_id('program_id'),
            'cost_month'
        ]) }} as program_cost_key,
        {{ cs_analytics.select_staged_columns('digital', 'program_costs') }}

    from base
    {{ cs_analytics.join_systems_of_record('digital.program_costs') }}
    where
        base._dq_reason is null
        and not base._is_exact_duplicate
        and not base._is_superseded_version

)

select * from final
