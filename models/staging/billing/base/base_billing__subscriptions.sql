{#-
    One parse of raw billing.subscriptions: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_billing__subscriptions (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}



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
        {{ cs_analytics.dq_raw_values('billing', 'subscriptions') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'billing', 'subscriptions',
    checks=[
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
    ],
    key=['subscription_id'],
    version_order=[
        'case when updated_at is null then 1 else 0 end', 'updated_at desc', '_dq_raw_row desc'
    ]
) }}

select * from final
