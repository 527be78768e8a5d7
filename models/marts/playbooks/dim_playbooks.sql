{#-
    One row per playbook: what it is for, its attribution window, and its
    record over the whole history: volumes, success and invalid rates, the
    honest usage lift (worked CTAs against the comparison CTAs with the same
    reasons, weighted by the playbook's worked CTAs per reason; standard
    error sqrt(var_worked / n_worked + sum_r w_r^2 var_comparison_r /
    n_comparison_r)), the recovery rate from a low state against the
    comparison's (plus-two interval), and the false-alert rate of rule-fired
    low-usage CTAs. Sums come from int_ctas_aggregated_to_playbook_reason_months.
-#}

{#- the recovery interval is computed in double precision on every engine (Spark would otherwise
    divide decimals at a truncated scale and move the sixth decimal) -#}
{%- set recovery_args = [
    'cast(worked_ctas_recovered as ' ~ cs_analytics.type_double() ~ ')',
    'cast(worked_ctas_recovery_judged as ' ~ cs_analytics.type_double() ~ ')',
    'cast(comparison_ctas_recovered as ' ~ cs_analytics.type_double() ~ ')',
    'cast(comparison_ctas_recovery_judged as ' ~ cs_analytics.type_double() ~ ')',
] -%}
{#- the usage lift interval has always used z = 1.96 (the recovery interval uses z_95()) -#}
{%- set lift_z = '1.96' -%}
{%- set compared = 'worked_ctas > 0 and comparison_lift is not null' -%}

with ctas as (

    select * from {{ ref('int_ctas_enriched') }}

),

usage as (

    select * from {{ ref('int_ctas_joined_to_usage') }}

),

playbook_list as (

    select * from {{ ref('int_playbooks_listed') }}

),

reason_months as (

    select * from {{ ref('int_ctas_aggregated_to_playbook_reason_months') }}

),

comparison_by_reason as (

    {#- a reason's comparison group over the whole history #}
    select
        reason,
        sum(comparison_ctas_measured) as comparison_ctas,
        sum(comparison_usage_lift_sum) / nullif(sum(comparison_ctas_measured), 0) as comparison_lift,
        {{ cs_analytics.sample_variance(
            'sum(comparison_ctas_measured)', 'sum(comparison_usage_lift_sum)',
            'sum(comparison_usage_lift_sum_of_squares)') }} as comparison_lift_variance,
        sum(comparison_ctas_recovery_judged) as comparison_judged,
        sum(comparison_ctas_recovered) as comparison_recovered
    from reason_months
    group by reason

),

worked_by_reason as (

    {#- a lift needs two comparison CTAs at least (a variance) #}
    select
        reason_months.playbook_id,
        reason_months.reason,
        sum(reason_months.worked_ctas_measured) as worked_ctas,
        sum(reason_months.worked_usage_before_sum) as usage_before_sum,
        sum(reason_months.worked_usage_after_sum) as usage_after_sum,
        sum(reason_months.worked_usage_lift_sum) as usage_lift_sum,
        sum(reason_months.worked_usage_lift_sum_of_squares) as usage_lift_sum_of_squares,
        sum(reason_months.worked_ctas_recovery_judged) as worked_judged,
        sum(reason_months.worked_ctas_recovered) as worked_recovered,
        max(comparison_by_reason.comparison_ctas) as comparison_ctas,
        max(case when comparison_by_reason.comparison_ctas >= 2 then comparison_by_reason.comparison_lift end)
            as comparison_lift,
        max(comparison_by_reason.comparison_lift_variance) as comparison_lift_variance,
        max(comparison_by_reason.comparison_judged) as comparison_judged,
        max(comparison_by_reason.comparison_recovered) as comparison_recovered
    from reason_months
    left join comparison_by_reason
        on reason_months.reason = comparison_by_reason.reason
    where reason_months.playbook_id is not null
    group by reason_months.playbook_id, reason_months.reason

),

worked_stats as (

    select
        playbook_id,
        sum(worked_ctas) as worked_ctas_measured,
        sum(usage_before_sum) / nullif(sum(worked_ctas), 0) as avg_usage_before,
        sum(usage_after_sum) / nullif(sum(worked_ctas), 0) as avg_usage_after,
        sum(usage_lift_sum) / nullif(sum(worked_ctas), 0) as avg_usage_lift,
        {{ cs_analytics.sample_variance('sum(worked_ctas)', 'sum(usage_lift_sum)', 'sum(usage_lift_sum_of_squares)') }}
            as usage_lift_variance,
        sum(case when {{ compared }} then worked_ctas else 0 end) as worked_ctas_compared,
        sum(case when {{ compared }} then usage_lift_sum end)
        / nullif(sum(case when {{ compared }} then worked_ctas else 0 end), 0) as compared_usage_lift,
        {{ cs_analytics.sample_variance(
            'sum(case when ' ~ compared ~ ' then worked_ctas else 0 end)',
            'sum(case when ' ~ compared ~ ' then usage_lift_sum end)',
            'sum(case when ' ~ compared ~ ' then usage_lift_sum_of_squares end)') }} as compared_usage_lift_variance,
        sum(case when {{ compared }} then comparison_ctas end) as comparison_ctas_measured,
        sum(case when {{ compared }} then worked_ctas * comparison_lift end)
        / sum(case when {{ compared }} then worked_ctas end) as comparison_usage_lift,
        sum(case when {{ compared }} then worked_ctas * worked_ctas * comparison_lift_variance / comparison_ctas end)
        / (
            sum(case when {{ compared }} then worked_ctas end)
            * sum(case when {{ compared }} then worked_ctas end)
        ) as comparison_lift_sampling_variance,
        sum(case when worked_judged > 0 then worked_judged end) as worked_ctas_recovery_judged,
        sum(case when worked_judged > 0 then worked_recovered end) as worked_ctas_recovered,
        sum(case when worked_judged > 0 then coalesce(comparison_judged, 0) end) as comparison_ctas_recovery_judged,
        sum(case when worked_judged > 0 then coalesce(comparison_recovered, 0) end) as comparison_ctas_recovered
    from worked_by_reason
    group by playbook_id

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

joined as (

    select
        playbook_list.playbook_id,
        playbook_list.playbook_name,
        playbook_list.category,
        playbook_list.success_metric,
        playbook_list.attribution_window_days,
        playbook_list.is_default_attribution_window,
        coalesce(cta_stats.ctas_created, 0) as ctas_created,
        coalesce(cta_stats.ctas_closed, 0) as ctas_closed,
        coalesce(cta_stats.ctas_closed_success, 0) as ctas_closed_success,
        coalesce(cta_stats.ctas_closed_invalid, 0) as ctas_closed_invalid,
        coalesce(cta_stats.ctas_closed, 0) - coalesce(cta_stats.ctas_closed_invalid, 0) as ctas_closed_valid,
        coalesce(worked_stats.worked_ctas_measured, 0) as worked_ctas_measured,
        worked_stats.avg_usage_before,
        worked_stats.avg_usage_after,
        worked_stats.avg_usage_lift,
        {{ cs_analytics.standard_error_of_mean(
            'worked_stats.usage_lift_variance', 'worked_stats.worked_ctas_measured') }}
            as usage_lift_standard_error,
        coalesce(worked_stats.worked_ctas_compared, 0) as worked_ctas_compared,
        coalesce(worked_stats.comparison_ctas_measured, 0) as comparison_ctas_measured,
        worked_stats.comparison_usage_lift,
        worked_stats.compared_usage_lift - worked_stats.comparison_usage_lift as lift_vs_comparison,
        {#- the comparison side is already a sampling variance (divided by its n): n = 1 #}
        {{ cs_analytics.welch_standard_error(
            'worked_stats.compared_usage_lift_variance', 'worked_stats.worked_ctas_compared',
            'worked_stats.comparison_lift_sampling_variance', '1') }} as lift_vs_comparison_standard_error,
        coalesce(worked_stats.worked_ctas_recovery_judged, 0) as worked_ctas_recovery_judged,
        coalesce(worked_stats.worked_ctas_recovered, 0) as worked_ctas_recovered,
        coalesce(worked_stats.comparison_ctas_recovery_judged, 0) as comparison_ctas_recovery_judged,
        coalesce(worked_stats.comparison_ctas_recovered, 0) as comparison_ctas_recovered,
        coalesce(alert_quality.rule_ctas_condition_judged, 0) as rule_ctas_condition_judged,
        coalesce(alert_quality.false_alert_ctas, 0) as false_alert_ctas,
        cta_stats.first_cta_date,
        cta_stats.last_cta_date
    from playbook_list
    left join cta_stats
        on playbook_list.playbook_id = cta_stats.playbook_id
    left join worked_stats
        on playbook_list.playbook_id = worked_stats.playbook_id
    left join alert_quality
        on playbook_list.playbook_id = alert_quality.playbook_id

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
                then {{ cs_analytics.plus_two_difference(*recovery_args) }}
        end as recovery_difference_centre,
        case
            when worked_ctas_recovery_judged > 0 and comparison_ctas_recovery_judged > 0
                then {{ cs_analytics.plus_two_standard_error(*recovery_args) }}
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
        {{ cs_analytics.rate('ctas_closed_success', 'ctas_closed_valid') }} as success_rate,
        cast(ctas_closed_invalid as bigint) as ctas_closed_invalid,
        {{ cs_analytics.rate('ctas_closed_invalid', 'ctas_closed') }} as invalid_rate,
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
        cast(
            {{ cs_analytics.interval_lower('lift_vs_comparison', 'lift_vs_comparison_standard_error', lift_z) }}
            as decimal(18, 6)
        ) as lift_vs_comparison_ci_lower,
        cast(
            {{ cs_analytics.interval_upper('lift_vs_comparison', 'lift_vs_comparison_standard_error', lift_z) }}
            as decimal(18, 6)
        ) as lift_vs_comparison_ci_upper,
        cast(worked_ctas_recovery_judged as bigint) as worked_ctas_recovery_judged,
        cast(worked_ctas_recovered as bigint) as worked_ctas_recovered,
        cast(usage_recovery_rate as decimal(18, 6)) as usage_recovery_rate,
        cast(comparison_ctas_recovery_judged as bigint) as comparison_ctas_recovery_judged,
        cast(comparison_ctas_recovered as bigint) as comparison_ctas_recovered,
        cast(comparison_recovery_rate as decimal(18, 6)) as comparison_recovery_rate,
        cast(usage_recovery_rate - comparison_recovery_rate as decimal(18, 6)) as recovery_rate_difference,
        cast(
            {{ cs_analytics.interval_lower('recovery_difference_centre', 'recovery_difference_standard_error') }}
            as decimal(18, 6)
        ) as recovery_rate_difference_ci_lower,
        cast(
            {{ cs_analytics.interval_upper('recovery_difference_centre', 'recovery_difference_standard_error') }}
            as decimal(18, 6)
        ) as recovery_rate_difference_ci_upper,
        cast(rule_ctas_condition_judged as bigint) as rule_ctas_condition_judged,
        cast(false_alert_ctas as bigint) as false_alert_ctas,
        {{ cs_analytics.rate('false_alert_ctas', 'rule_ctas_condition_judged') }} as false_alert_rate,

        -- booleans
        cast(is_default_attribution_window as boolean) as is_default_attribution_window,
        cast(
            {{ cs_analytics.is_significant('lift_vs_comparison', 'lift_vs_comparison_standard_error', lift_z) }}
            as boolean
        ) as is_lift_significant,
        cast(
            {{ cs_analytics.is_significant('recovery_difference_centre', 'recovery_difference_standard_error') }}
            as boolean
        ) as is_recovery_difference_significant,

        -- dates
        cast(first_cta_date as date) as first_cta_date,
        cast(last_cta_date as date) as last_cta_date

    from with_recovery

)

select * from final
