{#-
    What the health score of each account is measured against: the weight of
    each of the six components for the account's coverage model (seed
    `health_score_weights`; a coverage model missing from it takes the weights
    of var `health_default_coverage_model`) and the touchpoints expected over
    the 90-day look-back (seed `tier_targets`: the account's coverage model and
    segment, else the coverage model's `all` row). One row per account, so
    the daily score joins one small table once.
-#}

{%- set lookback = 90 %}
{%- set default_tier = var('health_default_coverage_model', 'low_touch') %}

with accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

health_score_weights as (

    select * from {{ cs_analytics.reference_table('health_score_weights') }}

),

tier_targets as (

    select * from {{ cs_analytics.reference_table('tier_targets') }}

),

weights as (

    select
        coverage_model,
        max(case when component = 'usage' then weight end) as usage_weight,
        max(case when component = 'adoption' then weight end) as adoption_weight,
        max(case when component = 'engagement' then weight end) as engagement_weight,
        max(case when component = 'sentiment' then weight end) as sentiment_weight,
        max(case when component = 'support' then weight end) as support_weight,
        max(case when component = 'relationship' then weight end) as relationship_weight
    from health_score_weights
    group by coverage_model

),

final as (

    select
        -- ids
        accounts.account_id,

        -- numerics
        cast(coalesce(weights.usage_weight, default_weights.usage_weight) as {{ cs_analytics.type_double() }})
            as usage_weight,
        cast(coalesce(weights.adoption_weight, default_weights.adoption_weight) as {{ cs_analytics.type_double() }})
            as adoption_weight,
        cast(coalesce(weights.engagement_weight, default_weights.engagement_weight) as {{ cs_analytics.type_double() }})
            as engagement_weight,
        cast(coalesce(weights.sentiment_weight, default_weights.sentiment_weight) as {{ cs_analytics.type_double() }})
            as sentiment_weight,
        cast(coalesce(weights.support_weight, default_weights.support_weight) as {{ cs_analytics.type_double() }})
            as support_weight,
        cast(
            coalesce(
                weights.relationship_weight, default_weights.relationship_weight
            ) as {{ cs_analytics.type_double() }}
        )
            as relationship_weight,
        cast(
            coalesce(segment_targets.target_touches_per_account_month, tier_defaults.target_touches_per_account_month)
            * {{ lookback }} / 30.0 as {{ cs_analytics.type_double() }}
        ) as expected_touchpoints_90d
    from accounts
    left join weights
        on accounts.coverage_model = weights.coverage_model
    left join weights as default_weights
        on default_weights.coverage_model = '{{ default_tier }}'
    left join tier_targets as segment_targets
        on
            accounts.coverage_model = segment_targets.coverage_model
            and accounts.segment = segment_targets.segment
    left join tier_targets as tier_defaults
        on
            accounts.coverage_model = tier_defaults.coverage_model
            and tier_defaults.segment = 'all'

)

select * from final
