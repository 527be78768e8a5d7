{#-
    Question (CS leaders): which metrics should we hold CSMs to?

    A metric is worth holding a CSM to when it is
      1. controllable or a normalised outcome (the overview's leading /
         activity / quality kinds, or GRR measured against the GRR expected
         for the book's risk mix; raw lagging outcomes mostly reflect the book
         a CSM was handed, and NPS is shared with product and support),
      2. predictive, in the right direction: it moves with the GRR of the
         same book over the next three months (Pearson correlation over
         book-months, signed so that positive = better metric, better GRR;
         lower response hours are better),
      3. about the person, not noise: a meaningful share of its variance lies
         between CSMs rather than month to month (between_csm_share), and it
         persists from one month to the next (month_to_month_corr).

    Reads fct_csm_monthly only (named CSMs, owner_role = 'csm'; the pooled
    one-to-many book is measured in fct_one_to_many_monthly). One row per
    candidate metric with its kind, evidence and a recommendation. Thresholds
    are judgement calls, set below; read the evidence columns, not just the
    verdict. The correlation is association, not proof: a CSM who logs more
    touchpoints may also hold healthier accounts, and a negative link often
    means reactive work (CSMs touch the accounts already at risk).

    Run: dbt compile --select csm_metrics_to_hold, then run the compiled SQL
    in target/compiled/cs_analytics/analyses/ against the warehouse.
-#}

{%- set min_correlation = 0.10 %}
{%- set min_between_share = 0.20 %}
{%- set min_book_months = 12 %}
{%- set lower_is_better = ['median_response_hours'] %}
{%- set candidates = [
    'grr_vs_expected',
    'grr',
    'nrr',
    'logo_retention',
    'avg_health_score',
    'pct_accounts_healthy',
    'adoption_milestones_on_time_rate',
    'median_response_hours',
    'touchpoints_per_account',
    'accounts_touched_rate',
    'lifecycle_compliance_rate',
    'cta_success_rate',
    'cta_on_time_rate',
    'post_ebr_avg_score',
    'portfolio_nps',
    'advocates_rate',
] %}
{%- set kinds = {
    'grr_vs_expected': 'lagging (normalised)',
    'grr': 'lagging',
    'nrr': 'lagging',
    'logo_retention': 'lagging',
    'avg_health_score': 'leading',
    'pct_accounts_healthy': 'leading',
    'adoption_milestones_on_time_rate': 'leading',
    'median_response_hours': 'leading',
    'touchpoints_per_account': 'activity',
    'accounts_touched_rate': 'activity',
    'lifecycle_compliance_rate': 'activity',
    'cta_success_rate': 'quality',
    'cta_on_time_rate': 'quality',
    'post_ebr_avg_score': 'quality',
    'portfolio_nps': 'context',
    'advocates_rate': 'context',
} %}

with csm_monthly as (

    select * from {{ ref('fct_csm_monthly') }}

),

book_months as (

    select
        *,
        {{ dbt.dateadd('month', 1, 'month_start') }} as next_month_start,
        {{ dbt.dateadd('month', 3, 'month_start') }} as forward_window_end
    from csm_monthly
    where owner_role = 'csm' and starting_arr > 0

),

-- the same user's GRR over the next_book three months (numerator and denominator summed)
forward_grr as (

    select
        book_months.user_id,
        book_months.month_start,
        sum(later.gross_retained_arr) / nullif(sum(later.starting_arr), 0) as next_3_months_grr
    from book_months
    inner join csm_monthly as later
        on
            book_months.user_id = later.user_id
            and book_months.month_start < later.month_start
            and book_months.forward_window_end >= later.month_start
    group by book_months.user_id, book_months.month_start

),

-- each book-month beside the same user's next month
scored as (

    select
        book_months.*,
        {%- for metric in candidates %}
            next_book.{{ metric }} as next_{{ metric }},
        {%- endfor %}
        forward_grr.next_3_months_grr
    from book_months
    left join forward_grr
        on
            book_months.user_id = forward_grr.user_id
            and book_months.month_start = forward_grr.month_start
    left join book_months as next_book
        on
            book_months.user_id = next_book.user_id
            and book_months.next_month_start = next_book.month_start

),

candidate_values as (
    {%- for metric in candidates %}

        select
            '{{ metric }}' as metric_name,
            '{{ kinds[metric] }}' as metric_kind,
            user_id,
            month_start,
            {{ -1 if metric in lower_is_better else 1 }} as better_direction,
            1.0 * {{ metric }} as metric_value,
            next_3_months_grr,
            1.0 * next_{{ metric }} as next_month_value
        from scored
        where {{ metric }} is not null
        {%- if not loop.last %}

            union all
        {%- endif %}
    {%- endfor %}

),

per_user as (

    select
        metric_name,
        user_id,
        avg(metric_value) as user_mean
    from candidate_values
    group by metric_name, user_id

),

between_users as (

    select
        metric_name,
        var_pop(user_mean) as between_csm_variance
    from per_user
    group by metric_name

),

evidence as (

    select
        metric_name,
        metric_kind,
        count(*) as book_months,
        count(distinct user_id) as csms,
        avg(metric_value) as mean_value,
        -- a correlation needs variation on both sides (else it is undefined)
        case
            when var_pop(metric_value) > 0 and var_pop(next_3_months_grr) > 0
                then max(better_direction) * corr(metric_value, next_3_months_grr)
        end as signed_corr_with_next_3_months_grr,
        case
            when var_pop(metric_value) > 0 and var_pop(next_month_value) > 0
                then corr(metric_value, next_month_value)
        end as month_to_month_corr,
        var_pop(metric_value) as total_variance
    from candidate_values
    group by metric_name, metric_kind

),

final as (

    select
        evidence.metric_name,
        evidence.metric_kind,
        evidence.book_months,
        evidence.csms,
        evidence.mean_value,
        evidence.signed_corr_with_next_3_months_grr,
        evidence.month_to_month_corr,
        between_users.between_csm_variance / nullif(evidence.total_variance, 0) as between_csm_share,
        case
            when evidence.metric_kind = 'context'
                then 'track, do not target: shared with other teams or outside the CSM''s control'
            when evidence.metric_kind = 'lagging'
                then 'report, do not rank: reflects the book handed over; use grr_vs_expected'
            when evidence.metric_kind = 'lagging (normalised)'
                then 'hold: the outcome, adjusted for the book''s risk mix'
            when evidence.book_months < {{ min_book_months }} or evidence.signed_corr_with_next_3_months_grr is null
                then 'not enough data to judge'
            when evidence.signed_corr_with_next_3_months_grr <= -{{ min_correlation }}
                then 'investigate: moves against later retention (often reactive work on accounts at risk)'
            when
                evidence.signed_corr_with_next_3_months_grr >= {{ min_correlation }}
                and between_users.between_csm_variance / nullif(evidence.total_variance, 0) >= {{ min_between_share }}
                then 'hold: controllable, moves with later retention and differs between CSMs'
            when evidence.signed_corr_with_next_3_months_grr >= {{ min_correlation }}
                then 'coach: moves with later retention, but varies more month to month than between CSMs'
            else 'monitor: no measurable link to later retention in this data'
        end as recommendation
    from evidence
    left join between_users
        on evidence.metric_name = between_users.metric_name

)

select * from final
order by metric_kind asc, signed_corr_with_next_3_months_grr desc
