{#-
    One parse of raw crm.accounts: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_crm__accounts (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules".
-#}


{%- set coverage_model = cs_analytics.canonical_enum('coverage_model') -%}
{%- set segment = cs_analytics.canonical_enum('segment') -%}
{%- set raw_columns = [
    'account_id',
    'account_name',
    'segment',
    'coverage_model',
    'industry',
    'region',
    'parent_account_id',
    'created_at',
    'updated_at',
    'is_deleted',
] -%}

with source as (

    {{ cs_analytics.raw_source('crm', 'accounts') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('parent_account_id') }} as parent_account_id,

        -- strings
        {{ cs_analytics.clean_free_text('account_name') }} as account_name,
        {{ cs_analytics.clean_enum('segment', segment.synonyms, segment.accepted) }} as segment,
        {{ cs_analytics.clean_enum(
            'coverage_model', coverage_model.synonyms, coverage_model.accepted
        ) }} as coverage_model,
        {{ cs_analytics.clean_free_text('industry') }} as industry,
        {{ cs_analytics.clean_free_text('region') }} as region,

        -- booleans
        {{ cs_analytics.safe_cast_boolean('is_deleted') }} as is_deleted,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('created_at') }} as created_at,
        {{ cs_analytics.safe_cast_timestamp_utc('updated_at') }} as updated_at,

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
            cs_analytics.dq_check_missing_key('account_id'),
            cs_analytics.dq_check_unparseable('created_at'),
            cs_analytics.dq_check_unparseable('updated_at'),
            cs_analytics.dq_check_unparseable('is_deleted'),
            cs_analytics.dq_check_implausible_date('created_at'),
            cs_analytics.dq_check_implausible_date('updated_at'),
            cs_analytics.dq_check_future('created_at'),
        ]) }},
        (
            coalesce(_raw_account_id, '') <> coalesce(account_id, '')
            or coalesce(_raw_parent_account_id, '') <> coalesce(parent_account_id, '')
        ) as _id_was_normalised,
        (
            {{ cs_analytics.is_unknown_enum('_raw_segment', segment.synonyms, segment.accepted) }}
            or {{ cs_analytics.is_unknown_enum(
                '_raw_coverage_model', coverage_model.synonyms, coverage_model.accepted
            ) }}
        ) as _has_unknown_enum,
        (
            {{ cs_analytics.has_utc_offset('_raw_created_at') }}
            or {{ cs_analytics.has_utc_offset('_raw_updated_at') }}
        ) as _had_utc_offset

    from renamed

),

versioned as (

    select
        *,
        {{ cs_analytics.dq_versioning_columns(
            [cs_analytics.id_match_key('account_id')],
            ['case when updated_at is null then 1 else 0 end', 'updated_at desc', '_dq_raw_row desc']
        ) }}

    from labelled

),

final as (

    select
        -- ids
        account_id,
        parent_account_id,

        -- strings
        account_name,
        segment,
        coverage_model,
        industry,
        region,

        -- booleans
        is_deleted,

        -- timestamps
        created_at,
        updated_at,

        -- data quality
        {{ cs_analytics.surrogate_key(['_dq_raw_row', '_copy_number']) }} as _dq_row_id,
        _raw_account_id as _dq_raw_key,
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
