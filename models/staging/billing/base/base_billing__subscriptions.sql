{#-
    One parse of raw billing.subscriptions: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_billing__subscriptions (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules".
-#}


{%- set raw_columns = [
    'subscription_id',
    'account_id',
    'product',
    'mrr',
    'seats',
    'start_date',
    'end_date',
    'updated_at',
] -%}

with source as (

    {{ cs_analytics.raw_source('billing', 'subscriptions') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('subscription_id') }} as subscription_id,
        {{ cs_analytics.clean_id('account_id') }} as account_id,

        -- strings
        {{ cs_analytics.clean_free_text('product') }} as product,

        -- numerics
        {{ cs_analytics.safe_cast_numeric('mrr') }} as mrr,
        {{ cs_analytics.safe_cast_integer('seats') }} as seats,

        -- dates
        {{ cs_analytics.safe_cast_date('start_date') }} as start_date,
        {{ cs_analytics.safe_cast_date('end_date') }} as end_date,

        -- timestamps
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
            cs_analytics.dq_check_missing_key('subscription_id'),
            cs_analytics.dq_check_missing_required('account_id'),
            cs_analytics.dq_check_missing_required('start_date'),
            cs_analytics.dq_check_missing_required('mrr'),
            cs_analytics.dq_check_out_of_range('mrr'),
            cs_analytics.dq_check_unparseable('mrr'),
            cs_analytics.dq_check_unparseable('seats'),
            cs_analytics.dq_check_unparseable('start_date'),
            cs_analytics.dq_check_unparseable('end_date'),
            cs_analytics.dq_check_unparseable('updated_at'),
            cs_analytics.dq_check_implausible_date('start_date'),
            cs_analytics.dq_check_implausible_date('end_date'),
            cs_analytics.dq_check_implausible_date('updated_at'),
            cs_analytics.dq_check('negative_mrr', 'mrr', 'coalesce(mrr < 0, false)'),
            cs_analytics.dq_check_ends_before_start('start_date', 'end_date'),
        ]) }},
        (
            coalesce(_raw_subscription_id, '') <> coalesce(subscription_id, '')
            or coalesce(_raw_account_id, '') <> coalesce(account_id, '')
        ) as _id_was_normalised,
        false as _has_unknown_enum,
        (
            {{ cs_analytics.has_utc_offset('_raw_updated_at') }}
        ) as _had_utc_offset

    from renamed

),

versioned as (

    select
        *,
        {{ cs_analytics.dq_versioning_columns(
            [cs_analytics.id_match_key('subscription_id')],
            ['case when updated_at is null then 1 else 0 end', 'updated_at desc', '_dq_raw_row desc']
        ) }}

    from labelled

),

final as (

    select
        -- ids
        subscription_id,
        account_id,

        -- strings
        product,

        -- numerics
        mrr,
        seats,

        -- dates
        start_date,
        end_date,

        -- timestamps
        updated_at,

        -- data quality
        {{ cs_analytics.surrogate_key(['_dq_raw_row', '_copy_number']) }} as _dq_row_id,
        _raw_subscription_id as _dq_raw_key,
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
