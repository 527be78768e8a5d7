{#-
    Question (CS leaders): which metrics should we hold CSMs to?

    A metric is worth holding a CSM to when it is
      1. controllable or a normalised outcome (the overview's leading /
         activity / quality kinds, or GRR measured against the GRR expected
         for the book's risk mix; raw lagging outcomes mostly reflect the book
         a CSM was handed, and NPS is shared with product and support),
      2. predictive: it moves with the GRR of the same book over the next
         three months (Pearson correlation, book-months with a starting book),
      3. about the person, not noise: a meaningful share of its variance lies
         between CSMs rather than month to month (between_csm_share), and it
         persists from one month to the next (month_to_month_corr).

    Reads fct_csm_monthly only (named CSMs, owner_role = 'csm'; the pooled
    one-to-many book is measured in fct_one_to_many_monthly). One row per
    candidate metric with its kind, evidence and a recommendation. Thresholds
    are judgement calls, set below; read the evidence columns, not just the
    verdict. The correlation is association, not proof: a CSM who logs more
    touchpoints may also hold healthier accounts.

    Run: dbt compile --select csm_metrics_to_hold, then run the compiled SQL
    in target/compiled/cs_analytics/analyses/ against the warehouse.
-#}

{%- set min_correlation = 0.10 %}
{%- set min_between_share = 0.20 %}
{%- set candidates = [
    ('grr_vs_expected', 'lagging (normalised)'),
    ('grr', 'lagging'),
    ('nrr', 'lagging'),
    ('logo_retention', 'lagging'),
    ('avg_health_score', 'leading'),
    ('pct_accounts_healthy', 'leading'),
    ('adoption_milestones_on_time_rate', 'leading'),
    ('median_response_hours', 'leading'),
    ('touchpoints_per_account', 'activity'),
    ('accounts_touched_rate', 'activity'),
    ('lifecycle_compliance_rate', 'activity'),
    ('cta_success_rate', 'quality'),
    ('cta_on_time_rate', 'quality'),
    ('post_ebr_avg_score', 'quality'),
    ('portfolio_nps', 'context'),
    ('advocates_rate', 'context'),
] %}

with csm_monthly as (

    select * from {{ ref('fct_csm_monthly') }}

),

book_months as (

    select *
    from csm_monthly
    where owner_role = 'csm' and starting_arr > 0

),

-- the same user's GRR over the following three months (numerator and denominator summed)
forward_grr as (

    select
        book_months.user_id,
        book_months.month_start,
        sum(later.gross_retained_arr) / nullif(sum(later.starting_arr), 0) as next_3_months_grr
    from book_months
    inner join csm_monthly as later
        on
            book_months.user_id = later.user_id
            and later.month_start > book_months.month_start
            and later.month_start <= {{ dbt.dateadd('month', 3, 'book_months.month_start') }}
    group by book_months.user_id, book_months.month_start

),

-- each book-month beside the same user's next month
scored as (

    select
        book_months.*,
        {% for metric, kind in candidates -%}
        following.{{ metric }} as next_{{ metric }},
        {% endfor -%}
        forward_grr.next_3_months_grr
    from book_months
    left join forward_grr
        on
            book_months.user_id = forward_grr.user_id
            and book_months.month_start = forward_grr.month_start
    left join book_months as following
        on
            book_months.user_id = following.user_id
            and {{ dbt.dateadd('month', 1, 'book_months.month_start') }} = following.month_start

),

candidate_values as (

    {% for metric, kind in candidates -%}
    select
        '{{ metric }}' as metric_name,
        '{{ kind }}' as metric_kind,
        user_id,
        month_start,
        cast({{ metric }} as {{ dbt.type_float() }}) as metric_value,
        cast(next_3_months_grr as {{ dbt.type_float() }}) as next_3_months_grr,
        cast(next_{{ metric }} as {{ dbt.type_float() }}) as next_month_value
    from scored
    where {{ metric }} is not null
    {% if not loop.last -%}
    union all
    {% endif -%}
    {% endfor %}
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
        corr(metric_value, next_3_months_grr) as corr_with_next_3_months_grr,
        corr(metric_value, next_month_value) as month_to_month_corr,
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
        evidence.corr_with_next_3_months_grr,
        evidence.month_to_month_corr,
        between_users.between_csm_variance / nullif(evidence.total_variance, 0) as between_csm_share,
        case
            when evidence.metric_kind = 'context'
                then 'track, do not target: shared with other teams or outside the CSM''s control'
            when evidence.metric_kind = 'lagging'
                then 'report, do not rank: reflects the book handed over; use grr_vs_expected'
            when evidence.metric_kind = 'lagging (normalised)'
                then 'hold: the outcome, adjusted for the book''s risk mix'
            when
                abs(evidence.corr_with_next_3_months_grr) >= {{ min_correlation }}
                and between_users.between_csm_variance / nullif(evidence.total_variance, 0) >= {{ min_between_share }}
                then 'hold: controllable, moves with later retention and differs between CSMs'
            when abs(evidence.corr_with_next_3_months_grr) >= {{ min_correlation }}
                then 'coach: predictive, but mostly month-to-month noise per CSM'
            else 'monitor: no measurable link to later retention in this data'
        end as recommendation
    from evidence
    left join between_users
        on evidence.metric_name = between_users.metric_name

)

select * from final
order by metric_kind, abs(corr_with_next_3_months_grr) desc
