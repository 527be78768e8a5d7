{#-
    One row per playbook: what it is for, its attribution window, and its
    record over the whole history: volumes, success and invalid rates, and
    the honest usage lift. The lift of the playbook's worked CTAs (usage per
    seat after - before) is compared with the lift of the comparison group
    (CTAs with the same reason, from any playbook, closed invalid or left
    untouched), weighted by the playbook's worked CTAs per reason. The
    standard error of the difference is
    sqrt(var_worked / n_worked + sum over reasons of w_r^2 var_comparison_r / n_comparison_r),
    and the 95% interval is the difference +/- 1.96 standard errors. Only
    CTAs whose after window is complete count.

    Beside the lift, the recovery rate (recovery from a low state: only CTAs
    whose usage was low when they fired are judged) of the worked CTAs and of
    the comparison CTAs with the same reasons, their difference and its 95%
    plus-two interval (macros `otm_plus_two_difference`,
    `otm_two_proportion_standard_error`); and the alert quality of rule-fired
    low-usage CTAs: those whose condition did not hold at fire are false
    alerts.
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

playbooks as (

    select * from {{ ref('stg_cs_platform__playbooks') }}

),

measured as (

    select
        ctas.cta_id,
        ctas.playbook_id,
        ctas.reason,
        ctas.effectiveness_group,
        usage.usage_before,
        usage.usage_after,
        usage.usage_lift
    from ctas
    inner join usage
        on ctas.cta_id = usage.cta_id
    where
        usage.is_after_window_complete
        and usage.usage_lift is not null
        and ctas.effectiveness_group is not null

),

comparison_by_reason as (

    select
        reason,
        count(*) as comparison_ctas,
        avg(usage_lift) as comparison_lift,
        var_samp(usage_lift) as comparison_lift_variance
    from measured
    where effectiveness_group = 'comparison'
    group by reason
    having count(*) >= 2

),

worked as (

    select
        measured.*,
        comparison_by_reason.comparison_ctas,
        comparison_by_reason.comparison_lift,
        comparison_by_reason.comparison_lift_variance
    from measured
    left join comparison_by_reason
        on measured.reason = comparison_by_reason.reason
    where measured.effectiveness_group = 'worked'

),

worked_stats as (

    select
        playbook_id,
        count(*) as worked_ctas_measured,
        avg(usage_before) as avg_usage_before,
        avg(usage_after) as avg_usage_after,
        avg(usage_lift) as avg_usage_lift,
        var_samp(usage_lift) as usage_lift_variance,
        sum(case when comparison_lift is not null then 1 else 0 end) as worked_ctas_compared,
        avg(case when comparison_lift is not null then usage_lift end) as compared_usage_lift,
        var_samp(case when comparison_lift is not null then usage_lift end) as compared_usage_lift_variance
    from worked
    group by playbook_id

),

worked_by_reason as (

    select
        playbook_id,
        reason,
        count(*) as worked_ctas,
        max(comparison_ctas) as comparison_ctas,
        max(comparison_lift) as comparison_lift,
        max(comparison_lift_variance) as comparison_lift_variance
    from worked
    where comparison_lift is not null
    group by playbook_id, reason

),

comparison_stats as (

    select
        playbook_id,
        sum(comparison_ctas) as comparison_ctas_measured,
        sum(worked_ctas * comparison_lift) / sum(worked_ctas) as comparison_usage_lift,
        sum(worked_ctas * worked_ctas * comparison_lift_variance / comparison_ctas)
        / (sum(worked_ctas) * sum(worked_ctas)) as comparison_lift_sampling_variance
    from worked_by_reason
    group by playbook_id

),

