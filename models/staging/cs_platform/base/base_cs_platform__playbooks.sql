{#-
    One parse of raw cs_platform.playbooks: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_cs_platform__playbooks (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules".
-#}


{%- set playbook_category = cs_analytics.canonical_enum('playbook_category') -%}
{%- set success_metric = cs_analytics.canonical_enum('success_metric') -%}
{%- set raw_columns = [
    'playbook_id',
    'playbook_name',
    'category',
    'success_metric',
    'attribution_window_days',
] -%}

with source as (

    {{ cs_analytics.raw_source('cs_platform', 'playbooks') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('playbook_id') }} as playbook_id,

        -- strings
        {{ cs_analytics.clean_free_text('playbook_name') }} as playbook_name,
        {{ cs_analytics.clean_enum(
            'category', playbook_category.synonyms, playbook_category.accepted
        ) }} as category,
        {{ cs_analytics.clean_enum(
            'success_metric', success_metric.synonyms, success_metric.accepted
        ) }} as success_metric,

        -- numerics
        {{ cs_analytics.safe_cast_integer('attribution_window_days') }} as attribution_window_days,

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
            cs_analytics.dq_check_missing_key('playbook_id'),
            cs_analytics.dq_check_unparseable('attribution_window_days'),
        ]) }},
        (
            coalesce(_raw_playbook_id, '') <> coalesce(playbook_id, '')
        ) as _id_was_normalised,
        (
            {{ cs_analytics.is_unknown_enum(
                '_raw_category', playbook_category.synonyms, playbook_category.accepted
            ) }}
            or {{ cs_analytics.is_unknown_enum(
                '_raw_success_metric', success_metric.synonyms, success_metric.accepted
            ) }}
        ) as _has_unknown_enum,
        false as _had_utc_offset

    from renamed

),

versioned as (

    select
        *,
        {{ cs_analytics.dq_versioning_columns(
            [cs_analytics.id_match_key('playbook_id')],
            ['_dq_raw_row desc']
        ) }}

    from labelled

),

final as (

    select
        -- ids
        playbook_id,

        -- strings
        playbook_name,
        category,
        success_metric,

        -- numerics
        attribution_window_days,

        -- data quality
        {{ cs_analytics.surrogate_key(['_dq_raw_row', '_copy_number']) }} as _dq_row_id,
        _raw_playbook_id as _dq_raw_key,
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
