{#-
    The lapsed or at-risk state of each 1:many reconversion anchor on its
    anchor day, judged from data through the day before: usage and renewal
    goals `below_usage_threshold` (the trailing var `usage_rule_trailing_days`
    (14) day average of usage per seat below var
    `usage_risk_threshold_per_seat` (0.30), every day a customer day);
    feature_adoption `feature_not_adopted` (fewer features used than the
    product has); survey `no_recent_survey_response` (none in the var
    `reconversion_survey_lapsed_days` (180) days before); expansion `any`.
-#}

{%- set trailing_days = var('usage_rule_trailing_days', 14) %}
{%- set threshold = var('usage_risk_threshold_per_seat', 0.30) %}
{%- set survey_lapsed_days = var('reconversion_survey_lapsed_days', 180) %}

with anchors as (

    select * from {{ ref('int_program_anchors_unioned') }}

),

days_with_usage as (

    select * from {{ ref('int_account_days_joined_to_usage') }}

),

feature_periods as (

    select * from {{ ref('int_account_feature_use_periods') }}

),

survey_responses as (

    select * from {{ ref('stg_surveys__survey_responses') }}

),

-- lapsed states on the anchor day, from the days before it
usage_state_sums as (

    select
        anchors.anchor_id,
        sum(days_with_usage.is_customer_day) as state_customer_days,
        {{ cs_analytics.to_decimal(
            'sum(days_with_usage.usage_per_seat) / ' ~ trailing_days, 18, 9, bounded=true) }}
            as state_usage_per_seat_average
    from anchors
    inner join days_with_usage
        on
            anchors.account_id = days_with_usage.account_id
            and {{ dbt.dateadd('day', -trailing_days, 'anchors.anchor_date') }} <= days_with_usage.date_day
            and anchors.anchor_date > days_with_usage.date_day
    where anchors.goal_metric in ('usage', 'renewal')
    group by anchors.anchor_id

),

usage_state as (

    select
        anchor_id,
        state_customer_days = {{ trailing_days }}
        and state_usage_per_seat_average < {{ threshold }} as is_below_usage_threshold
    from usage_state_sums

),

product_features as (

    select count(distinct feature_key) as features_available
    from feature_periods

),

feature_state as (

    select
        anchors.anchor_id,
        count(distinct feature_periods.feature_key) as features_used_before
    from anchors
    inner join feature_periods
        on
            anchors.account_id = feature_periods.account_id
            and feature_periods.period_number = 1
            and anchors.anchor_date > feature_periods.first_used_date
    where anchors.goal_metric = 'feature_adoption'
    group by anchors.anchor_id

),

survey_state as (

    select distinct anchors.anchor_id
    from anchors
    inner join survey_responses
        on
            anchors.account_id = survey_responses.account_id
            and anchors.anchor_at > survey_responses.responded_at
            and {{ dbt.dateadd('day', -survey_lapsed_days, 'anchors.anchor_date') }}
            <= cast(survey_responses.responded_at as date)
    where anchors.goal_metric = 'survey'

),

final as (

    select
        anchors.anchor_id,
        case
            when anchors.goal_metric in ('usage', 'renewal') then 'below_usage_threshold'
            when anchors.goal_metric = 'feature_adoption' then 'feature_not_adopted'
            when anchors.goal_metric = 'survey' then 'no_recent_survey_response'
            else 'any'
        end as reconversion_state,
        case
            when anchors.goal_metric in ('usage', 'renewal')
                then coalesce(usage_state.is_below_usage_threshold, false)
            when anchors.goal_metric = 'feature_adoption'
                then coalesce(feature_state.features_used_before, 0) < product_features.features_available
            when anchors.goal_metric = 'survey' then survey_state.anchor_id is null
            else true
        end as is_in_reconversion_state
    from anchors
    cross join product_features
    left join usage_state
        on anchors.anchor_id = usage_state.anchor_id
    left join feature_state
        on anchors.anchor_id = feature_state.anchor_id
    left join survey_state
        on anchors.anchor_id = survey_state.anchor_id

)

select * from final
