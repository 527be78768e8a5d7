{#-
    One row per playbook and month in which its CTAs were closed: how they
    closed (success, lost, invalid, auto-resolved), on time against their due
    date, the median days to close, and the most frequent reason CTAs were
    closed as not valid and closed lost (ties go to the alphabetically first
    reason; a CTA without a reason counts as '(no reason given)', which
    int_ctas_enriched already gives a lost CTA without one).
-#}

with ctas as (

    select * from {{ ref('int_ctas_enriched') }}

),

closed as (

    select * from ctas
    where playbook_id is not null and is_closed

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
    from closed
    group by playbook_id, closed_month

),

invalid_reasons as (

    select
        playbook_id,
        closed_month as month_start,
        coalesce(not_valid_reason, '(no reason given)') as not_valid_reason,
        count(*) as ctas
    from closed
    where is_invalid
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

lost_reasons as (

    select
        playbook_id,
        closed_month as month_start,
        coalesce(lost_reason, '(no reason given)') as lost_reason,
        count(*) as ctas
    from closed
    where outcome = 'lost'
    group by playbook_id, closed_month, coalesce(lost_reason, '(no reason given)')

),

top_lost_reason as (

    select
        playbook_id,
        month_start,
        lost_reason,
        ctas,
        row_number() over (
            partition by playbook_id, month_start
            order by ctas desc, lost_reason asc
        ) as reason_rank
    from lost_reasons

),

final as (

    select
        closed_stats.*,
        top_invalid_reason.not_valid_reason as top_invalid_reason,
        coalesce(top_invalid_reason.ctas, 0) as top_invalid_reason_ctas,
        top_lost_reason.lost_reason as top_lost_reason,
        coalesce(top_lost_reason.ctas, 0) as top_lost_reason_ctas
    from closed_stats
    left join top_invalid_reason
        on
            closed_stats.playbook_id = top_invalid_reason.playbook_id
            and closed_stats.month_start = top_invalid_reason.month_start
            and top_invalid_reason.reason_rank = 1
    left join top_lost_reason
        on
            closed_stats.playbook_id = top_lost_reason.playbook_id
            and closed_stats.month_start = top_lost_reason.month_start
            and top_lost_reason.reason_rank = 1

)

select * from final
