{#-
    One parse of raw crm.contact_job_changes: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_crm__contact_job_changes (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules".
-#}


{%- set raw_columns = [
    'contact_id',
    'from_account_id',
    'to_account_id',
    'to_company_name',
    'detected_at',
] -%}

with source as (

    {{ cs_analytics.raw_source('crm', 'contact_job_changes') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('contact_id') }} as contact_id,
        {{ cs_analytics.clean_id('from_account_id') }} as from_account_id,
        {{ cs_analytics.clean_id('to_account_id') }} as to_account_id,

        -- strings
        {{ cs_analytics.clean_free_text('to_company_name') }} as to_company_name,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('detected_at') }} as detected_at,

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
            cs_analytics.dq_check_missing_key('contact_id'),
            cs_analytics.dq_check_missing_key('detected_at'),
            cs_analytics.dq_check_unparseable('detected_at'),
            cs_analytics.dq_check_implausible_date('detected_at'),
            cs_analytics.dq_check_future('detected_at'),
        ]) }},
        (
            coalesce(_raw_contact_id, '') <> coalesce(contact_id, '')
            or coalesce(_raw_from_account_id, '') <> coalesce(from_account_id, '')
            or coalesce(_raw_to_account_id, '') <> coalesce(to_account_id, '')
        ) as _id_was_normalised,
        false as _has_unknown_enum,
        (
            {{ cs_analytics.has_utc_offset('_raw_detected_at') }}
        ) as _had_utc_offset

    from renamed

),

versioned as (

    select
        *,
        {{ cs_analytics.dq_versioning_columns(
            [cs_analytics.id_match_key('contact_id'), 'detected_at'],
            ['_dq_raw_row desc']
        ) }}

    from labelled

),

final as (

    select
        -- ids
        contact_id,
        from_account_id,
        to_account_id,

        -- strings
        to_company_name,

        -- timestamps
        detected_at,

        -- data quality
        {{ cs_analytics.surrogate_key(['_dq_raw_row', '_copy_number']) }} as _dq_row_id,
        {{ cs_analytics.raw_row_text(['_raw_contact_id', '_raw_detected_at']) }} as _dq_raw_key,
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
