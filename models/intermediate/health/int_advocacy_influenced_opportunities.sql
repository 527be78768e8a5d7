{#-
    Opportunities a customer's advocates influenced: one row per advocate
    account and opportunity. An opportunity is influenced by an account when
    one of its contacts' advocacy events names it (`influenced_opportunity_id`,
    e.g. a reference call for a prospect) or when it was referred by one of
    the account's contacts (`referring_contact_id`). The advocate account is
    the contact's account in the CRM, which for a champion who has since
    moved is the company they moved from; such a deal is also a champion-move
    opportunity (`int_champion_move_opportunities`).
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
        account_id as advocate_account_id,
        influenced_opportunity_id as opportunity_id,
        1 as is_from_advocacy_event,
        0 as is_from_referral
    from advocacy_events
    where
        influenced_opportunity_id is not null
        and account_id is not null

    union all

    select
        contacts.account_id as advocate_account_id,
        opportunities.opportunity_id,
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
        max(is_from_advocacy_event) as is_from_advocacy_event,
        max(is_from_referral) as is_from_referral
    from links
    group by advocate_account_id, opportunity_id

),

final as (

    select
        -- ids
        deduplicated.advocate_account_id,
        deduplicated.opportunity_id,
        opportunities.account_id as opportunity_account_id,

        -- strings
        opportunities.opportunity_type,

        -- numerics
        opportunities.amount_arr,

        -- booleans
        deduplicated.is_from_advocacy_event = 1 as is_from_advocacy_event,
        deduplicated.is_from_referral = 1 as is_from_referral,
        coalesce(opportunities.is_won, false) as is_won,

        -- timestamps
        opportunities.created_at,
        opportunities.closed_at

    from deduplicated
    inner join opportunities
        on deduplicated.opportunity_id = opportunities.opportunity_id

)

select * from final
