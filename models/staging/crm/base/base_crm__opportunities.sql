{#-
    One parse of raw crm.opportunities: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_crm__opportunities (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules".
-#}


{%- set lead_source = cs_analytics.canonical_enum('lead_source') -%}
{%- set opportunity_type = cs_analytics.canonical_enum('opportunity_type') -%}
{%- set raw_columns = [
    'opportunity_id',
    'account_id',
    'opportunity_type',
    'stage',
    'is_sales_accepted',
    'is_closed',
    'is_won',
    'amount_arr',
    'lead_source',
    'is_cs_influenced',
    'sourced_by_user_id',
    'source_program_id',
    'source_cta_id',
    'referring_contact_id',
    'created_at',
    'closed_at',
] -%}

with source as (

    {{ cs_analytics.raw_source('crm', 'opportunities') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('opportunity_id') }} as opportunity_id,
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('sourced_by_user_id') }} as sourced_by_user_id,
        {{ cs_analytics.clean_id('source_program_id') }} as source_program_id,
        {{ cs_analytics.clean_id('source_cta_id') }} as source_cta_id,
        {{ cs_analytics.clean_id('referring_contact_id') }} as referring_contact_id,

        -- strings
        {{ cs_analytics.clean_enum(
            'opportunity_type', opportunity_type.synonyms, opportunity_type.accepted
        ) }} as opportunity_type,
        {{ cs_analytics.clean_free_text('stage') }} as stage,
        {{ cs_analytics.clean_enum(
            'lead_source', lead_source.synonyms, lead_source.accepted
        ) }} as lead_source,

        -- numerics
        {{ cs_analytics.safe_cast_numeric('amount_arr') }} as amount_arr,

        -- booleans
        {{ cs_analytics.safe_cast_boolean('is_sales_accepted') }} as is_sales_accepted,
        {{ cs_analytics.safe_cast_boolean('is_closed') }} as is_closed,
        {{ cs_analytics.safe_cast_boolean('is_won') }} as is_won,
        {{ cs_analytics.safe_cast_boolean('is_cs_influenced') }} as is_cs_influenced,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('created_at') }} as created_at,
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
            cs_analytics.dq_check_missing_key('opportunity_id'),
            cs_analytics.dq_check_unparseable('is_sales_accepted'),
            cs_analytics.dq_check_unparseable('is_closed'),
            cs_analytics.dq_check_unparseable('is_won'),
            cs_analytics.dq_check_out_of_range('amount_arr'),
            cs_analytics.dq_check_unparseable('amount_arr'),
            cs_analytics.dq_check_unparseable('is_cs_influenced'),
            cs_analytics.dq_check_unparseable('created_at'),
            cs_analytics.dq_check_unparseable('closed_at'),
            cs_analytics.dq_check_implausible_date('created_at'),
            cs_analytics.dq_check_implausible_date('closed_at'),
            cs_analytics.dq_check_future('created_at'),
            cs_analytics.dq_check_future('closed_at'),
        ]) }},
        (
            coalesce(_raw_opportunity_id, '') <> coalesce(opportunity_id, '')
            or coalesce(_raw_account_id, '') <> coalesce(account_id, '')
            or coalesce(_raw_sourced_by_user_id, '') <> coalesce(sourced_by_user_id, '')
            or coalesce(_raw_source_program_id, '') <> coalesce(source_program_id, '')
            or coalesce(_raw_source_cta_id, '') <> coalesce(source_cta_id, '')
            or coalesce(_raw_referring_contact_id, '') <> coalesce(referring_contact_id, '')
        ) as _id_was_normalised,
        (
            {{ cs_analytics.is_unknown_enum(
                '_raw_opportunity_type', opportunity_type.synonyms, opportunity_type.accepted
            ) }}
            or {{ cs_analytics.is_unknown_enum(
                '_raw_lead_source', lead_source.synonyms, lead_source.accepted
            ) }}
        ) as _has_unknown_enum,
        (
            {{ cs_analytics.has_utc_offset('_raw_created_at') }}
            or {{ cs_analytics.has_utc_offset('_raw_closed_at') }}
        ) as _had_utc_offset

    from renamed

),

versioned as (

    select
        *,
        {{ cs_analytics.dq_versioning_columns(
            [cs_analytics.id_match_key('opportunity_id')],
            ['_dq_raw_row desc']
        ) }}

    from labelled

),

final as (

    select
        -- ids
        opportunity_id,
        account_id,
        sourced_by_user_id,
        source_program_id,
        source_cta_id,
        referring_contact_id,

        -- strings
        opportunity_type,
        stage,
        lead_source,

        -- numerics
        amount_arr,

        -- booleans
        is_sales_accepted,
        is_closed,
        is_won,
        is_cs_influenced,

        -- timestamps
        created_at,
        closed_at,

        -- data quality
        {{ cs_analytics.surrogate_key(['_dq_raw_row', '_copy_number']) }} as _dq_row_id,
        _raw_opportunity_id as _dq_raw_key,
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
