{#-
    One parse of raw cs_platform.milestones: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_cs_platform__milestones (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules".
-#}


{%- set raw_columns = [
    'milestone_id',
    'account_id',
    'milestone_type',
    'achieved_at',
    'cta_id',
] -%}

with source as (

    {{ cs_analytics.raw_source('cs_platform', 'milestones') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('milestone_id') }} as milestone_id,
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('cta_id') }} as cta_id,

        -- strings
        {{ cs_analytics.clean_code('milestone_type') }} as milestone_type,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('achieved_at') }} as achieved_at,

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
            cs_analytics.dq_check_missing_key('milestone_id'),
            cs_analytics.dq_check_unparseable('achieved_at'),
            cs_analytics.dq_check_implausible_date('achieved_at'),
            cs_analytics.dq_check_future('achieved_at'),
        ]) }},
        (
            coalesce(_raw_milestone_id, '') <> coalesce(milestone_id, '')
            or coalesce(_raw_account_id, '') <> coalesce(account_id, '')
            or coalesce(_raw_cta_id, '') <> coalesce(cta_id, '')
        ) as _id_was_normalised,
        false as _has_unknown_enum,
        (
            {{ cs_analytics.has_utc_offset('_raw_achieved_at') }}
        ) as _had_utc_offset

    from renamed

),

versioned as (

    select
        *,
        {{ cs_analytics.dq_versioning_columns(
            [cs_analytics.id_match_key('milestone_id')],
            ['_dq_raw_row desc']
        ) }}

    from labelled

),

final as (

    select
        -- ids
        milestone_id,
        account_id,
        cta_id,

        -- strings
        milestone_type,

        -- timestamps
        achieved_at,

        -- data quality
        {{ cs_analytics.surrogate_key(['_dq_raw_row', '_copy_number']) }} as _dq_row_id,
        _raw_milestone_id as _dq_raw_key,
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
