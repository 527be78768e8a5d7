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
-#}

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

        -- booleans
        cast(is_default_attribution_window as boolean) as is_default_attribution_window,
        cast(
            case
                when lift_vs_comparison_standard_error is not null
                    then abs(lift_vs_comparison) > 1.96 * lift_vs_comparison_standard_error
            end as boolean
        ) as is_lift_significant,

        -- dates
        cast(first_cta_date as date) as first_cta_date,
        cast(last_cta_date as date) as last_cta_date

    from joined

)

select * from final
