{#-
    The customer health score per account and customer day: six components
    scored 0-100 from the signals of `int_account_health_signals_daily`,
    weighted per coverage model (`int_account_health_parameters`, from the
    seed `health_score_weights`), and banded red / yellow / green. Definitions: models/docs/health_docs.md.

    A component without data that day (no seats, no survey or rated
    activity, support tickets switched off) is left empty and its weight is
    spread over the others: health_score = sum(score x weight) / scored_weight
    over the components that have a score.
-#}

{{ config(materialized='table') }}

{#- Scores are 0-100, so the 9-decimal step that removes float noise before
    rounding (see macro to_decimal) uses a 64-bit decimal(18, 9): ten times
    faster on DuckDB than decimal(28, 9), over one row per account and day. -#}

{%- set lookback = 90 %}
{%- set floor_utilisation = var('health_usage_floor_utilisation', 0.2) %}
{%- set target_utilisation = var('health_usage_target_utilisation', 0.6) %}
{%- set trend_share = var('health_usage_trend_share', 0.3) %}
{%- set support_ceiling = var('health_support_load_per_seat_ceiling', 0.5) %}

with signals as (

    select * from {{ ref('int_account_health_signals_daily') }}

),

parameters as (

    select * from {{ ref('int_account_health_parameters') }}

),

signals_with_targets as (

    select
        signals.*,
        parameters.usage_weight,
        parameters.adoption_weight,
        parameters.engagement_weight,
        parameters.sentiment_weight,
        parameters.support_weight,
        parameters.relationship_weight,
        parameters.expected_touchpoints_90d
    from signals
    left join parameters
        on signals.account_id = parameters.account_id

),

parts as (

    select
        *,

        -- usage: utilisation between the floor (0) and the target (1), and its trend (only a decline costs points)
        case
            when utilisation_28d is not null
                then greatest(
                        0.0,
                        least(
                            1.0,
                            (utilisation_28d - {{ floor_utilisation }})
                            / ({{ target_utilisation }} - {{ floor_utilisation }})
                        )
                    )
        end as usage_level,
        case
            when utilisation_previous_28d > 0
                then utilisation_28d / utilisation_previous_28d
        end as usage_trend_ratio,

        -- adoption
        case
            when features_available > 0
                then cast(features_in_use as {{ cs_analytics.type_double() }}) / features_available
        end as feature_adoption_rate,
        case
            when milestones_measured > 0
                then cast(milestones_on_time as {{ cs_analytics.type_double() }}) / milestones_measured
        end as milestone_on_time_rate,

        -- engagement
        case
            when expected_touchpoints_90d > 0
                then least(1.0, touchpoints_90d / expected_touchpoints_90d)
        end as touch_volume_level,
        case
            when days_since_last_touch is null then 0.0
            else greatest(0.0, 1.0 - days_since_last_touch / {{ lookback }}.0)
        end as touch_recency_level,

        -- sentiment
        case
            when positive_activities_90d + neutral_activities_90d + negative_activities_90d > 0
                then 50.0 * (
                        1.0
                        + cast(positive_activities_90d - negative_activities_90d as {{ cs_analytics.type_double() }})
                        / (positive_activities_90d + neutral_activities_90d + negative_activities_90d)
                    )
        end as activity_sentiment_points,
        10.0 * latest_nps_score as nps_points,
        25.0 * (latest_csat_score - 1) as csat_points,

        -- support: tickets plus escalations (counted three times) per seat over the look-back
        case
            when tickets_90d is not null and seats > 0
                then cast(tickets_90d + 2 * escalations_90d as {{ cs_analytics.type_double() }}) / seats
        end as support_load_per_seat

    from signals_with_targets

),

components as (

    select
        *,
        cast(
            cast(
                case
                    when usage_level is null then null
                    when usage_trend_ratio is null then 100.0 * usage_level
                    else 100.0 * (
                            (1.0 - {{ trend_share }}) * usage_level
                            + {{ trend_share }} * greatest(0.0, least(1.0, (usage_trend_ratio - 0.5) / 0.5))
                        )
                end as decimal(18, 9)
            ) as decimal(18, 2)
        ) as usage_score,
        cast(
            cast(
                case
                    when feature_adoption_rate is null then null
                    when milestone_on_time_rate is null then 100.0 * feature_adoption_rate
                    else 50.0 * feature_adoption_rate + 50.0 * milestone_on_time_rate
                end as decimal(18, 9)
            ) as decimal(18, 2)
        ) as adoption_score,
        cast(
            cast(
                case
                    when touch_volume_level is null then 100.0 * touch_recency_level
                    else 50.0 * touch_volume_level + 50.0 * touch_recency_level
                end as decimal(18, 9)
            ) as decimal(18, 2)
        ) as engagement_score,
        cast(
            cast(
                (
                    coalesce(activity_sentiment_points, 0.0) + coalesce(nps_points, 0.0) + coalesce(csat_points, 0.0)
                ) / nullif(
                    case when activity_sentiment_points is null then 0 else 1 end
                    + case when nps_points is null then 0 else 1 end
                    + case when csat_points is null then 0 else 1 end,
                    0
                ) as decimal(18, 9)
            ) as decimal(18, 2)
        ) as sentiment_score,
        cast(
            cast(
                case
                    when support_load_per_seat is not null
                        then 100.0 * greatest(0.0, 1.0 - support_load_per_seat / {{ support_ceiling }})
                end as decimal(18, 9)
            ) as decimal(18, 2)
        ) as support_score,
        cast(
            cast(
                case when has_champion then 50.0 else 0.0 end
                + case when has_exec_sponsor then 25.0 else 0.0 end
                + case when has_champion_left_recently then 0.0 else 25.0 end
                as decimal(18, 9)
            ) as decimal(18, 2)
        ) as relationship_score
    from parts

),

totals as (

    select
        *,
        coalesce(usage_score * usage_weight, 0)
        + coalesce(adoption_score * adoption_weight, 0)
        + coalesce(engagement_score * engagement_weight, 0)
        + coalesce(sentiment_score * sentiment_weight, 0)
        + coalesce(support_score * support_weight, 0)
        + coalesce(relationship_score * relationship_weight, 0) as weighted_points,
        case when usage_score is null then 0 else usage_weight end
        + case when adoption_score is null then 0 else adoption_weight end
        + case when engagement_score is null then 0 else engagement_weight end
        + case when sentiment_score is null then 0 else sentiment_weight end
        + case when support_score is null then 0 else support_weight end
        + case when relationship_score is null then 0 else relationship_weight end as scored_weight
    from components

),

scored as (

    select
        *,
        cast(cast(weighted_points / nullif(scored_weight, 0) as decimal(18, 9)) as decimal(18, 2)) as health_score
    from totals

),

final as (

    select
        -- ids
        account_id,

        -- strings
        coverage_model,
        segment,
        case
            when health_score is null then null
            when health_score < {{ var('health_red_below', 40) }} then 'red'
            when health_score < {{ var('health_green_from', 70) }} then 'yellow'
            else 'green'
        end as health_band,

        -- numerics: the score and its components
        health_score,
        usage_score,
        usage_weight,
        adoption_score,
        adoption_weight,
        engagement_score,
        engagement_weight,
        sentiment_score,
        sentiment_weight,
        support_score,
        support_weight,
        relationship_score,
        relationship_weight,
        cast(scored_weight as {{ cs_analytics.type_double() }}) as scored_weight,

        -- numerics: usage
        active_users,
        seats,
        active_user_days_28d,
        seat_days_28d,
        utilisation_28d,
        active_user_days_previous_28d,
        seat_days_previous_28d,
        utilisation_previous_28d,
        usage_trend_ratio,

        -- numerics: adoption
        features_in_use,
        features_available,
        feature_adoption_rate,
        milestones_on_time,
        milestones_measured,
        milestone_on_time_rate,

        -- numerics: engagement, sentiment, support
        touchpoints_90d,
        cast(expected_touchpoints_90d as {{ cs_analytics.type_double() }}) as expected_touchpoints_90d,
        days_since_last_touch,
        positive_activities_90d,
        neutral_activities_90d,
        negative_activities_90d,
        latest_nps_score,
        latest_csat_score,
        tickets_90d,
        escalations_90d,
        tickets_first_responded_90d,
        avg_first_response_hours_90d,

        -- booleans
        has_champion,
        has_exec_sponsor,
        has_champion_left_recently,
        is_lookback_complete,

        -- dates
        date_day

    from scored

)

select * from final
