{#-
    One parse of raw digital.programs: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_digital__programs (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules".
-#}


{%- set goal_metric = cs_analytics.canonical_enum('goal_metric') -%}
{%- set program_type = cs_analytics.canonical_enum('program_type') -%}
{%- set trigger_type = cs_analytics.canonical_enum('trigger_type') -%}
{%- set raw_columns = [
    'program_id',
    'program_name',
    'program_type',
    'trigger_type',
    'trigger_rule',
    'goal_metric',
    'owner_user_id',
    'launched_at',
] -%}

with source as (

    {{ cs_analytics.raw_source('digital', 'programs') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('program_id') }} as program_id,
        {{ cs_analytics.clean_id('owner_user_id') }} as owner_user_id,

        -- strings
        {{ cs_analytics.clean_free_text('program_name') }} as program_name,
        {{ cs_analytics.clean_enum(
            'program_type', program_type.synonyms, program_type.accepted
        ) }} as program_type,
        {{ cs_analytics.clean_enum(
            'trigger_type', trigger_type.synonyms, trigger_type.accepted
        ) }} as trigger_type,
        {{ cs_analytics.clean_free_text('trigger_rule') }} as trigger_rule,
        {{ cs_analytics.clean_enum(
            'goal_metric', goal_metric.synonyms, goal_metric.accepted
        ) }} as goal_metric,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('launched_at') }} as launched_at,

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
            cs_analytics.dq_check_unparseable('launched_at'),
            cs_analytics.dq_check_implausible_date('launched_at'),
            cs_analytics.dq_check_future('launched_at'),
        ]) }},
        (
            coalesce(_raw_program_id, '') <> coalesce(program_id, '')
            or coalesce(_raw_owner_user_id, '') <> coalesce(owner_user_id, '')
        ) as _id_was_normalised,
        (
            {{ cs_analytics.is_unknown_enum(
                '_raw_program_type', program_type.synonyms, program_type.accepted
            ) }}
            or {{ cs_analytics.is_unknown_enum(
                '_raw_trigger_type', trigger_type.synonyms, trigger_type.accepted
            ) }}
            or {{ cs_analytics.is_unknown_enum(
                '_raw_goal_metric', goal_metric.synonyms, goal_metric.accepted
            ) }}
        ) as _has_unknown_enum,
        (
            {{ cs_analytics.has_utc_offset('_raw_launched_at') }}
        ) as _had_utc_offset

    from renamed

),

versioned as (

    select
        *,
        {{ cs_analytics.dq_versioning_columns(
            [cs_analytics.id_match_key('program_id')],
            ['_dq_raw_row desc']
        ) }}

    from labelled

),

final as (

    select
        -- ids
        program_id,
        owner_user_id,

        -- strings
        program_name,
        program_type,
        trigger_type,
        trigger_rule,
        goal_metric,

        -- timestamps
        launched_at,

        -- data quality
        {{ cs_analytics.surrogate_key(['_dq_raw_row', '_copy_number']) }} as _dq_row_id,
        _raw_program_id as _dq_raw_key,
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
