{#-
    Opportunities a customer's advocates influenced: one row per advocate
    account and opportunity. An opportunity is influenced by an account when
    one of its contacts' advocacy events names it (`influenced_opportunity_id`,
    e.g. a reference call for a prospect) or when it was referred by one of
    the account's contacts (`referring_contact_id`). The advocate account is
    the contact's account in the CRM, which for a champion who has since
    moved is the company they moved from; such a deal is also a champion-move
    opportunity (`int_champion_move_opportunities`).

    Credit in time: an advocacy event influences an opportunity only when it
    happened on or before the day the opportunity closed (any day while it is
    still open); an event after the close, or with no date, credits nothing.
    A referral is dated on the day the opportunity was created.

    Credit once: an opportunity influenced by several advocate accounts keeps
    a row for each, and exactly one of them is its primary advocate
    (`is_primary_advocate`): the account that touched it first (earliest
    qualifying event or referral), ties to the lowest account id. Rolled-up
    counts and won ARR (`fct_advocacy_monthly`) count primary rows only, so
    company totals equal the distinct opportunities.
-#}

with advocacy_events as (

    select * from {{ ref('stg_crm__advocacy_events') }}

),

opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

links as (

    select
        advocacy_events.account_id as advocate_account_id,
        advocacy_events.influenced_opportunity_id as opportunity_id,
        advocacy_events.occurred_at as touched_at,
        1 as is_from_advocacy_event,
        0 as is_from_referral
    from advocacy_events
    inner join opportunities
        on advocacy_events.influenced_opportunity_id = opportunities.opportunity_id
    where
        advocacy_events.account_id is not null
        and advocacy_events.occurred_at is not null
        and (
            opportunities.closed_at is null
            or cast(advocacy_events.occurred_at as date) <= cast(opportunities.closed_at as date)
        )

    union all

    select
        contacts.account_id as advocate_account_id,
        opportunities.opportunity_id,
        opportunities.created_at as touched_at,
        0 as is_from_advocacy_event,
        1 as is_from_referral
    from opportunities
    inner join contacts
        on opportunities.referring_contact_id = contacts.contact_id
    where contacts.account_id is not null

),

deduplicated as (

    select
        advocate_account_id,
        opportunity_id,
        min(touched_at) as first_touched_at,
        max(is_from_advocacy_event) as is_from_advocacy_event,
        max(is_from_referral) as is_from_referral
    from links
    group by advocate_account_id, opportunity_id

),

ranked as (

    select
        *,
        row_number() over (
            partition by opportunity_id
            order by
                case when first_touched_at is null then 1 else 0 end,
                first_touched_at,
                advocate_account_id
        ) as advocate_rank
    from deduplicated

),

final as (

    select
        -- ids
        ranked.advocate_account_id,
        ranked.opportunity_id,
        opportunities.account_id as opportunity_account_id,

        -- strings
        opportunities.opportunity_type,

        -- numerics
        opportunities.amount_arr,

        -- booleans
        ranked.is_from_advocacy_event = 1 as is_from_advocacy_event,
        ranked.is_from_referral = 1 as is_from_referral,
        ranked.advocate_rank = 1 as is_primary_advocate,
        coalesce(opportunities.is_won, false) as is_won,

        -- timestamps
        ranked.first_touched_at,
        opportunities.created_at,
        opportunities.closed_at

    from ranked
    inner join opportunities
        on ranked.opportunity_id = opportunities.opportunity_id

)

select * from final
