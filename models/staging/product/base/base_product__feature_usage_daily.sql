{#-
    One parse of raw product.feature_usage_daily: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_product__feature_usage_daily (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}



with source as (

    {{ cs_analytics.raw_source('product', 'feature_usage_daily') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('account_id') }} as account_id,

        -- strings
        {{ cs_analytics.clean_code('feature_key') }} as feature_key,

        -- numerics
        {{ cs_analytics.safe_cast_integer('active_users') }} as active_users,
        {{ cs_analytics.safe_cast_integer('events') }} as events,

        -- dates
        {{ cs_analytics.safe_cast_date('usage_date') }} as usage_date,

        -- raw values, as they arrived
        {{ cs_analytics.dq_raw_values('product', 'feature_usage_daily') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'product', 'feature_usage_daily',
    checks=[
        cs_analytics.dq_check_missing_key('account_id'),
        cs_analytics.dq_check_missing_key('usage_date'),
        cs_analytics.dq_check_missing_key('feature_key'),
        cs_analytics.dq_check_unparseable('usage_date'),
        cs_analytics.dq_check_unparseable('active_users'),
        cs_analytics.dq_check_unparseable('events'),
        cs_analytics.dq_check_implausible_date('usage_date'),
        cs_analytics.dq_check_future('usage_date'),
    ],
    key=['account_id', 'usage_date', 'feature_key']
) }}

select * from final