recovery_judged as (

    {#- recovery from a low state: only CTAs whose usage was low at fire are judged #}
    select
        ctas.playbook_id,
        ctas.reason,
        ctas.effectiveness_group,
        case when usage.did_usage_recover then 1 else 0 end as recovered
    from ctas
    inner join usage
        on ctas.cta_id = usage.cta_id
    where
        usage.did_usage_recover is not null
        and ctas.effectiveness_group is not null

),

recovery_comparison_by_reason as (

    select
        reason,
        count(*) as comparison_judged,
        sum(recovered) as comparison_recovered
    from recovery_judged
    where effectiveness_group = 'comparison'
    group by reason

),

recovery_worked_by_reason as (

    select
        playbook_id,
        reason,
        count(*) as worked_judged,
        sum(recovered) as worked_recovered
    from recovery_judged
    where effectiveness_group = 'worked'
    group by playbook_id, reason

),

recovery_stats as (

    select
        recovery_worked_by_reason.playbook_id,
        sum(recovery_worked_by_reason.worked_judged) as worked_ctas_recovery_judged,
        sum(recovery_worked_by_reason.worked_recovered) as worked_ctas_recovered,
        sum(coalesce(recovery_comparison_by_reason.comparison_judged, 0)) as comparison_ctas_recovery_judged,
        sum(coalesce(recovery_comparison_by_reason.comparison_recovered, 0)) as comparison_ctas_recovered
    from recovery_worked_by_reason
    left join recovery_comparison_by_reason
        on recovery_worked_by_reason.reason = recovery_comparison_by_reason.reason
    group by recovery_worked_by_reason.playbook_id

),

alert_quality as (

    select
        ctas.playbook_id,
        sum(case when usage.condition_met_at_fire is not null then 1 else 0 end) as rule_ctas_condition_judged,
        sum(case when not usage.condition_met_at_fire then 1 else 0 end) as false_alert_ctas
    from ctas
    inner join usage
        on ctas.cta_id = usage.cta_id
    group by ctas.playbook_id

),

cta_stats as (

    select
        playbook_id,
        count(*) as ctas_created,
        sum(case when is_closed then 1 else 0 end) as ctas_closed,
        sum(case when outcome = 'success' then 1 else 0 end) as ctas_closed_success,
        sum(case when outcome = 'invalid' then 1 else 0 end) as ctas_closed_invalid,
        min(created_date) as first_cta_date,
        max(created_date) as last_cta_date
    from ctas
    where playbook_id is not null
    group by playbook_id

),

playbook_ids as (

    select playbook_id from playbooks
    union
    select playbook_id from cta_stats

),

joined as (

    select
        playbook_ids.playbook_id,
        playbooks.playbook_name,
        playbooks.category,
        playbooks.success_metric,
        coalesce(playbooks.attribution_window_days, {{ var('default_attribution_window_days', 45) }})
            as attribution_window_days,
        playbooks.attribution_window_days is null as is_default_attribution_window,
        coalesce(cta_stats.ctas_created, 0) as ctas_created,
        coalesce(cta_stats.ctas_closed, 0) as ctas_closed,
        coalesce(cta_stats.ctas_closed_success, 0) as ctas_closed_success,
        coalesce(cta_stats.ctas_closed_invalid, 0) as ctas_closed_invalid,
        coalesce(cta_stats.ctas_closed, 0) - coalesce(cta_stats.ctas_closed_invalid, 0) as ctas_closed_valid,
        coalesce(worked_stats.worked_ctas_measured, 0) as worked_ctas_measured,
        worked_stats.avg_usage_before,
        worked_stats.avg_usage_after,
        worked_stats.avg_usage_lift,
        sqrt(worked_stats.usage_lift_variance / worked_stats.worked_ctas_measured) as usage_lift_standard_error,
        coalesce(worked_stats.worked_ctas_compared, 0) as worked_ctas_compared,
        coalesce(comparison_stats.comparison_ctas_measured, 0) as comparison_ctas_measured,
        comparison_stats.comparison_usage_lift,
        worked_stats.compared_usage_lift - comparison_stats.comparison_usage_lift as lift_vs_comparison,
        sqrt(
            worked_stats.compared_usage_lift_variance / worked_stats.worked_ctas_compared
            + comparison_stats.comparison_lift_sampling_variance
        ) as lift_vs_comparison_standard_error,
        coalesce(recovery_stats.worked_ctas_recovery_judged, 0) as worked_ctas_recovery_judged,
        coalesce(recovery_stats.worked_ctas_recovered, 0) as worked_ctas_recovered,
        coalesce(recovery_stats.comparison_ctas_recovery_judged, 0) as comparison_ctas_recovery_judged,
        coalesce(recovery_stats.comparison_ctas_recovered, 0) as comparison_ctas_recovered,
        coalesce(alert_quality.rule_ctas_condition_judged, 0) as rule_ctas_condition_judged,
        coalesce(alert_quality.false_alert_ctas, 0) as false_alert_ctas,
        cta_stats.first_cta_date,
        cta_stats.last_cta_date
    from playbook_ids
    left join playbooks
        on playbook_ids.playbook_id = playbooks.playbook_id
    left join cta_stats
        on playbook_ids.playbook_id = cta_stats.playbook_id
    left join worked_stats
        on playbook_ids.playbook_id = worked_stats.playbook_id
    left join comparison_stats
        on playbook_ids.playbook_id = comparison_stats.playbook_id
    left join recovery_stats
        on playbook_ids.playbook_id = recovery_stats.playbook_id
    left join alert_quality
        on playbook_ids.playbook_id = alert_quality.playbook_id

),

with_recovery as (

    select
        *,
        {{ cs_analytics.to_decimal('worked_ctas_recovered', 18, 6) }} / nullif(worked_ctas_recovery_judged, 0)
            as usage_recovery_rate,
        {{ cs_analytics.to_decimal('comparison_ctas_recovered', 18, 6) }}
        / nullif(comparison_ctas_recovery_judged, 0) as comparison_recovery_rate,
        case
            when worked_ctas_recovery_judged > 0 and comparison_ctas_recovery_judged > 0
                then {{ cs_analytics.otm_plus_two_difference(
                    recovery_x_worked, recovery_n_worked,
                    recovery_x_comparison, recovery_n_comparison) }}
        end as recovery_difference_centre,
        case
            when worked_ctas_recovery_judged > 0 and comparison_ctas_recovery_judged > 0
                then {{ cs_analytics.otm_two_proportion_standard_error(
                    recovery_x_worked, recovery_n_worked,
                    recovery_x_comparison, recovery_n_comparison) }}
        end as recovery_difference_standard_error
    from joined

),

final as (

    select
        -- ids
        cast(playbook_id as {{ cs_analytics.type_varchar() }}) as playbook_id,

        -- strings
        cast(playbook_name as {{ cs_analytics.type_varchar() }}) as playbook_name,
        cast(category as {{ cs_analytics.type_varchar() }}) as category,
        cast(success_metric as {{ cs_analytics.type_varchar() }}) as success_metric,

        -- numerics
        cast(attribution_window_days as integer) as attribution_window_days,
        cast(ctas_created as bigint) as ctas_created,
        cast(ctas_closed as bigint) as ctas_closed,
        cast(ctas_closed_valid as bigint) as ctas_closed_valid,
        cast(ctas_closed_success as bigint) as ctas_closed_success,
        cast(
            {{ cs_analytics.to_decimal('ctas_closed_success', 18, 6) }} / nullif(ctas_closed_valid, 0) as decimal(18, 6)
        )
            as success_rate,
        cast(ctas_closed_invalid as bigint) as ctas_closed_invalid,
        cast({{ cs_analytics.to_decimal('ctas_closed_invalid', 18, 6) }} / nullif(ctas_closed, 0) as decimal(18, 6))
            as invalid_rate,
        cast(worked_ctas_measured as bigint) as worked_ctas_measured,
        {{ cs_analytics.to_decimal('avg_usage_before', 18, 6) }} as avg_usage_before,
        {{ cs_analytics.to_decimal('avg_usage_after', 18, 6) }} as avg_usage_after,
        {{ cs_analytics.to_decimal('avg_usage_lift', 18, 6) }} as avg_usage_lift,
        {{ cs_analytics.to_decimal('usage_lift_standard_error', 18, 6) }} as usage_lift_standard_error,
        cast(worked_ctas_compared as bigint) as worked_ctas_compared,
        cast(comparison_ctas_measured as bigint) as comparison_ctas_measured,
        {{ cs_analytics.to_decimal('comparison_usage_lift', 18, 6) }} as comparison_usage_lift,
        {{ cs_analytics.to_decimal('lift_vs_comparison', 18, 6) }} as lift_vs_comparison,
        {{ cs_analytics.to_decimal('lift_vs_comparison_standard_error', 18, 6) }} as lift_vs_comparison_standard_error,
        cast(lift_vs_comparison - 1.96 * lift_vs_comparison_standard_error as decimal(18, 6))
            as lift_vs_comparison_ci_lower,
        cast(lift_vs_comparison + 1.96 * lift_vs_comparison_standard_error as decimal(18, 6))
            as lift_vs_comparison_ci_upper,
        cast(worked_ctas_recovery_judged as bigint) as worked_ctas_recovery_judged,
        cast(worked_ctas_recovered as bigint) as worked_ctas_recovered,
        cast(usage_recovery_rate as decimal(18, 6)) as usage_recovery_rate,
        cast(comparison_ctas_recovery_judged as bigint) as comparison_ctas_recovery_judged,
        cast(comparison_ctas_recovered as bigint) as comparison_ctas_recovered,
        cast(comparison_recovery_rate as decimal(18, 6)) as comparison_recovery_rate,
        cast(usage_recovery_rate - comparison_recovery_rate as decimal(18, 6)) as recovery_rate_difference,
        cast(
            recovery_difference_centre - {{ cs_analytics.otm_z_95() }} * recovery_difference_standard_error
            as decimal(18, 6)
        ) as recovery_rate_difference_ci_lower,
        cast(
            recovery_difference_centre + {{ cs_analytics.otm_z_95() }} * recovery_difference_standard_error
            as decimal(18, 6)
        ) as recovery_rate_difference_ci_upper,
        cast(rule_ctas_condition_judged as bigint) as rule_ctas_condition_judged,
        cast(false_alert_ctas as bigint) as false_alert_ctas,
        cast(
            {{ cs_analytics.to_decimal('false_alert_ctas', 18, 6) }} / nullif(rule_ctas_condition_judged, 0)
            as decimal(18, 6)
        ) as false_alert_rate,

        -- booleans
        cast(is_default_attribution_window as boolean) as is_default_attribution_window,
        cast(
            case
                when lift_vs_comparison_standard_error is not null
                    then abs(lift_vs_comparison) > 1.96 * lift_vs_comparison_standard_error
            end as boolean
        ) as is_lift_significant,
        cast(
            case
                when recovery_difference_standard_error is not null
                    then
                        abs(recovery_difference_centre)
                        > {{ cs_analytics.otm_z_95() }} * recovery_difference_standard_error
            end as boolean
        ) as is_recovery_difference_significant,

        -- dates
        cast(first_cta_date as date) as first_cta_date,
        cast(last_cta_date as date) as last_cta_date

    from with_recovery

)

select * from final
