{#-
    One parse of raw digital.program_costs: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_digital__program_costs (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}



with source as (

    {{ cs_analytics.raw_source('digital', 'program_costs') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('program_id') }} as program_id,

        -- numerics
        {{ cs_analytics.safe_cast_numeric('cost_amount') }} as cost_amount,

        -- dates
        {{ cs_analytics.safe_cast_date('cost_month') }} as cost_month,

        -- raw values, as they arrived
        {{ cs_analytics.dq_raw_values('digital', 'program_costs') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'digital', 'program_costs',
    checks=[
        cs_analytics.dq_check_missing_key('program_id'),
        cs_analytics.dq_check_missing_key('cost_month'),
        cs_analytics.dq_check_unparseable('cost_month'),
        cs_analytics.dq_check_out_of_range('cost_amount'),
        cs_analytics.dq_check_unparseable('cost_amount'),
        cs_analytics.dq_check_implausible_date('cost_month'),
    ],
    key=['program_id', 'cost_month']
) }}

select * from final
