{#-
    One row per playbook and month the CTAs were opened: the worked CTAs'
    usage sums and recovery counts, and their comparison group. The
    comparison group of a playbook is the comparison CTAs (closed invalid or
    untouched) with the same reason, from every playbook, opened the same
    month; with several reasons, their average lifts are weighted by the
    playbook's worked CTAs per reason. A reason's comparison group is shared
    by every playbook that worked CTAs with that reason that month.
-#}

with reason_months as (

    select * from {{ ref('int_ctas_aggregated_to_playbook_reason_months') }}

),

comparison_by_reason as (

    select
        reason,
        month_start,
        sum(comparison_ctas_measured) as comparison_ctas_measured,
        sum(comparison_usage_lift_sum) / nullif(sum(comparison_ctas_measured), 0) as comparison_usage_lift,
        sum(comparison_ctas_recovery_judged) as comparison_ctas_recovery_judged,
        sum(comparison_ctas_recovered) as comparison_ctas_recovered
    from reason_months
    group by reason, month_start

),

worked_by_reason as (

    select
        playbook_id,
        month_start,
        reason,
        worked_ctas_measured
    from reason_months
    where playbook_id is not null and worked_ctas_measured > 0

),

comparison_stats as (

    select
        worked_by_reason.playbook_id,
        worked_by_reason.month_start,
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
            and worked_by_reason.month_start = comparison_by_reason.month_start
    group by worked_by_reason.playbook_id, worked_by_reason.month_start

),

reason_playbooks as (

    select
        reason,
        month_start,
        count(distinct playbook_id) as playbooks
    from worked_by_reason
    group by reason, month_start

),

comparison_sharing as (

    select
        worked_by_reason.playbook_id,
        worked_by_reason.month_start,
        max(case when reason_playbooks.playbooks > 1 then 1 else 0 end) as is_comparison_group_shared
    from worked_by_reason
    inner join reason_playbooks
        on
            worked_by_reason.reason = reason_playbooks.reason
            and worked_by_reason.month_start = reason_playbooks.month_start
    group by worked_by_reason.playbook_id, worked_by_reason.month_start

),

worked_stats as (

    select
        playbook_id,
        month_start,
        sum(worked_ctas_measured) as worked_ctas_measured,
        sum(worked_usage_before_sum) as worked_usage_before_sum,
        sum(worked_usage_after_sum) as worked_usage_after_sum,
        sum(worked_usage_lift_sum) as worked_usage_lift_sum,
        sum(worked_ctas_recovery_judged) as worked_ctas_recovery_judged,
        sum(worked_ctas_recovered) as worked_ctas_recovered
    from reason_months
    where playbook_id is not null
    group by playbook_id, month_start

),

final as (

    select
        worked_stats.playbook_id,
        worked_stats.month_start,
        worked_stats.worked_ctas_measured,
        worked_stats.worked_usage_before_sum,
        worked_stats.worked_usage_after_sum,
        worked_stats.worked_usage_lift_sum,
        worked_stats.worked_ctas_recovery_judged,
        worked_stats.worked_ctas_recovered,
        coalesce(comparison_stats.comparison_ctas_measured, 0) as comparison_ctas_measured,
        comparison_stats.comparison_usage_lift,
        coalesce(comparison_stats.comparison_ctas_recovery_judged, 0) as comparison_ctas_recovery_judged,
        coalesce(comparison_stats.comparison_ctas_recovered, 0) as comparison_ctas_recovered,
        coalesce(comparison_sharing.is_comparison_group_shared, 0) = 1 as is_comparison_group_shared
    from worked_stats
    left join comparison_stats
        on
            worked_stats.playbook_id = comparison_stats.playbook_id
            and worked_stats.month_start = comparison_stats.month_start
    left join comparison_sharing
        on
            worked_stats.playbook_id = comparison_sharing.playbook_id
            and worked_stats.month_start = comparison_sharing.month_start

)

select * from final
