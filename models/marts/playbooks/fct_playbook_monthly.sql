{#-
    One row per playbook and month, from the month of the first CTA to the
    as-of month. Volumes and handling quality are counted in the month the
    CTA was opened (created) or closed (closed, success, invalid, on time,
    days to close); effects are counted in the month the CTA was opened
    (the trigger month), so the worked CTAs and their comparison group share
    a month: usage lift and recovery (CTAs whose after window is complete),
    conversion to opportunity, renewal, milestones, post-EBR scores.
    Lifecycle compliance is the share of account evaluations of the
    playbook's activity type compliant at the month's end.

    The comparison group of a playbook: see int_playbook_lift_monthly.
-#}

{#- the recovery interval is computed in double precision on every engine (Spark would otherwise
    divide decimals at a truncated scale and move the sixth decimal) -#}
{%- set recovery_args = [
    'cast(worked_ctas_recovered as ' ~ cs_analytics.type_double() ~ ')',
    'cast(worked_ctas_recovery_judged as ' ~ cs_analytics.type_double() ~ ')',
    'cast(comparison_ctas_recovered as ' ~ cs_analytics.type_double() ~ ')',
    'cast(comparison_ctas_recovery_judged as ' ~ cs_analytics.type_double() ~ ')',
] -%}
{%- set recovery_centre = cs_analytics.plus_two_difference(*recovery_args) -%}
{%- set recovery_standard_error = cs_analytics.plus_two_standard_error(*recovery_args) -%}

with lift as (

    select * from {{ ref('int_playbook_lift_monthly') }}

),

created_stats as (

    select * from {{ ref('int_playbook_ctas_created_monthly') }}

),

playbook_list as (

    select * from {{ ref('int_playbooks_listed') }}

),

closed_stats as (

    select * from {{ ref('int_playbook_ctas_closed_monthly') }}

),

months as (

    select * from {{ ref('int_months') }}

),

compliance_stats as (

    select * from {{ ref('int_playbook_lifecycle_compliance_monthly') }}

),

no_sponsor_loss_renewals as (

    select * from {{ ref('int_renewals_without_sponsor_loss_monthly') }}

),

report_months as (

    select month_start
    from months
    where month_start >= (select min(created_stats.month_start) from created_stats)

),

spine as (

    select
        playbook_list.playbook_id,
        playbook_list.playbook_name,
        playbook_list.category,
        playbook_list.success_metric,
        playbook_list.attribution_window_days,
        report_months.month_start
    from playbook_list
    cross join report_months

),

joined as (

    select
        spine.playbook_id,
        spine.month_start,
        spine.playbook_name,
        spine.category,
        spine.success_metric,
        spine.attribution_window_days,
        coalesce(created_stats.ctas_created, 0) as ctas_created,
        coalesce(closed_stats.ctas_closed, 0) as ctas_closed,
        coalesce(closed_stats.ctas_closed_success, 0) as ctas_closed_success,
        coalesce(closed_stats.ctas_closed_lost, 0) as ctas_closed_lost,
        coalesce(closed_stats.ctas_closed_invalid, 0) as ctas_closed_invalid,
        coalesce(closed_stats.ctas_auto_resolved, 0) as ctas_auto_resolved,
        coalesce(closed_stats.ctas_closed, 0) - coalesce(closed_stats.ctas_closed_invalid, 0) as ctas_closed_valid,
        closed_stats.top_invalid_reason,
        coalesce(closed_stats.top_invalid_reason_ctas, 0) as top_invalid_reason_ctas,
        closed_stats.top_lost_reason,
        coalesce(closed_stats.top_lost_reason_ctas, 0) as top_lost_reason_ctas,
        closed_stats.median_days_to_close,
        coalesce(closed_stats.ctas_closed_with_due_date, 0) as ctas_closed_with_due_date,
        coalesce(closed_stats.ctas_closed_on_time, 0) as ctas_closed_on_time,
        coalesce(created_stats.worked_ctas, 0) as worked_ctas,
        coalesce(lift.worked_ctas_measured, 0) as worked_ctas_measured,
        lift.worked_usage_before_sum,
        lift.worked_usage_after_sum,
        lift.worked_usage_lift_sum,
        coalesce(lift.worked_ctas_recovery_judged, 0) as worked_ctas_recovery_judged,
        coalesce(lift.worked_ctas_recovered, 0) as worked_ctas_recovered,
        coalesce(created_stats.worked_ctas_with_milestone, 0) as worked_ctas_with_milestone,
        coalesce(lift.comparison_ctas_measured, 0) as comparison_ctas_measured,
        coalesce(lift.comparison_ctas_recovery_judged, 0) as comparison_ctas_recovery_judged,
        coalesce(lift.comparison_ctas_recovered, 0) as comparison_ctas_recovered,
        lift.comparison_usage_lift,
        case when spine.category = 'opportunity' then coalesce(created_stats.opportunity_ctas, 0) end
            as opportunity_ctas,
        case when spine.category = 'opportunity' then coalesce(created_stats.converted_ctas, 0) end
            as converted_ctas,
        case when spine.category = 'opportunity' then coalesce(created_stats.sales_accepted_ctas, 0) end
            as sales_accepted_ctas,
        case when spine.category = 'opportunity' then coalesce(created_stats.won_ctas, 0) end as won_ctas,
        case when spine.category = 'opportunity' then coalesce(created_stats.pipeline_arr, 0) end
            as pipeline_arr,
        case when spine.category = 'opportunity' then coalesce(created_stats.won_arr, 0) end as won_arr,
        case when spine.category = 'opportunity' then created_stats.median_days_to_convert end
            as median_days_to_convert,
        case when spine.category = 'lifecycle' then coalesce(compliance_stats.lifecycle_evaluations, 0) end
            as lifecycle_evaluations,
        case when spine.category = 'lifecycle' then coalesce(compliance_stats.lifecycle_compliant, 0) end
            as lifecycle_compliant,
        coalesce(created_stats.post_ebr_responses, 0) as post_ebr_responses,
        created_stats.post_ebr_score_sum,
        coalesce(created_stats.renewals_observed, 0) as renewals_observed,
        coalesce(created_stats.renewals_renewed, 0) as renewals_renewed,
        coalesce(created_stats.renewals_expanded, 0) as renewals_expanded,
        case when spine.success_metric = 'renewal' then coalesce(no_sponsor_loss_renewals.renewals_observed, 0) end
            as no_sponsor_loss_renewals_observed,
        case when spine.success_metric = 'renewal' then coalesce(no_sponsor_loss_renewals.renewals_renewed, 0) end
            as no_sponsor_loss_renewed,
        case when spine.success_metric = 'renewal' then coalesce(no_sponsor_loss_renewals.renewals_expanded, 0) end
            as no_sponsor_loss_expanded,
        coalesce(lift.is_comparison_group_shared, false) as is_comparison_group_shared,
        coalesce(
            spine.success_metric = 'renewal'
            and row_number() over (
                partition by spine.month_start, spine.success_metric
                order by spine.playbook_id
            ) > 1,
            false
        ) as is_renewal_baseline_repeat
    from spine
    left join created_stats
        on spine.playbook_id = created_stats.playbook_id and spine.month_start = created_stats.month_start
    left join closed_stats
        on spine.playbook_id = closed_stats.playbook_id and spine.month_start = closed_stats.month_start
    left join lift
        on spine.playbook_id = lift.playbook_id and spine.month_start = lift.month_start
    left join compliance_stats
        on spine.playbook_id = compliance_stats.playbook_id and spine.month_start = compliance_stats.month_start
    left join no_sponsor_loss_renewals
        on spine.month_start = no_sponsor_loss_renewals.month_start

),

final as (

    select
        -- ids
        cast(playbook_id as {{ cs_analytics.type_varchar() }}) as playbook_id,

        -- strings
        cast(playbook_name as {{ cs_analytics.type_varchar() }}) as playbook_name,
        cast(category as {{ cs_analytics.type_varchar() }}) as category,
        cast(success_metric as {{ cs_analytics.type_varchar() }}) as success_metric,
        cast(top_invalid_reason as {{ cs_analytics.type_varchar() }}) as top_invalid_reason,
        cast(top_lost_reason as {{ cs_analytics.type_varchar() }}) as top_lost_reason,

        -- numerics: volume and handling
        cast(attribution_window_days as integer) as attribution_window_days,
        cast(ctas_created as bigint) as ctas_created,
        cast(ctas_closed as bigint) as ctas_closed,
        cast(ctas_closed_success as bigint) as ctas_closed_success,
        cast(ctas_closed_lost as bigint) as ctas_closed_lost,
        cast(ctas_closed_invalid as bigint) as ctas_closed_invalid,
        cast(ctas_auto_resolved as bigint) as ctas_auto_resolved,
        cast(ctas_closed_valid as bigint) as ctas_closed_valid,
        {{ cs_analytics.rate('ctas_closed_success', 'ctas_closed_valid') }} as success_rate,
        {{ cs_analytics.rate('ctas_closed_invalid', 'ctas_closed') }} as invalid_rate,
        cast(top_invalid_reason_ctas as bigint) as top_invalid_reason_ctas,
        cast(top_lost_reason_ctas as bigint) as top_lost_reason_ctas,
        {{ cs_analytics.to_decimal('median_days_to_close', 18, 2) }} as median_days_to_close,
        cast(ctas_closed_with_due_date as bigint) as ctas_closed_with_due_date,
        cast(ctas_closed_on_time as bigint) as ctas_closed_on_time,
        {{ cs_analytics.rate('ctas_closed_on_time', 'ctas_closed_with_due_date') }} as on_time_rate,

        -- numerics: usage effect (worked CTAs vs the comparison group)
        cast(worked_ctas as bigint) as worked_ctas,
        cast(worked_ctas_measured as bigint) as worked_ctas_measured,
        cast(worked_usage_before_sum / nullif(worked_ctas_measured, 0) as decimal(18, 6)) as avg_usage_before,
        cast(worked_usage_after_sum / nullif(worked_ctas_measured, 0) as decimal(18, 6)) as avg_usage_after,
        cast(worked_usage_lift_sum / nullif(worked_ctas_measured, 0) as decimal(18, 6)) as avg_usage_lift,
        cast(worked_ctas_recovery_judged as bigint) as worked_ctas_recovery_judged,
        cast(worked_ctas_recovered as bigint) as worked_ctas_recovered,
        {{ cs_analytics.rate('worked_ctas_recovered', 'worked_ctas_recovery_judged') }} as usage_recovery_rate,
        cast(worked_ctas_with_milestone as bigint) as worked_ctas_with_milestone,
        {{ cs_analytics.rate('worked_ctas_with_milestone', 'worked_ctas') }} as milestone_rate,
        cast(comparison_ctas_measured as bigint) as comparison_ctas_measured,
        {{ cs_analytics.to_decimal('comparison_usage_lift', 18, 6) }} as comparison_usage_lift,
        cast(
            worked_usage_lift_sum / nullif(worked_ctas_measured, 0) - comparison_usage_lift as decimal(18, 6)
        ) as lift_vs_comparison,
        cast(comparison_ctas_recovery_judged as bigint) as comparison_ctas_recovery_judged,
        cast(comparison_ctas_recovered as bigint) as comparison_ctas_recovered,
        {{ cs_analytics.rate('comparison_ctas_recovered', 'comparison_ctas_recovery_judged') }}
            as comparison_recovery_rate,
        cast(
            {{ cs_analytics.to_decimal('worked_ctas_recovered', 18, 6) }} / nullif(worked_ctas_recovery_judged, 0)
            - {{ cs_analytics.to_decimal('comparison_ctas_recovered', 18, 6) }}
            / nullif(comparison_ctas_recovery_judged, 0)
            as decimal(18, 6)
        ) as recovery_rate_difference,
        cast(
            case
                when worked_ctas_recovery_judged > 0 and comparison_ctas_recovery_judged > 0
                    then {{ cs_analytics.interval_lower(recovery_centre, recovery_standard_error) }}
            end as decimal(18, 6)
        ) as recovery_rate_difference_ci_lower,
        cast(
            case
                when worked_ctas_recovery_judged > 0 and comparison_ctas_recovery_judged > 0
                    then {{ cs_analytics.interval_upper(recovery_centre, recovery_standard_error) }}
            end as decimal(18, 6)
        ) as recovery_rate_difference_ci_upper,

        -- numerics: opportunity funnel (opportunity playbooks)
        cast(opportunity_ctas as bigint) as opportunity_ctas,
        cast(converted_ctas as bigint) as converted_ctas,
        {{ cs_analytics.rate('converted_ctas', 'opportunity_ctas') }} as conversion_rate,
        cast(sales_accepted_ctas as bigint) as sales_accepted_ctas,
        cast(won_ctas as bigint) as won_ctas,
        {{ cs_analytics.rate('won_ctas', 'converted_ctas') }} as win_rate,
        {{ cs_analytics.to_decimal('pipeline_arr', 18, 2) }} as pipeline_arr,
        {{ cs_analytics.to_decimal('won_arr', 18, 2) }} as won_arr,
        {{ cs_analytics.to_decimal('median_days_to_convert', 18, 2) }} as median_days_to_convert,

        -- numerics: lifecycle playbooks
        cast(lifecycle_evaluations as bigint) as lifecycle_evaluations,
        cast(lifecycle_compliant as bigint) as lifecycle_compliant,
        {{ cs_analytics.rate('lifecycle_compliant', 'lifecycle_evaluations') }} as compliance_rate,
        cast(post_ebr_responses as bigint) as post_ebr_responses,
        cast(post_ebr_score_sum / nullif(post_ebr_responses, 0) as decimal(18, 6)) as avg_post_ebr_score,

        -- numerics: next renewal (loss-of-sponsor and renewal playbooks)
        cast(renewals_observed as bigint) as renewals_observed,
        cast(renewals_renewed as bigint) as renewals_renewed,
        {{ cs_analytics.rate('renewals_renewed', 'renewals_observed') }} as renewal_rate,
        cast(renewals_expanded as bigint) as renewals_expanded,
        {{ cs_analytics.rate('renewals_expanded', 'renewals_observed') }} as renewal_expansion_rate,
        cast(no_sponsor_loss_renewals_observed as bigint) as no_sponsor_loss_renewals_observed,
        cast(no_sponsor_loss_renewed as bigint) as no_sponsor_loss_renewed,
        {{ cs_analytics.rate('no_sponsor_loss_renewed', 'no_sponsor_loss_renewals_observed') }}
            as no_sponsor_loss_renewal_rate,
        cast(no_sponsor_loss_expanded as bigint) as no_sponsor_loss_expanded,
        {{ cs_analytics.rate('no_sponsor_loss_expanded', 'no_sponsor_loss_renewals_observed') }}
            as no_sponsor_loss_expansion_rate,

        -- booleans: baselines repeated on several playbooks (not additive across playbooks)
        is_comparison_group_shared,
        is_renewal_baseline_repeat,

        -- dates
        cast(month_start as date) as month_start

    from joined

)

select * from final
