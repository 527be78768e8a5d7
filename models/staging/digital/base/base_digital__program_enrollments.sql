{#-
    One parse of raw digital.program_enrollments: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_digital__program_enrollments (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules".
-#}


{%- set raw_columns = [
    'enrollment_id',
    'program_id',
    'account_id',
    'contact_id',
    'enrolled_at',
    'exited_at',
    'is_holdout',
] -%}

with source as (

    {{ cs_analytics.raw_source('digital', 'program_enrollments') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('enrollment_id') }} as enrollment_id,
        {{ cs_analytics.clean_id('program_id') }} as program_id,
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('contact_id') }} as contact_id,

        -- booleans
        {{ cs_analytics.safe_cast_boolean('is_holdout') }} as is_holdout,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('enrolled_at') }} as enrolled_at,
        {{ cs_analytics.safe_cast_timestamp_utc('exited_at') }} as exited_at,

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
            cs_analytics.dq_check_missing_key('enrollment_id'),
            cs_analytics.dq_check_unparseable('enrolled_at'),
            cs_analytics.dq_check_unparseable('exited_at'),
            cs_analytics.dq_check_unparseable('is_holdout'),
            cs_analytics.dq_check_implausible_date('enrolled_at'),
            cs_analytics.dq_check_implausible_date('exited_at'),
            cs_analytics.dq_check_future('enrolled_at'),
        ]) }},
        (
            coalesce(_raw_enrollment_id, '') <> coalesce(enrollment_id, '')
            or coalesce(_raw_program_id, '') <> coalesce(program_id, '')
            or coalesce(_raw_account_id, '') <> coalesce(account_id, '')
            or coalesce(_raw_contact_id, '') <> coalesce(contact_id, '')
        ) as _id_was_normalised,
        false as _has_unknown_enum,
        (
            {{ cs_analytics.has_utc_offset('_raw_enrolled_at') }}
            or {{ cs_analytics.has_utc_offset('_raw_exited_at') }}
        ) as _had_utc_offset

    from renamed

),

versioned as (

    select
        *,
        {{ cs_analytics.dq_versioning_columns(
            [cs_analytics.id_match_key('enrollment_id')],
            ['_dq_raw_row desc']
        ) }}

    from labelled

),

final as (

    select
        -- ids
        enrollment_id,
        program_id,
        account_id,
        contact_id,

        -- booleans
        is_holdout,

        -- timestamps
        enrolled_at,
        exited_at,

        -- data quality
        {{ cs_analytics.surrogate_key(['_dq_raw_row', '_copy_number']) }} as _dq_row_id,
        _raw_enrollment_id as _dq_raw_key,
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
