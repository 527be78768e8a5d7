{#-
    The targets each coverage model (tier) x segment is measured against,
    resolved once: a `tier_targets` row for the segment wins, and each
    target it leaves empty falls back to the tier's `segment = all` row.
    One row per tier in `tier_targets` and segment (every segment in
    `tier_targets` or on an account, `unknown` always, `all` included). The
    CSM scorecard reads its book's tier and segment, the 1:many scorecard
    the tier's `all` row.
-#}

with tier_targets as (

    select * from {{ cs_analytics.reference_table('tier_targets') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

segments as (

    select segment from tier_targets
    union
    select coalesce(segment, 'unknown') as segment from accounts
    union
    select cast('unknown' as {{ dbt.type_string() }}) as segment

),

tiers as (

    select distinct coverage_model from tier_targets

),

final as (

    select
        -- strings
        tiers.coverage_model,
        segments.segment,
        coalesce(segment_targets.segment, tier_targets.segment) as target_segment,

        -- numerics
        coalesce(segment_targets.target_grr, tier_targets.target_grr) as target_grr,
        coalesce(segment_targets.target_nrr, tier_targets.target_nrr) as target_nrr,
        coalesce(segment_targets.target_logo_retention, tier_targets.target_logo_retention) as target_logo_retention,
        coalesce(segment_targets.target_nps, tier_targets.target_nps) as target_nps,
        coalesce(
            segment_targets.target_touches_per_account_month, tier_targets.target_touches_per_account_month
        ) as target_touches_per_account_month,
        coalesce(segment_targets.target_response_hours, tier_targets.target_response_hours) as target_response_hours,
        coalesce(
            segment_targets.target_portfolio_accounts, tier_targets.target_portfolio_accounts
        ) as target_portfolio_accounts,
        coalesce(
            segment_targets.target_roi_reviews_per_account_year, tier_targets.target_roi_reviews_per_account_year
        ) as target_roi_reviews_per_account_year,
        coalesce(
            segment_targets.target_exec_attended_review_share, tier_targets.target_exec_attended_review_share
        ) as target_exec_attended_review_share

    from tiers
    cross join segments
    left join tier_targets as segment_targets
        on
            tiers.coverage_model = segment_targets.coverage_model
            and segments.segment = segment_targets.segment
    left join tier_targets
        on
            tiers.coverage_model = tier_targets.coverage_model
            and tier_targets.segment = 'all'

)

select * from final
