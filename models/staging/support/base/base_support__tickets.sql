{#-
    One parse of raw support.tickets: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_support__tickets (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules".
-#}

{{ config(enabled=var('using_support_tickets', true)) }}


{%- set raw_columns = [
    'ticket_id',
    'account_id',
    'contact_id',
    'priority',
    'status',
    'is_escalated',
    'created_at',
    'first_response_at',
    'solved_at',
] -%}

with source as (

    {{ cs_analytics.raw_source('support', 'tickets') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('ticket_id') }} as ticket_id,
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('contact_id') }} as contact_id,

        -- strings
        {{ cs_analytics.clean_code('priority') }} as priority,
        {{ cs_analytics.clean_code('status') }} as status,

        -- booleans
        {{ cs_analytics.safe_cast_boolean('is_escalated') }} as is_escalated,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('created_at') }} as created_at,
        {{ cs_analytics.safe_cast_timestamp_utc('first_response_at') }} as first_response_at,
        {{ cs_analytics.safe_cast_timestamp_utc('solved_at') }} as solved_at,

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
            cs_analytics.dq_check_missing_key('ticket_id'),
            cs_analytics.dq_check_unparseable('is_escalated'),
            cs_analytics.dq_check_unparseable('created_at'),
            cs_analytics.dq_check_unparseable('first_response_at'),
            cs_analytics.dq_check_unparseable('solved_at'),
            cs_analytics.dq_check_implausible_date('created_at'),
            cs_analytics.dq_check_implausible_date('first_response_at'),
            cs_analytics.dq_check_implausible_date('solved_at'),
            cs_analytics.dq_check_future('created_at'),
            cs_analytics.dq_check_future('first_response_at'),
            cs_analytics.dq_check_future('solved_at'),
        ]) }},
        (
            coalesce(_raw_ticket_id, '') <> coalesce(ticket_id, '')
            or coalesce(_raw_account_id, '') <> coalesce(account_id, '')
            or coalesce(_raw_contact_id, '') <> coalesce(contact_id, '')
        ) as _id_was_normalised,
        false as _has_unknown_enum,
        (
            {{ cs_analytics.has_utc_offset('_raw_created_at') }}
            or {{ cs_analytics.has_utc_offset('_raw_first_response_at') }}
            or {{ cs_analytics.has_utc_offset('_raw_solved_at') }}
        ) as _had_utc_offset

    from renamed

),

versioned as (

    select
        *,
        {{ cs_analytics.dq_versioning_columns(
            [cs_analytics.id_match_key('ticket_id')],
            ['_dq_raw_row desc']
        ) }}

    from labelled

),

final as (

    select
        -- ids
        ticket_id,
        account_id,
        contact_id,

        -- strings
        priority,
        status,

        -- booleans
        is_escalated,

        -- timestamps
        created_at,
        first_response_at,
        solved_at,

        -- data quality
        {{ cs_analytics.surrogate_key(['_dq_raw_row', '_copy_number']) }} as _dq_row_id,
        _raw_ticket_id as _dq_raw_key,
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
