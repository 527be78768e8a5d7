{#-
    The playbook honest-lift inputs, once: one row per playbook x month the
    CTA was opened x CTA reason, for CTAs in an effectiveness group (worked
    or comparison). Counts, sums and sums of squares of usage per seat
    before, after and lift (CTAs whose after window is complete), and the
    recovery counts (CTAs whose usage was low at fire). Comparison CTAs keep
    their own playbook (or none) here; the marts pool them by reason across
    playbooks (`fct_playbook_monthly` by month, `dim_playbooks` over the
    whole history) and take means and variances after adding up
    (macro `sample_variance`).
-#}

with ctas as (

    select * from {{ ref('int_ctas_enriched') }}

),

usage as (

    select * from {{ ref('int_ctas_joined_to_usage') }}

),

judged as (

    select
        ctas.playbook_id,
        ctas.created_month,
        ctas.reason,
        ctas.effectiveness_group = 'worked' as is_worked,
        coalesce(usage.is_after_window_complete and usage.usage_lift is not null, false) as is_usage_measured,
        usage.usage_before,
        usage.usage_after,
        usage.usage_lift,
        usage.did_usage_recover
    from ctas
    inner join usage
        on ctas.cta_id = usage.cta_id
    where ctas.effectiveness_group is not null

),

final as (

    select
        playbook_id,
        created_month as month_start,
        reason,
        sum(case when is_worked and is_usage_measured then 1 else 0 end) as worked_ctas_measured,
        sum(case when is_worked and is_usage_measured then usage_before end) as worked_usage_before_sum,
        sum(case when is_worked and is_usage_measured then usage_after end) as worked_usage_after_sum,
        sum(case when is_worked and is_usage_measured then usage_lift end) as worked_usage_lift_sum,
        sum(case when is_worked and is_usage_measured then usage_lift * usage_lift end)
            as worked_usage_lift_sum_of_squares,
        sum(case when is_worked and did_usage_recover is not null then 1 else 0 end) as worked_ctas_recovery_judged,
        sum(case when is_worked and did_usage_recover then 1 else 0 end) as worked_ctas_recovered,
        sum(case when not is_worked and is_usage_measured then 1 else 0 end) as comparison_ctas_measured,
        sum(case when not is_worked and is_usage_measured then usage_lift end) as comparison_usage_lift_sum,
        sum(case when not is_worked and is_usage_measured then usage_lift * usage_lift end)
            as comparison_usage_lift_sum_of_squares,
        sum(case when not is_worked and did_usage_recover is not null then 1 else 0 end)
            as comparison_ctas_recovery_judged,
        sum(case when not is_worked and did_usage_recover then 1 else 0 end) as comparison_ctas_recovered
    from judged
    group by playbook_id, created_month, reason

)

select * from final
