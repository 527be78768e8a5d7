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

    The comparison group of a playbook is the comparison CTAs (closed invalid
    or untouched) with the same reason, from every playbook, opened the same
    month; with several reasons, their average lifts are weighted by the
    playbook's worked CTAs per reason.
-#}

{#- the recovery interval is computed in double precision on every engine (Spark would otherwise
    divide decimals at a truncated scale and move the sixth decimal) -#}
{%- set recovery_x_worked = 'cast(worked_ctas_recovered as ' ~ cs_analytics.type_double() ~ ')' -%}
{%- set recovery_n_worked = 'cast(worked_ctas_recovery_judged as ' ~ cs_analytics.type_double() ~ ')' -%}
{%- set recovery_x_comparison = 'cast(comparison_ctas_recovered as ' ~ cs_analytics.type_double() ~ ')' -%}
{%- set recovery_n_comparison = 'cast(comparison_ctas_recovery_judged as ' ~ cs_analytics.type_double() ~ ')' -%}

with ctas as (

    select * from {{ ref('int_ctas_enriched') }}

),

usage as (

    select * from {{ ref('int_ctas_joined_to_usage') }}

),

outcomes as (

    select * from {{ ref('int_ctas_joined_to_outcomes') }}

),

playbooks as (

    select * from {{ ref('stg_cs_platform__playbooks') }}

),

months as (

    select * from {{ ref('int_months') }}

),

compliance as (

    select * from {{ ref('int_account_lifecycle_compliance_monthly') }}

),

account_renewals as (

    select * from {{ ref('int_account_months_joined_to_renewals') }}

),

cta_facts as (

    select
        ctas.*,
        usage.usage_before,
        usage.usage_after,
        usage.usage_lift,
        usage.did_usage_recover,
        coalesce(
            usage.is_after_window_complete
            and usage.usage_before is not null
            and usage.usage_after is not null,
            false
        ) as is_usage_measured,
        outcomes.milestone_within_window,
        outcomes.has_opportunity,
        outcomes.opportunity_sales_accepted,
        outcomes.opportunity_won,
        outcomes.pipeline_arr,
        outcomes.won_arr,
        outcomes.days_to_convert,
        outcomes.post_ebr_responses,
        outcomes.post_ebr_score,
        outcomes.is_renewal_observed,
        outcomes.renewed_next_renewal,
        outcomes.expanded_next_renewal
    from ctas
    left join usage
        on ctas.cta_id = usage.cta_id
    left join outcomes
        on ctas.cta_id = outcomes.cta_id
    where ctas.playbook_id is not null

),

playbook_ids as (

    select playbook_id from playbooks
    union
    select playbook_id from cta_facts

),

playbook_list as (

    select
        playbook_ids.playbook_id,
        playbooks.playbook_name,
        playbooks.category,
        playbooks.success_metric,
        coalesce(playbooks.attribution_window_days, {{ var('default_attribution_window_days', 45) }})
            as attribution_window_days
    from playbook_ids
    left join playbooks
        on playbook_ids.playbook_id = playbooks.playbook_id

),

report_months as (

    select month_start
    from months
    where month_start >= (select min(cta_facts.created_month) from cta_facts)

),

spine as (

    select
        playbook_list.*,
        report_months.month_start
    from playbook_list
    cross join report_months

),

