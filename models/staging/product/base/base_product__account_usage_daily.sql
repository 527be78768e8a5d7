{#-
    One parse of raw product.account_usage_daily: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_product__account_usage_daily (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules".
-#}


{%- set raw_columns = [
    'account_id',
    'usage_date',
    'active_users',
    'events',
] -%}

with source as (

    {{ cs_analytics.raw_source('product', 'account_usage_daily') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('account_id') }} as account_id,

        -- numerics
        {{ cs_analytics.safe_cast_integer('active_users') }} as active_users,
        {{ cs_analytics.safe_cast_integer('events') }} as events,

        -- dates
        {{ cs_analytics.safe_cast_date('usage_date') }} as usage_date,

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
            cs_analytics.dq_check_missing_key('usage_date'),
            cs_analytics.dq_check_unparseable('usage_date'),
            cs_analytics.dq_check_unparseable('active_users'),
            cs_analytics.dq_check_unparseable('events'),
            cs_analytics.dq_check_implausible_date('usage_date'),
            cs_analytics.dq_check_future('usage_date'),
        ]) }},
        (
            coalesce(_raw_account_id, '') <> coalesce(account_id, '')
        ) as _id_was_normalised,
        false as _has_unknown_enum,
        false as _had_utc_offset

    from renamed

),

versioned as (

    select
        *,
        {{ cs_analytics.dq_versioning_columns(
            [cs_analytics.id_match_key('account_id'), 'usage_date'],
            ['_dq_raw_row desc']
        ) }}

    from labelled

),

final as (

    select
        -- ids
        account_id,

        -- numerics
        active_users,
        events,

        -- dates
        usage_date,

        -- data quality
        {{ cs_analytics.surrogate_key(['_dq_raw_row', '_copy_number']) }} as _dq_row_id,
        {{ cs_analytics.raw_row_text(['_raw_account_id', '_raw_usage_date']) }} as _dq_raw_key,
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
