{#-
    One row per playbook and month its CTAs were opened (the trigger
    month): volumes and the effects judged on the CTAs opened that month.
    Milestones count worked CTAs; the opportunity funnel and the next
    renewal count every CTA not closed as invalid; post-EBR scores are
    weighted by responses.
-#}

with ctas as (

    select * from {{ ref('int_ctas_enriched') }}

),

outcomes as (

    select * from {{ ref('int_ctas_joined_to_outcomes') }}

),

cta_facts as (

    select
        ctas.*,
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
    left join outcomes
        on ctas.cta_id = outcomes.cta_id
    where ctas.playbook_id is not null

),

final as (

    select
        playbook_id,
        created_month as month_start,
        count(*) as ctas_created,
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

)

select * from final