created_stats as (

    select
        playbook_id,
        created_month as month_start,
        count(*) as ctas_created,
        sum(case when is_worked and is_usage_measured then 1 else 0 end) as worked_ctas_measured,
        sum(case when is_worked and is_usage_measured then usage_before end) as worked_usage_before_sum,
        sum(case when is_worked and is_usage_measured then usage_after end) as worked_usage_after_sum,
        sum(case when is_worked and is_usage_measured then usage_lift end) as worked_usage_lift_sum,
        sum(case when is_worked and did_usage_recover is not null then 1 else 0 end) as worked_ctas_recovery_judged,
        sum(case when is_worked and did_usage_recover then 1 else 0 end) as worked_ctas_recovered,
        sum(case when is_worked and milestone_within_window then 1 else 0 end) as worked_ctas_with_milestone,
        sum(case when is_worked then 1 else 0 end) as worked_ctas,
        sum(case when not is_invalid then 1 else 0 end) as opportunity_ctas,
        sum(case when not is_invalid and has_opportunity then 1 else 0 end) as converted_ctas,
        sum(case when not is_invalid and opportunity_sales_accepted then 1 else 0 end) as sales_accepted_ctas,
        sum(case when not is_invalid and opportunity_won then 1 else 0 end) as won_ctas,
        sum(case when not is_invalid then pipeline_arr end) as pipeline_arr,
        sum(case when not is_invalid then won_arr end) as won_arr,
        {{ cs_analytics.median('case when not is_invalid then days_to_convert end') }} as median_days_to_convert,
        sum(coalesce(post_ebr_responses, 0)) as post_ebr_responses,
        sum(post_ebr_score * post_ebr_responses) as post_ebr_score_sum,
        sum(case when is_renewal_observed and not is_invalid then 1 else 0 end) as renewals_observed,
        sum(case when renewed_next_renewal and not is_invalid then 1 else 0 end) as renewals_renewed,
        sum(case when expanded_next_renewal and not is_invalid then 1 else 0 end) as renewals_expanded
    from cta_facts
    group by playbook_id, created_month

),

closed_stats as (

    select
        playbook_id,
        closed_month as month_start,
        count(*) as ctas_closed,
        sum(case when outcome = 'success' then 1 else 0 end) as ctas_closed_success,
        sum(case when outcome = 'lost' then 1 else 0 end) as ctas_closed_lost,
        sum(case when outcome = 'invalid' then 1 else 0 end) as ctas_closed_invalid,
        sum(case when outcome = 'auto_resolved' then 1 else 0 end) as ctas_auto_resolved,
        sum(
            case when due_date is not null and not coalesce(has_unknown_duration, false) then 1 else 0 end
        ) as ctas_closed_with_due_date,
        sum(case when is_closed_on_time then 1 else 0 end) as ctas_closed_on_time,
        {{ cs_analytics.median('days_open') }} as median_days_to_close
    from cta_facts
    where is_closed
    group by playbook_id, closed_month

),

invalid_reasons as (

    select
        playbook_id,
        closed_month as month_start,
        coalesce(not_valid_reason, '(no reason given)') as not_valid_reason,
        count(*) as ctas
    from cta_facts
    where is_closed and is_invalid
    group by playbook_id, closed_month, coalesce(not_valid_reason, '(no reason given)')

),

top_invalid_reason as (

    select
        playbook_id,
        month_start,
        not_valid_reason,
        ctas,
        row_number() over (
            partition by playbook_id, month_start
            order by ctas desc, not_valid_reason asc
        ) as reason_rank
    from invalid_reasons

),

comparison_by_reason as (

    select
        ctas.reason,
        ctas.created_month,
        sum(
            case
                when usage.is_after_window_complete and usage.usage_lift is not null then 1 else 0
            end
        ) as comparison_ctas_measured,
        avg(
            case
                when usage.is_after_window_complete then usage.usage_lift
            end
        ) as comparison_usage_lift,
        sum(case when usage.did_usage_recover is not null then 1 else 0 end) as comparison_ctas_recovery_judged,
        sum(case when usage.did_usage_recover then 1 else 0 end) as comparison_ctas_recovered
    from ctas
    inner join usage
        on ctas.cta_id = usage.cta_id
    where ctas.effectiveness_group = 'comparison'
    group by ctas.reason, ctas.created_month

),

worked_by_reason as (

    select
        playbook_id,
        created_month,
        reason,
        count(*) as worked_ctas_measured
    from cta_facts
    where is_worked and is_usage_measured
    group by playbook_id, created_month, reason

),

comparison_stats as (

    select
        worked_by_reason.playbook_id,
        worked_by_reason.created_month as month_start,
        sum(comparison_by_reason.comparison_ctas_measured) as comparison_ctas_measured,
        sum(comparison_by_reason.comparison_ctas_recovery_judged) as comparison_ctas_recovery_judged,
        sum(comparison_by_reason.comparison_ctas_recovered) as comparison_ctas_recovered,
        sum(
            case
                when comparison_by_reason.comparison_usage_lift is not null
                    then worked_by_reason.worked_ctas_measured * comparison_by_reason.comparison_usage_lift
            end
        )
        / nullif(
            sum(
                case
                    when comparison_by_reason.comparison_usage_lift is not null
                        then worked_by_reason.worked_ctas_measured
                end
            ),
            0
        ) as comparison_usage_lift
    from worked_by_reason
    left join comparison_by_reason
        on
            worked_by_reason.reason = comparison_by_reason.reason
            and worked_by_reason.created_month = comparison_by_reason.created_month
    group by worked_by_reason.playbook_id, worked_by_reason.created_month

),

