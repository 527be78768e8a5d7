{#-
    One parse of raw digital.email_events: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_digital__email_events (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules".
-#}


{%- set email_event_type = cs_analytics.canonical_enum('email_event_type') -%}
{%- set raw_columns = [
    'event_id',
    'send_id',
    'event_type',
    'is_machine_open',
    'url',
    'occurred_at',
] -%}

with source as (

    {{ cs_analytics.raw_source('digital', 'email_events') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('event_id') }} as event_id,
        {{ cs_analytics.clean_id('send_id') }} as send_id,

        -- strings
        {{ cs_analytics.clean_enum(
            'event_type', email_event_type.synonyms, email_event_type.accepted
        ) }} as event_type,
        {{ cs_analytics.clean_text('url') }} as url,

        -- booleans
        {{ cs_analytics.safe_cast_boolean('is_machine_open') }} as is_machine_open,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('occurred_at') }} as occurred_at,

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
            cs_analytics.dq_check_missing_key('event_id'),
            cs_analytics.dq_check_unparseable('is_machine_open'),
            cs_analytics.dq_check_unparseable('occurred_at'),
            cs_analytics.dq_check_implausible_date('occurred_at'),
            cs_analytics.dq_check_future('occurred_at'),
        ]) }},
        (
            coalesce(_raw_event_id, '') <> coalesce(event_id, '')
            or coalesce(_raw_send_id, '') <> coalesce(send_id, '')
        ) as _id_was_normalised,
        (
            {{ cs_analytics.is_unknown_enum(
                '_raw_event_type', email_event_type.synonyms, email_event_type.accepted
            ) }}
        ) as _has_unknown_enum,
        (
            {{ cs_analytics.has_utc_offset('_raw_occurred_at') }}
        ) as _had_utc_offset

    from renamed

),

versioned as (

    select
        *,
        {{ cs_analytics.dq_versioning_columns(
            [cs_analytics.id_match_key('event_id')],
            ['_dq_raw_row desc']
        ) }}

    from labelled

),

final as (

    select
        -- ids
        event_id,
        send_id,

        -- strings
        event_type,
        url,

        -- booleans
        is_machine_open,

        -- timestamps
        occurred_at,

        -- data quality
        {{ cs_analytics.surrogate_key(['_dq_raw_row', '_copy_number']) }} as _dq_row_id,
        _raw_event_id as _dq_raw_key,
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
