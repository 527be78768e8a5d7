{#-
    The health of each CS user's book per month and the GRR that health mix
    predicts. Health: the paying accounts owned on the 1st with a score that
    day, their score sum and how many were green. Expected gross retained
    ARR: each account of the starting book weighted by the team's GRR for
    its segment x health band (band on the 1st, `unscored` when none),
    pooled over the trailing twelve months, so a CSM holding a harder book is
    not judged against an easier one. One row per user and month with
    either.
-#}

with book as (

    select * from {{ ref('int_csm_book_accounts_monthly') }}

),

health as (

    select * from {{ ref('int_account_health_monthly') }}

),

months as (

    select * from {{ ref('int_months') }}

),

-- leading: health of the paying book on the 1st
health_monthly as (

    select
        book.csm_user_id,
        book.month_start,
        count(health.health_score) as scored_accounts,
        sum(cast(health.health_score as {{ cs_analytics.type_double() }})) as health_score_sum,
        sum(case when health.health_band = 'green' then 1 else 0 end) as healthy_accounts
    from book
    inner join health
        on
            book.account_id = health.account_id
            and book.month_start = health.month_start
    where book.is_paying
    group by book.csm_user_id, book.month_start

),

-- normalisation: the team's single-month GRR per segment x health band, pooled over the trailing twelve months
cell_monthly as (

    select
        book.month_start,
        book.segment,
        coalesce(health.health_band, 'unscored') as health_band,
        sum(book.starting_mrr) as starting_mrr,
        sum(book.starting_mrr - book.contraction_mrr - book.churned_mrr) as gross_retained_mrr
    from book
    left join health
        on
            book.account_id = health.account_id
            and book.month_start = health.month_start
    where book.is_in_starting_book
    group by book.month_start, book.segment, coalesce(health.health_band, 'unscored')

),

cell_rates as (

    select
        months.month_start,
        cell_monthly.segment,
        cell_monthly.health_band,
        cast(sum(cell_monthly.gross_retained_mrr) as {{ cs_analytics.type_double() }})
        / sum(cell_monthly.starting_mrr) as cell_grr
    from months
    inner join months as window_months
        on
            months.month_index >= window_months.month_index
            and months.month_index - 12 < window_months.month_index
    inner join cell_monthly
        on window_months.month_start = cell_monthly.month_start
    group by months.month_start, cell_monthly.segment, cell_monthly.health_band
    having sum(cell_monthly.starting_mrr) > 0

),

expected as (

    select
        book.csm_user_id,
        book.month_start,
        12 * sum(
            cast(book.starting_mrr as {{ cs_analytics.type_double() }}) * cell_rates.cell_grr
        ) as expected_gross_retained_arr
    from book
    left join health
        on
            book.account_id = health.account_id
            and book.month_start = health.month_start
    inner join cell_rates
        on
            book.month_start = cell_rates.month_start
            and book.segment = cell_rates.segment
            and coalesce(health.health_band, 'unscored') = cell_rates.health_band
    where book.is_in_starting_book
    group by book.csm_user_id, book.month_start

),

user_months as (

    select
        csm_user_id,
        month_start
    from health_monthly
    union
    select
        csm_user_id,
        month_start
    from expected

),

final as (

    select
        -- ids
        user_months.csm_user_id,

        -- dates
        user_months.month_start,

        -- numerics
        coalesce(health_monthly.scored_accounts, 0) as scored_accounts,
        health_monthly.health_score_sum,
        coalesce(health_monthly.healthy_accounts, 0) as healthy_accounts,
        case
            when health_monthly.scored_accounts > 0
                then health_monthly.health_score_sum / health_monthly.scored_accounts
        end as avg_health_score,
        case
            when health_monthly.scored_accounts > 0
                then 1.0 * health_monthly.healthy_accounts / health_monthly.scored_accounts
        end as pct_accounts_healthy,
        expected.expected_gross_retained_arr

    from user_months
    left join health_monthly
        on
            user_months.csm_user_id = health_monthly.csm_user_id
            and user_months.month_start = health_monthly.month_start
    left join expected
        on
            user_months.csm_user_id = expected.csm_user_id
            and user_months.month_start = expected.month_start

)

select * from final