-- a reason's comparison group is shared by every playbook that worked CTAs with that reason that month
reason_playbooks as (

    select
        reason,
        created_month,
        count(distinct playbook_id) as playbooks
    from worked_by_reason
    group by reason, created_month

),

comparison_sharing as (

    select
        worked_by_reason.playbook_id,
        worked_by_reason.created_month as month_start,
        max(case when reason_playbooks.playbooks > 1 then 1 else 0 end) as is_comparison_group_shared
    from worked_by_reason
    inner join reason_playbooks
        on
            worked_by_reason.reason = reason_playbooks.reason
            and worked_by_reason.created_month = reason_playbooks.created_month
    group by worked_by_reason.playbook_id, worked_by_reason.created_month

),

playbook_activity_types as (

    select distinct
        playbook_id,
        {{ dbt.replace('reason', "'_due'", "''") }} as activity_type
    from cta_facts
    where cta_type = 'lifecycle' and reason is not null

),

compliance_stats as (

    select
        playbook_activity_types.playbook_id,
        compliance.month_start,
        count(*) as lifecycle_evaluations,
        sum(case when compliance.is_compliant then 1 else 0 end) as lifecycle_compliant
    from playbook_activity_types
    inner join compliance
        on playbook_activity_types.activity_type = compliance.activity_type
    group by playbook_activity_types.playbook_id, compliance.month_start

),

