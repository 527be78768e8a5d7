{#-
    One parse of raw digital.program_costs: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_digital__program_costs (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules".
-#}


{%- set raw_columns = [
    'program_id',
    'cost_month',
    'cost_amount',
] -%}

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
        {%- for column in raw_columns %}
            cast({{ column }} as {{ dbt.type_string() }}) as _raw_{{ column }},
        {%- endfor %}
        {{ cs_analytics.raw_row_text(raw_columns) }} as _dq_raw_row

    from source

),

labelled as (

    select
        *,
        {{ cs_analytics.dq_label_columns([
            cs_analytics.dq_check_missing_key('program_id'),
            cs_analytics.dq_check_missing_key('cost_month'),
            cs_analytics.dq_check_unparseable('cost_month'),
            cs_analytics.dq_check_out_of_range('cost_amount'),
            cs_analytics.dq_check_unparseable('cost_amount'),
            cs_analytics.dq_check_implausible_date('cost_month'),
        ]) }},
        (
            coalesce(_raw_program_id, '') <> coalesce(program_id, '')
        ) as _id_was_normalised,
        false as _has_unknown_enum,
        false as _had_utc_offset

    from renamed

),

versioned as (

    select
        *,
        {{ cs_analytics.dq_versioning_columns(
            [cs_analytics.id_match_key('program_id'), 'cost_month'],
            ['_dq_raw_row desc']
        ) }}

    from labelled

),

final as (

    select
        -- ids
        program_id,

        -- numerics
        cost_amount,

        -- dates
        cost_month,

        -- data quality
        {{ cs_analytics.surrogate_key(['_dq_raw_row', '_copy_number']) }} as _dq_row_id,
        {{ cs_analytics.raw_row_text(['_raw_program_id', '_raw_cost_month']) }} as _dq_raw_key,
        _dq_reason,
        _dq_column,
        _dq_raw_value,
        _dq_raw_row,
        _is_exact_duplicate,
        (_is_version_candidate and _version_number > 1) as _is_superseded_version,
        _id_was_normalised,
        _has_unknown_enum,
        _had_utc_offset

    from versioned

)

select * from final
