{#-
    One parse of raw crm.contacts: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_crm__contacts (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules".
-#}


{%- set raw_columns = [
    'contact_id',
    'account_id',
    'email',
    'full_name',
    'title',
    'is_champion',
    'is_exec_sponsor',
    'is_referenceable',
    'created_at',
    'left_at',
] -%}

with source as (

    {{ cs_analytics.raw_source('crm', 'contacts') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('contact_id') }} as contact_id,
        {{ cs_analytics.clean_id('account_id') }} as account_id,

        -- strings
        {{ cs_analytics.clean_text('email') }} as email,
        {{ cs_analytics.clean_free_text('full_name') }} as full_name,
        {{ cs_analytics.clean_free_text('title') }} as title,

        -- booleans
        {{ cs_analytics.safe_cast_boolean('is_champion') }} as is_champion,
        {{ cs_analytics.safe_cast_boolean('is_exec_sponsor') }} as is_exec_sponsor,
        {{ cs_analytics.safe_cast_boolean('is_referenceable') }} as is_referenceable,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('created_at') }} as created_at,
        {{ cs_analytics.safe_cast_timestamp_utc('left_at') }} as left_at,

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
            cs_analytics.dq_check_unparseable('is_champion'),
            cs_analytics.dq_check_unparseable('is_exec_sponsor'),
            cs_analytics.dq_check_unparseable('is_referenceable'),
            cs_analytics.dq_check_unparseable('created_at'),
            cs_analytics.dq_check_unparseable('left_at'),
            cs_analytics.dq_check_implausible_date('created_at'),
            cs_analytics.dq_check_implausible_date('left_at'),
            cs_analytics.dq_check_future('created_at'),
        ]) }},
        (
            coalesce(_raw_contact_id, '') <> coalesce(contact_id, '')
            or coalesce(_raw_account_id, '') <> coalesce(account_id, '')
        ) as _id_was_normalised,
        false as _has_unknown_enum,
        (
            {{ cs_analytics.has_utc_offset('_raw_created_at') }}
            or {{ cs_analytics.has_utc_offset('_raw_left_at') }}
        ) as _had_utc_offset

    from renamed

),

versioned as (

    select
        *,
        {{ cs_analytics.dq_versioning_columns(
            [cs_analytics.id_match_key('contact_id')],
            ['_dq_raw_row desc']
        ) }}

    from labelled

),

final as (

    select
        -- ids
        contact_id,
        account_id,

        -- strings
        email,
        full_name,
        title,

        -- booleans
        is_champion,
        is_exec_sponsor,
        is_referenceable,

        -- timestamps
        created_at,
        left_at,

        -- data quality
        {{ cs_analytics.surrogate_key(['_dq_raw_row', '_copy_number']) }} as _dq_row_id,
        _raw_contact_id as _dq_raw_key,
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