no_sponsor_loss_renewals as (

    select
        month_start,
        sum(case when is_renewal_observed then 1 else 0 end) as renewals_observed,
        sum(case when renewed_next_renewal then 1 else 0 end) as renewals_renewed,
        sum(case when expanded_next_renewal then 1 else 0 end) as renewals_expanded
    from account_renewals
    where not has_lost_sponsor_12m
    group by month_start

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
        top_invalid_reason.not_valid_reason as top_invalid_reason,
        coalesce(top_invalid_reason.ctas, 0) as top_invalid_reason_ctas,
        closed_stats.median_days_to_close,
        coalesce(closed_stats.ctas_closed_with_due_date, 0) as ctas_closed_with_due_date,
        coalesce(closed_stats.ctas_closed_on_time, 0) as ctas_closed_on_time,
        coalesce(created_stats.worked_ctas, 0) as worked_ctas,
        coalesce(created_stats.worked_ctas_measured, 0) as worked_ctas_measured,
        created_stats.worked_usage_before_sum,
        created_stats.worked_usage_after_sum,
        created_stats.worked_usage_lift_sum,
        coalesce(created_stats.worked_ctas_recovery_judged, 0) as worked_ctas_recovery_judged,
        coalesce(created_stats.worked_ctas_recovered, 0) as worked_ctas_recovered,
        coalesce(created_stats.worked_ctas_with_milestone, 0) as worked_ctas_with_milestone,
        coalesce(comparison_stats.comparison_ctas_measured, 0) as comparison_ctas_measured,
        coalesce(comparison_stats.comparison_ctas_recovery_judged, 0) as comparison_ctas_recovery_judged,
        coalesce(comparison_stats.comparison_ctas_recovered, 0) as comparison_ctas_recovered,
        comparison_stats.comparison_usage_lift,
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
        coalesce(comparison_sharing.is_comparison_group_shared, 0) = 1 as is_comparison_group_shared,
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
    left join top_invalid_reason
        on
            spine.playbook_id = top_invalid_reason.playbook_id
            and spine.month_start = top_invalid_reason.month_start
            and top_invalid_reason.reason_rank = 1
    left join comparison_stats
        on spine.playbook_id = comparison_stats.playbook_id and spine.month_start = comparison_stats.month_start
    left join compliance_stats
        on spine.playbook_id = compliance_stats.playbook_id and spine.month_start = compliance_stats.month_start
    left join no_sponsor_loss_renewals
        on spine.month_start = no_sponsor_loss_renewals.month_start
    left join comparison_sharing
        on spine.playbook_id = comparison_sharing.playbook_id and spine.month_start = comparison_sharing.month_start

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

        -- numerics: volume and handling
        cast(attribution_window_days as integer) as attribution_window_days,
        cast(ctas_created as bigint) as ctas_created,
        cast(ctas_closed as bigint) as ctas_closed,
        cast(ctas_closed_success as bigint) as ctas_closed_success,
        cast(ctas_closed_lost as bigint) as ctas_closed_lost,
        cast(ctas_closed_invalid as bigint) as ctas_closed_invalid,
        cast(ctas_auto_resolved as bigint) as ctas_auto_resolved,
        cast(ctas_closed_valid as bigint) as ctas_closed_valid,
        cast(
            {{ cs_analytics.to_decimal('ctas_closed_success', 18, 6) }} / nullif(ctas_closed_valid, 0) as decimal(18, 6)
        )
            as success_rate,
        cast({{ cs_analytics.to_decimal('ctas_closed_invalid', 18, 6) }} / nullif(ctas_closed, 0) as decimal(18, 6))
            as invalid_rate,
        cast(top_invalid_reason_ctas as bigint) as top_invalid_reason_ctas,
        {{ cs_analytics.to_decimal('median_days_to_close', 18, 2) }} as median_days_to_close,
        cast(ctas_closed_with_due_date as bigint) as ctas_closed_with_due_date,
        cast(ctas_closed_on_time as bigint) as ctas_closed_on_time,
        cast(
            {{ cs_analytics.to_decimal('ctas_closed_on_time', 18, 6) }}
            / nullif(ctas_closed_with_due_date, 0) as decimal(18, 6)
        )
            as on_time_rate,

        -- numerics: usage effect (worked CTAs vs the comparison group)
        cast(worked_ctas as bigint) as worked_ctas,
        cast(worked_ctas_measured as bigint) as worked_ctas_measured,
        cast(worked_usage_before_sum / nullif(worked_ctas_measured, 0) as decimal(18, 6)) as avg_usage_before,
        cast(worked_usage_after_sum / nullif(worked_ctas_measured, 0) as decimal(18, 6)) as avg_usage_after,
        cast(worked_usage_lift_sum / nullif(worked_ctas_measured, 0) as decimal(18, 6)) as avg_usage_lift,
        cast(worked_ctas_recovery_judged as bigint) as worked_ctas_recovery_judged,
        cast(worked_ctas_recovered as bigint) as worked_ctas_recovered,
        cast(
            {{ cs_analytics.to_decimal('worked_ctas_recovered', 18, 6) }}
            / nullif(worked_ctas_recovery_judged, 0) as decimal(18, 6)
        )
            as usage_recovery_rate,
        cast(worked_ctas_with_milestone as bigint) as worked_ctas_with_milestone,
        cast(
            {{ cs_analytics.to_decimal('worked_ctas_with_milestone', 18, 6) }}
            / nullif(worked_ctas, 0) as decimal(18, 6)
        )
            as milestone_rate,
        cast(comparison_ctas_measured as bigint) as comparison_ctas_measured,
        {{ cs_analytics.to_decimal('comparison_usage_lift', 18, 6) }} as comparison_usage_lift,
        cast(
            worked_usage_lift_sum / nullif(worked_ctas_measured, 0) - comparison_usage_lift as decimal(18, 6)
        ) as lift_vs_comparison,
        cast(comparison_ctas_recovery_judged as bigint) as comparison_ctas_recovery_judged,
        cast(comparison_ctas_recovered as bigint) as comparison_ctas_recovered,
        cast(
            {{ cs_analytics.to_decimal('comparison_ctas_recovered', 18, 6) }}
            / nullif(comparison_ctas_recovery_judged, 0)
            as decimal(18, 6)
        ) as comparison_recovery_rate,
        cast(
            {{ cs_analytics.to_decimal('worked_ctas_recovered', 18, 6) }} / nullif(worked_ctas_recovery_judged, 0)
            - {{ cs_analytics.to_decimal('comparison_ctas_recovered', 18, 6) }}
            / nullif(comparison_ctas_recovery_judged, 0)
            as decimal(18, 6)
        ) as recovery_rate_difference,
        cast(
            case
                when worked_ctas_recovery_judged > 0 and comparison_ctas_recovery_judged > 0
                    then
                        {{ cs_analytics.otm_plus_two_difference(
                            recovery_x_worked, recovery_n_worked,
                            recovery_x_comparison, recovery_n_comparison) }}
                        - {{ cs_analytics.otm_z_95() }} * {{ cs_analytics.otm_two_proportion_standard_error(
                            recovery_x_worked, recovery_n_worked,
                            recovery_x_comparison, recovery_n_comparison) }}
            end as decimal(18, 6)
        ) as recovery_rate_difference_ci_lower,
        cast(
            case
                when worked_ctas_recovery_judged > 0 and comparison_ctas_recovery_judged > 0
                    then
                        {{ cs_analytics.otm_plus_two_difference(
                            recovery_x_worked, recovery_n_worked,
                            recovery_x_comparison, recovery_n_comparison) }}
                        + {{ cs_analytics.otm_z_95() }} * {{ cs_analytics.otm_two_proportion_standard_error(
                            recovery_x_worked, recovery_n_worked,
                            recovery_x_comparison, recovery_n_comparison) }}
            end as decimal(18, 6)
        ) as recovery_rate_difference_ci_upper,

        -- numerics: opportunity funnel (opportunity playbooks)
        cast(opportunity_ctas as bigint) as opportunity_ctas,
        cast(converted_ctas as bigint) as converted_ctas,
        cast({{ cs_analytics.to_decimal('converted_ctas', 18, 6) }} / nullif(opportunity_ctas, 0) as decimal(18, 6))
            as conversion_rate,
        cast(sales_accepted_ctas as bigint) as sales_accepted_ctas,
        cast(won_ctas as bigint) as won_ctas,
        cast({{ cs_analytics.to_decimal('won_ctas', 18, 6) }} / nullif(converted_ctas, 0) as decimal(18, 6))
            as win_rate,
        {{ cs_analytics.to_decimal('pipeline_arr', 18, 2) }} as pipeline_arr,
        {{ cs_analytics.to_decimal('won_arr', 18, 2) }} as won_arr,
        {{ cs_analytics.to_decimal('median_days_to_convert', 18, 2) }} as median_days_to_convert,

        -- numerics: lifecycle playbooks
        cast(lifecycle_evaluations as bigint) as lifecycle_evaluations,
        cast(lifecycle_compliant as bigint) as lifecycle_compliant,
        cast(
            {{ cs_analytics.to_decimal('lifecycle_compliant', 18, 6) }}
            / nullif(lifecycle_evaluations, 0) as decimal(18, 6)
        )
            as compliance_rate,
        cast(post_ebr_responses as bigint) as post_ebr_responses,
        cast(post_ebr_score_sum / nullif(post_ebr_responses, 0) as decimal(18, 6)) as avg_post_ebr_score,

        -- numerics: next renewal (loss-of-sponsor and renewal playbooks)
        cast(renewals_observed as bigint) as renewals_observed,
        cast(renewals_renewed as bigint) as renewals_renewed,
        cast({{ cs_analytics.to_decimal('renewals_renewed', 18, 6) }} / nullif(renewals_observed, 0) as decimal(18, 6))
            as renewal_rate,
        cast(renewals_expanded as bigint) as renewals_expanded,
        cast({{ cs_analytics.to_decimal('renewals_expanded', 18, 6) }} / nullif(renewals_observed, 0) as decimal(18, 6))
            as renewal_expansion_rate,
        cast(no_sponsor_loss_renewals_observed as bigint) as no_sponsor_loss_renewals_observed,
        cast(no_sponsor_loss_renewed as bigint) as no_sponsor_loss_renewed,
        cast(
            {{ cs_analytics.to_decimal('no_sponsor_loss_renewed', 18, 6) }}
            / nullif(no_sponsor_loss_renewals_observed, 0)
            as decimal(18, 6)
        ) as no_sponsor_loss_renewal_rate,
        cast(no_sponsor_loss_expanded as bigint) as no_sponsor_loss_expanded,
        cast(
            {{ cs_analytics.to_decimal('no_sponsor_loss_expanded', 18, 6) }}
            / nullif(no_sponsor_loss_renewals_observed, 0)
            as decimal(18, 6)
        ) as no_sponsor_loss_expansion_rate,

        -- booleans: baselines repeated on several playbooks (not additive across playbooks)
        is_comparison_group_shared,
        is_renewal_baseline_repeat,

        -- dates
        cast(month_start as date) as month_start

    from joined

)

select * from final
