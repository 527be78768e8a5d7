{#-
    Customer health per account and day, for every day the account had an
    active subscription line inside the observation window: the 0-100 health
    score, its red / yellow / green band, each of the six components with
    its weight, and the signals behind them. Computed in
    `int_account_health_daily`; definitions in models/docs/health_docs.md.
-#}

with health_daily as (

    select * from {{ ref('int_account_health_daily') }}

),

final as (

    select
        -- ids
        cast(account_id as {{ dbt.type_string() }}) as account_id,

        -- strings
        cast(coverage_model as {{ dbt.type_string() }}) as coverage_model,
        cast(segment as {{ dbt.type_string() }}) as segment,
        cast(health_band as {{ dbt.type_string() }}) as health_band,

        -- numerics: the score and its components
        {{ cs_analytics.to_decimal('health_score', 18, 2, bounded=true) }} as health_score,
        {{ cs_analytics.to_decimal('usage_score', 18, 2, bounded=true) }} as usage_score,
        {{ cs_analytics.to_decimal('usage_weight', 18, 6, bounded=true) }} as usage_weight,
        {{ cs_analytics.to_decimal('adoption_score', 18, 2, bounded=true) }} as adoption_score,
        {{ cs_analytics.to_decimal('adoption_weight', 18, 6, bounded=true) }} as adoption_weight,
        {{ cs_analytics.to_decimal('engagement_score', 18, 2, bounded=true) }} as engagement_score,
        {{ cs_analytics.to_decimal('engagement_weight', 18, 6, bounded=true) }} as engagement_weight,
        {{ cs_analytics.to_decimal('sentiment_score', 18, 2, bounded=true) }} as sentiment_score,
        {{ cs_analytics.to_decimal('sentiment_weight', 18, 6, bounded=true) }} as sentiment_weight,
        {{ cs_analytics.to_decimal('support_score', 18, 2, bounded=true) }} as support_score,
        {{ cs_analytics.to_decimal('support_weight', 18, 6, bounded=true) }} as support_weight,
        {{ cs_analytics.to_decimal('relationship_score', 18, 2, bounded=true) }} as relationship_score,
        {{ cs_analytics.to_decimal('relationship_weight', 18, 6, bounded=true) }} as relationship_weight,
        {{ cs_analytics.to_decimal('scored_weight', 18, 6, bounded=true) }} as scored_weight,

        -- numerics: usage
        cast(active_users as integer) as active_users,
        cast(seats as integer) as seats,
        {{ cs_analytics.to_decimal('utilisation_28d', 18, 6, bounded=true) }} as utilisation,
        cast(active_user_days_28d as integer) as active_user_days_28d,
        cast(seat_days_28d as integer) as seat_days_28d,
        {{ cs_analytics.to_decimal('utilisation_previous_28d', 18, 6, bounded=true) }} as utilisation_previous_28d,
        cast(active_user_days_previous_28d as integer) as active_user_days_previous_28d,
        cast(seat_days_previous_28d as integer) as seat_days_previous_28d,
        {{ cs_analytics.to_decimal('usage_trend_ratio', 18, 6) }} as usage_trend_ratio,

        -- numerics: adoption
        {{ cs_analytics.to_decimal('feature_adoption_rate', 18, 6, bounded=true) }} as feature_adoption_rate,
        cast(features_in_use as integer) as features_in_use,
        cast(features_available as integer) as features_available,
        {{ cs_analytics.to_decimal('milestone_on_time_rate', 18, 6, bounded=true) }} as milestone_on_time_rate,
        cast(milestones_on_time as integer) as milestones_on_time,
        cast(milestones_measured as integer) as milestones_measured,

        -- numerics: engagement
        cast(touchpoints_90d as integer) as touchpoints_90d,
        {{ cs_analytics.to_decimal('expected_touchpoints_90d', 18, 6, bounded=true) }} as expected_touchpoints_90d,
        cast(days_since_last_touch as integer) as days_since_last_touch,

        -- numerics: sentiment
        cast(positive_activities_90d as integer) as positive_activities_90d,
        cast(neutral_activities_90d as integer) as neutral_activities_90d,
        cast(negative_activities_90d as integer) as negative_activities_90d,
        cast(latest_nps_score as integer) as latest_nps_score,
        cast(latest_csat_score as integer) as latest_csat_score,

        -- numerics: support
        cast(tickets_90d as integer) as tickets_90d,
        cast(escalations_90d as integer) as escalations_90d,

        -- numerics: support first response (context, not a score input)
        cast(tickets_first_responded_90d as integer) as tickets_first_responded_90d,
        {{ cs_analytics.to_decimal('avg_first_response_hours_90d', 18, 4) }} as avg_first_response_hours_90d,

        -- booleans
        has_champion,
        has_exec_sponsor,
        has_champion_left_recently,
        is_lookback_complete,

        -- dates
        cast(date_day as date) as health_date

    from health_daily

)

select * from final
