{#-
    The reporting calendar: one row per month from the first month a contract
    started to the as-of month. The as-of date is var `as_of_date` when set,
    else the latest day with product usage (the freshest complete feed), else
    today. Only plausible data sets the first month: staging quarantines a
    date before var `earliest_plausible_date` (implausible_date), and the
    first contract month is never earlier than that date either. Months are generated from a digits cross join (up to 1,000 months)
    so the model is the same SQL on every engine.
-#}

{%- set as_of_literal = "'" ~ var('as_of_date') ~ "'" if var('as_of_date', none) else 'null' %}

with subscriptions as (

    select * from {{ ref('stg_billing__subscriptions') }}

),

usage as (

    select * from {{ ref('stg_product__account_usage_daily') }}

),

usage_bounds as (

    select max(usage_date) as last_usage_date
    from usage

),

contract_bounds as (

    select min(start_date) as first_contract_date
    from subscriptions
    where
        mrr > 0
        and start_date >= {{ cs_analytics.earliest_plausible_date() }}

),

as_of as (

    select
        coalesce(
            cast({{ as_of_literal }} as date),
            usage_bounds.last_usage_date,
            current_date
        ) as as_of_date,
        contract_bounds.first_contract_date
    from usage_bounds
    cross join contract_bounds

),

bounds as (

    select
        as_of_date,
        cast({{ dbt.date_trunc('month', 'as_of_date') }} as date) as as_of_month,
        cast({{ dbt.date_trunc('month', 'coalesce(first_contract_date, as_of_date)') }} as date) as first_month
    from as_of

),

digits as (

    {{ cs_analytics.digits() }}

),

month_offsets as (

    select ones.digit + 10 * tens.digit + 100 * hundreds.digit as month_index
    from digits as ones
    cross join digits as tens
    cross join digits as hundreds

),

spine as (

    select
        month_offsets.month_index,
        bounds.as_of_date,
        bounds.as_of_month,
        cast({{ dbt.dateadd('month', 'month_offsets.month_index', 'bounds.first_month') }} as date) as month_start
    from month_offsets
    cross join bounds

),

final as (

    select
        month_start,
        cast({{ dbt.dateadd('month', 1, 'month_start') }} as date) as month_end,
        cast({{ dbt.dateadd('month', -1, 'month_start') }} as date) as previous_month_start,
        month_index,
        as_of_date,
        month_start = as_of_month as is_as_of_month
    from spine
    where month_start <= as_of_month

)

select * from final
