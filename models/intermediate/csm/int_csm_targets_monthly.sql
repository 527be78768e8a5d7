{#-
    The targets each CS user is measured against per month: those of the
    tier (coverage model) most of their paying book is in on the 1st and,
    within it, the book's main segment (most accounts, then most MRR, then
    alphabetical), from int_tier_targets_by_segment (the segment's own
    `tier_targets` row, else the tier's `all` row). One row per user and
    month with a paying book.
-#}

with book as (

    select * from {{ ref('int_csm_book_accounts_monthly') }}

),

tier_targets as (

    select * from {{ ref('int_tier_targets_by_segment') }}

),

book_mix as (

    select
        csm_user_id,
        month_start,
        coverage_model,
        segment,
        count(*) as accounts,
        sum(mrr) as mrr
    from book
    where is_paying
    group by csm_user_id, month_start, coverage_model, segment

),

coverage_mix as (

    select
        csm_user_id,
        month_start,
        coverage_model,
        row_number() over (
            partition by csm_user_id, month_start
            order by sum(accounts) desc, sum(mrr) desc, coverage_model asc
        ) as coverage_rank
    from book_mix
    group by csm_user_id, month_start, coverage_model

),

segment_mix as (

    select
        csm_user_id,
        month_start,
        coverage_model,
        segment,
        row_number() over (
            partition by csm_user_id, month_start, coverage_model
            order by accounts desc, mrr desc, segment asc
        ) as segment_rank
    from book_mix

),

final as (

    select
        -- ids
        coverage_mix.csm_user_id,

        -- dates
        coverage_mix.month_start,

        -- strings
        coverage_mix.coverage_model as target_coverage_model,
        tier_targets.target_segment,

        -- numerics
        tier_targets.target_grr,
        tier_targets.target_nrr,
        tier_targets.target_logo_retention,
        tier_targets.target_nps,
        tier_targets.target_touches_per_account_month,
        tier_targets.target_response_hours,
        tier_targets.target_portfolio_accounts,
        tier_targets.target_roi_reviews_per_account_year,
        tier_targets.target_exec_attended_review_share

    from coverage_mix
    inner join segment_mix
        on
            coverage_mix.csm_user_id = segment_mix.csm_user_id
            and coverage_mix.month_start = segment_mix.month_start
            and coverage_mix.coverage_model = segment_mix.coverage_model
            and segment_mix.segment_rank = 1
    left join tier_targets
        on
            coverage_mix.coverage_model = tier_targets.coverage_model
            and segment_mix.segment = tier_targets.segment
    where coverage_mix.coverage_rank = 1

)

select * from final
