{#-
    One parse of raw cs_platform.cta_tasks: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_cs_platform__cta_tasks (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules".
-#}


{%- set raw_columns = [
    'task_id',
    'cta_id',
    'owner_user_id',
    'status',
    'due_date',
    'closed_at',
] -%}

with source as (

    {{ cs_analytics.raw_source('cs_platform', 'cta_tasks') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('task_id') }} as task_id,
        {{ cs_analytics.clean_id('cta_id') }} as cta_id,
        {{ cs_analytics.clean_id('owner_user_id') }} as owner_user_id,

        -- strings
        {{ cs_analytics.clean_code('status') }} as status,

        -- dates
        {{ cs_analytics.safe_cast_date('due_date') }} as due_date,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('closed_at') }} as closed_at,

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
            cs_analytics.dq_check_missing_key('task_id'),
            cs_analytics.dq_check_unparseable('due_date'),
            cs_analytics.dq_check_unparseable('closed_at'),
            cs_analytics.dq_check_implausible_date('due_date'),
            cs_analytics.dq_check_implausible_date('closed_at'),
            cs_analytics.dq_check_future('closed_at'),
        ]) }},
        (
            coalesce(_raw_task_id, '') <> coalesce(task_id, '')
            or coalesce(_raw_cta_id, '') <> coalesce(cta_id, '')
            or coalesce(_raw_owner_user_id, '') <> coalesce(owner_user_id, '')
        ) as _id_was_normalised,
        false as _has_unknown_enum,
        (
            {{ cs_analytics.has_utc_offset('_raw_closed_at') }}
        ) as _had_utc_offset

    from renamed

),

versioned as (

    select
        *,
        {{ cs_analytics.dq_versioning_columns(
            [cs_analytics.id_match_key('task_id')],
            ['_dq_raw_row desc']
        ) }}

    from labelled

),

final as (

    select
        -- ids
        task_id,
        cta_id,
        owner_user_id,

        -- strings
        status,

        -- dates
        due_date,

        -- timestamps
        closed_at,

        -- data quality
        {{ cs_analytics.surrogate_key(['_dq_raw_row', '_copy_number']) }} as _dq_row_id,
        _raw_task_id as _dq_raw_key,
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
