{#-
    One row per CTA: what triggered it, how it was handled (outcome, days
    open, days past due, on time), and what followed (usage before and after
    with the lift and recovery, the milestone recorded, the opportunity and
    its result, the next renewal, churn or contraction within the alert
    window, the post-EBR score). Definitions live in the intermediate models
    it reads; nothing is re-derived here.
-#}

with ctas as (

    select * from {{ ref('int_ctas_enriched') }}

),

usage as (

    select * from {{ ref('int_ctas_joined_to_usage') }}

),

outcomes as (

    select * from {{ ref('int_ctas_joined_to_outcomes') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

playbooks as (

    select * from {{ ref('stg_cs_platform__playbooks') }}

),

user_labels as (

    select * from {{ ref('int_users_labelled') }}

),

final as (

    select
        -- ids
        cast(ctas.cta_id as {{ cs_analytics.type_varchar() }}) as cta_id,
        cast(ctas.account_id as {{ cs_analytics.type_varchar() }}) as account_id,
        cast(ctas.owner_user_id as {{ cs_analytics.type_varchar() }}) as owner_user_id,
        cast(ctas.playbook_id as {{ cs_analytics.type_varchar() }}) as playbook_id,
        cast(ctas.rule_id as {{ cs_analytics.type_varchar() }}) as rule_id,
        cast(ctas.success_plan_id as {{ cs_analytics.type_varchar() }}) as success_plan_id,
        cast(outcomes.opportunity_id as {{ cs_analytics.type_varchar() }}) as opportunity_id,
        cast(outcomes.lifecycle_activity_id as {{ cs_analytics.type_varchar() }}) as lifecycle_activity_id,
        cast(outcomes.post_ebr_rated_user_id as {{ cs_analytics.type_varchar() }}) as post_ebr_rated_user_id,

        -- strings
        cast(accounts.account_name as {{ cs_analytics.type_varchar() }}) as account_name,
        cast(user_labels.display_name as {{ cs_analytics.type_varchar() }}) as owner_display_name,
        cast(playbooks.playbook_name as {{ cs_analytics.type_varchar() }}) as playbook_name,
        cast(ctas.cta_type as {{ cs_analytics.type_varchar() }}) as cta_type,
        cast(ctas.reason as {{ cs_analytics.type_varchar() }}) as reason,
        cast(ctas.priority as {{ cs_analytics.type_varchar() }}) as priority,
        cast(ctas.source as {{ cs_analytics.type_varchar() }}) as source,
        cast(ctas.status as {{ cs_analytics.type_varchar() }}) as status,
        cast(ctas.outcome as {{ cs_analytics.type_varchar() }}) as outcome,
        cast(ctas.not_valid_reason as {{ cs_analytics.type_varchar() }}) as not_valid_reason,
        cast(ctas.lost_reason as {{ cs_analytics.type_varchar() }}) as lost_reason,
        cast(ctas.close_source as {{ cs_analytics.type_varchar() }}) as close_source,
        cast(ctas.effectiveness_group as {{ cs_analytics.type_varchar() }}) as effectiveness_group,

        -- numerics
        cast(ctas.attribution_window_days as integer) as attribution_window_days,
        cast(ctas.days_open as integer) as days_open,
        cast(ctas.days_past_due as integer) as days_past_due,
        cast(usage.comparison_anchor_days as integer) as comparison_anchor_days,
        cast(usage.baseline_customer_days as integer) as baseline_customer_days,
        cast(usage.after_customer_days as integer) as after_customer_days,
        {{ cs_analytics.to_decimal('usage.usage_before', 18, 6) }} as usage_before,
        {{ cs_analytics.to_decimal('usage.usage_after', 18, 6) }} as usage_after,
        {{ cs_analytics.to_decimal('usage.usage_lift', 18, 6) }} as usage_lift,
        {{ cs_analytics.to_decimal('usage.max_trailing_usage_per_seat_after', 18, 6) }}
            as max_trailing_usage_per_seat_after,
        {{ cs_analytics.to_decimal('usage.trailing_usage_per_seat_at_fire', 18, 6) }}
            as trailing_usage_per_seat_at_fire,
        cast(outcomes.milestones_recorded as integer) as milestones_recorded,
        cast(outcomes.opportunities_created as integer) as opportunities_created,
        {{ cs_analytics.to_decimal('outcomes.pipeline_arr', 18, 2) }} as pipeline_arr,
        {{ cs_analytics.to_decimal('outcomes.won_arr', 18, 2) }} as won_arr,
        cast(outcomes.days_to_convert as integer) as days_to_convert,
        cast(outcomes.post_ebr_responses as integer) as post_ebr_responses,
        {{ cs_analytics.to_decimal('outcomes.post_ebr_score', 18, 6) }} as post_ebr_score,
        {{ cs_analytics.to_decimal('outcomes.mrr_at_cta', 18, 2) }} as mrr_at_cta,
        {{ cs_analytics.to_decimal('outcomes.mrr_at_next_renewal', 18, 2) }} as mrr_at_next_renewal,

        -- booleans
        cast(ctas.is_closed as boolean) as is_closed,
        cast(ctas.is_worked as boolean) as is_worked,
        cast(ctas.is_invalid as boolean) as is_invalid,
        cast(ctas.is_untouched as boolean) as is_untouched,
        cast(ctas.is_closed_on_time as boolean) as is_closed_on_time,
        cast(ctas.is_overdue as boolean) as is_overdue,
        cast(ctas.is_from_rule as boolean) as is_from_rule,
        cast(usage.is_after_window_complete as boolean) as is_after_window_complete,
        cast(usage.was_usage_low_at_fire as boolean) as was_usage_low_at_fire,
        cast(usage.condition_met_at_fire as boolean) as condition_met_at_fire,
        cast(usage.did_usage_recover as boolean) as did_usage_recover,
        cast(outcomes.milestone_within_window as boolean) as milestone_within_window,
        cast(outcomes.is_followed_by_churn_or_contraction as boolean) as is_followed_by_churn_or_contraction,
        cast(outcomes.is_precision_window_complete as boolean) as is_precision_window_complete,
        cast(outcomes.has_opportunity as boolean) as has_opportunity,
        cast(outcomes.opportunity_sales_accepted as boolean) as opportunity_sales_accepted,
        cast(outcomes.opportunity_won as boolean) as opportunity_won,
        cast(outcomes.is_renewal_observed as boolean) as is_renewal_observed,
        cast(outcomes.renewed_next_renewal as boolean) as renewed_next_renewal,
        cast(outcomes.expanded_next_renewal as boolean) as expanded_next_renewal,

        -- dates
        cast(ctas.due_date as date) as due_date,
        cast(ctas.original_due_date as date) as original_due_date,
        cast(ctas.created_date as date) as created_date,
        cast(ctas.closed_date as date) as closed_date,
        cast(ctas.created_month as date) as created_month,
        cast(ctas.closed_month as date) as closed_month,
        cast(usage.baseline_start_date as date) as baseline_start_date,
        cast(usage.after_start_date as date) as after_start_date,
        cast(usage.after_end_date as date) as after_end_date,
        cast(outcomes.precision_window_end_date as date) as precision_window_end_date,
        cast(outcomes.next_renewal_date as date) as next_renewal_date,

        -- timestamps
        cast(ctas.created_at as timestamp) as created_at,
        cast(ctas.closed_at as timestamp) as closed_at,
        cast(outcomes.opportunity_created_at as timestamp) as opportunity_created_at,
        cast(outcomes.lifecycle_activity_at as timestamp) as lifecycle_activity_at

    from ctas
    left join usage
        on ctas.cta_id = usage.cta_id
    left join outcomes
        on ctas.cta_id = outcomes.cta_id
    left join accounts
        on ctas.account_id = accounts.account_id
    left join playbooks
        on ctas.playbook_id = playbooks.playbook_id
    left join user_labels
        on ctas.owner_user_id = user_labels.user_id

)

select * from final
