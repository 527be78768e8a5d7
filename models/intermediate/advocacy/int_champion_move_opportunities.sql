{#-
    Pipeline and revenue that followed a champion to a new company: one row
    per account the contact moved from and opportunity at the new company.

    An opportunity follows a move (`contact_job_changes`) when it was created
    on or after the move was detected and either
    - it names the moved contact as its referrer (`referring_contact_id`),
      at the new company or, when the new company was not tracked at the
      time of the move, at any account (`match_type = 'referred'`); or
    - it is a new-logo or expansion opportunity at the new company
      (`to_account_id`) created within `champion_move_window_days` (default
      365) of the move (`match_type = 'window'`); renewals are not counted.
    A deal matched both ways is `referred`. An opportunity that follows two
    moves from the same account counts once for that account.

    Credit once: a deal that followed champions from several accounts keeps a
    row for each, and exactly one is its primary source
    (`is_primary_source`): a referral beats a window match, then the
    earliest move, then the lowest account id. Rolled-up counts and won ARR
    (`fct_advocacy_monthly`) count primary rows only, so company totals equal
    the distinct opportunities.
-#}

{%- set window_days = var('champion_move_window_days', 365) %}

with job_changes as (

    select * from {{ ref('stg_crm__contact_job_changes') }}

),

opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

),

matches as (

    select
        job_changes.from_account_id,
        job_changes.contact_id,
        opportunities.opportunity_id,
        job_changes.detected_at,
        case when opportunities.referring_contact_id = job_changes.contact_id then 1 else 0 end as is_referred
    from job_changes
    inner join opportunities
        on
            job_changes.detected_at <= opportunities.created_at
            and (
                (
                    job_changes.contact_id = opportunities.referring_contact_id
                    and (
                        job_changes.to_account_id is null
                        or job_changes.to_account_id = opportunities.account_id
                    )
                )
                or (
                    job_changes.to_account_id = opportunities.account_id
                    and opportunities.opportunity_type in ('new_logo', 'expansion')
                    and {{ dbt.dateadd('day', window_days, 'job_changes.detected_at') }} > opportunities.created_at
                )
            )
    where
        job_changes.from_account_id is not null
        and job_changes.detected_at is not null

),

deduplicated as (

    select
        from_account_id,
        opportunity_id,
        max(is_referred) as is_referred,
        min(detected_at) as first_detected_at,
        coalesce(min(case when is_referred = 1 then contact_id end), min(contact_id)) as contact_id
    from matches
    group by from_account_id, opportunity_id

),

ranked as (

    select
        *,
        row_number() over (
            partition by opportunity_id
            order by is_referred desc, first_detected_at asc, from_account_id asc
        ) as source_rank
    from deduplicated

),

final as (

    select
        -- ids
        ranked.from_account_id,
        ranked.opportunity_id,
        ranked.contact_id,
        opportunities.account_id as opportunity_account_id,

        -- strings
        case when ranked.is_referred = 1 then 'referred' else 'window' end as match_type,
        opportunities.opportunity_type,

        -- numerics
        opportunities.amount_arr,

        -- booleans
        ranked.source_rank = 1 as is_primary_source,
        coalesce(opportunities.is_won, false) as is_won,

        -- timestamps
        opportunities.created_at,
        opportunities.closed_at

    from ranked
    inner join opportunities
        on ranked.opportunity_id = opportunities.opportunity_id

)

select * from final
