{#-
    One parse of raw digital.email_sends: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_digital__email_sends (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules".
-#}


{%- set raw_columns = [
    'send_id',
    'program_id',
    'account_id',
    'contact_id',
    'step_number',
    'sent_at',
] -%}

with source as (

    {{ cs_analytics.raw_source('digital', 'email_sends') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('send_id') }} as send_id,
        {{ cs_analytics.clean_id('program_id') }} as program_id,
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('contact_id') }} as contact_id,

        -- numerics
        {{ cs_analytics.safe_cast_integer('step_number') }} as step_number,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('sent_at') }} as sent_at,

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
            cs_analytics.dq_check_missing_key('send_id'),
            cs_analytics.dq_check_unparseable('step_number'),
            cs_analytics.dq_check_unparseable('sent_at'),
            cs_analytics.dq_check_implausible_date('sent_at'),
            cs_analytics.dq_check_future('sent_at'),
        ]) }},
        (
            coalesce(_raw_send_id, '') <> coalesce(send_id, '')
            or coalesce(_raw_program_id, '') <> coalesce(program_id, '')
            or coalesce(_raw_account_id, '') <> coalesce(account_id, '')
            or coalesce(_raw_contact_id, '') <> coalesce(contact_id, '')
        ) as _id_was_normalised,
        false as _has_unknown_enum,
        (
            {{ cs_analytics.has_utc_offset('_raw_sent_at') }}
        ) as _had_utc_offset

    from renamed

),

versioned as (

    select
        *,
        {{ cs_analytics.dq_versioning_columns(
            [cs_analytics.id_match_key('send_id')],
            ['_dq_raw_row desc']
        ) }}

    from labelled

),

final as (

    select
        -- ids
        send_id,
        program_id,
        account_id,
        contact_id,

        -- numerics
        step_number,

        -- timestamps
        sent_at,

        -- data quality
        {{ cs_analytics.surrogate_key(['_dq_raw_row', '_copy_number']) }} as _dq_row_id,
        _raw_send_id as _dq_raw_key,
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
