{#-
    Customer advocacy per account and month: referenceable contacts,
    advocacy events by type, advocates added (contacts advocating for the
    first time: the flow beside the stock), the opportunities and won ARR advocates
    influenced, and champions who moved to another company with the pipeline
    and revenue that followed them there. Rows: every month the account paid
    (MRR > 0), plus any other month with advocacy activity. Pipeline counts in
    the month an opportunity was created, won ARR in the month it closed won.
    Each opportunity is credited once, to its primary advocate account (the
    first to touch it) or primary champion-move source (a referral first,
    then the earliest move), so sums over accounts equal distinct deals.
    `csm_user_id` (the owner on the 1st) lets BI roll the book up per CSM.
-#}

{%- set event_types = ['reference_call', 'case_study', 'review', 'speaking', 'referral'] %}
{%- set fact_ctes = [
    'events_monthly', 'advocates_added_monthly', 'influenced_created', 'influenced_won', 'moves_monthly', 'move_created', 'move_won'
] %}

with mrr_monthly as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

owners as (

    select * from {{ ref('int_account_owners_monthly') }}

),

referenceable as (

    select * from {{ ref('int_csm_referenceable_accounts_monthly') }}

),

advocacy_events as (

    select * from {{ ref('stg_crm__advocacy_events') }}

),

influenced as (

    select * from {{ ref('int_advocacy_influenced_opportunities') }}

),

job_changes as (

    select * from {{ ref('stg_crm__contact_job_changes') }}

),

move_opportunities as (

    select * from {{ ref('int_champion_move_opportunities') }}

),

advocates_added_monthly as (

    select * from {{ ref('int_advocates_added_monthly') }}

),

months as (

    select * from {{ ref('int_months') }}

),

events_monthly as (

    select
        account_id,
        cast({{ dbt.date_trunc('month', 'occurred_at') }} as date) as month_start,
        {%- for event_type in event_types %}
            sum(case when event_type = '{{ event_type }}' then 1 else 0 end) as {{ event_type }}_events,
        {%- endfor %}
        count(*) - sum(
            case when event_type in ({{ "'" ~ event_types | join("', '") ~ "'" }}) then 1 else 0 end
        ) as other_advocacy_events,
        count(*) as advocacy_events,
        count(distinct contact_id) as advocating_contacts
    from advocacy_events
    where
        account_id is not null
        and occurred_at is not null
    group by account_id, cast({{ dbt.date_trunc('month', 'occurred_at') }} as date)

),

influenced_created as (

    select
        advocate_account_id as account_id,
        cast({{ dbt.date_trunc('month', 'created_at') }} as date) as month_start,
        count(*) as influenced_opportunities
    from influenced
    where
        is_primary_advocate
        and created_at is not null
    group by advocate_account_id, cast({{ dbt.date_trunc('month', 'created_at') }} as date)

),

influenced_won as (

    select
        advocate_account_id as account_id,
        cast({{ dbt.date_trunc('month', 'closed_at') }} as date) as month_start,
        count(*) as influenced_won_opportunities,
        sum(amount_arr) as influenced_won_arr
    from influenced
    where
        is_primary_advocate
        and is_won
        and closed_at is not null
    group by advocate_account_id, cast({{ dbt.date_trunc('month', 'closed_at') }} as date)

),

moves_monthly as (

    select
        from_account_id as account_id,
        cast({{ dbt.date_trunc('month', 'detected_at') }} as date) as month_start,
        count(*) as champion_moves,
        sum(case when to_account_id is not null then 1 else 0 end) as champion_moves_to_tracked_accounts
    from job_changes
    where
        from_account_id is not null
        and detected_at is not null
    group by from_account_id, cast({{ dbt.date_trunc('month', 'detected_at') }} as date)

),

move_created as (

    select
        from_account_id as account_id,
        cast({{ dbt.date_trunc('month', 'created_at') }} as date) as month_start,
        count(*) as champion_move_opportunities
    from move_opportunities
    where is_primary_source
    group by from_account_id, cast({{ dbt.date_trunc('month', 'created_at') }} as date)

),

move_won as (

    select
        from_account_id as account_id,
        cast({{ dbt.date_trunc('month', 'closed_at') }} as date) as month_start,
        count(*) as champion_move_won_opportunities,
        sum(amount_arr) as champion_move_won_arr
    from move_opportunities
    where
        is_primary_source
        and is_won
        and closed_at is not null
    group by from_account_id, cast({{ dbt.date_trunc('month', 'closed_at') }} as date)

),

spine_candidates as (

    select
        account_id,
        month_start
    from mrr_monthly
    where mrr > 0

    {%- for fact in fact_ctes %}

        union all

        select
            account_id,
            month_start
        from {{ fact }}
    {%- endfor %}

),

spine as (

    select distinct
        spine_candidates.account_id,
        spine_candidates.month_start
    from spine_candidates
    inner join months
        on spine_candidates.month_start = months.month_start

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key(['spine.account_id', 'spine.month_start']) }} as account_month_key,
        spine.account_id,
        owners.csm_user_id,

        -- numerics: advocates and advocacy activity
        cast(coalesce(referenceable.referenceable_contacts, 0) as integer) as referenceable_contacts,
        cast(coalesce(events_monthly.advocating_contacts, 0) as integer) as advocating_contacts,
        {%- for event_type in event_types %}
            cast(coalesce(events_monthly.{{ event_type }}_events, 0) as integer) as {{ event_type }}_events,
        {%- endfor %}
        cast(coalesce(events_monthly.other_advocacy_events, 0) as integer) as other_advocacy_events,
        cast(coalesce(events_monthly.advocacy_events, 0) as integer) as advocacy_events,
        cast(coalesce(advocates_added_monthly.advocates_added, 0) as integer) as advocates_added,

        -- numerics: influenced pipeline and revenue
        cast(coalesce(influenced_created.influenced_opportunities, 0) as integer) as influenced_opportunities,
        cast(coalesce(influenced_won.influenced_won_opportunities, 0) as integer) as influenced_won_opportunities,
        cast(coalesce(influenced_won.influenced_won_arr, 0) as decimal(18, 2)) as influenced_won_arr,

        -- numerics: champion moves
        cast(coalesce(moves_monthly.champion_moves, 0) as integer) as champion_moves,
        cast(
            coalesce(moves_monthly.champion_moves_to_tracked_accounts, 0) as integer
        ) as champion_moves_to_tracked_accounts,
        cast(coalesce(move_created.champion_move_opportunities, 0) as integer) as champion_move_opportunities,
        cast(coalesce(move_won.champion_move_won_opportunities, 0) as integer) as champion_move_won_opportunities,
        cast(coalesce(move_won.champion_move_won_arr, 0) as decimal(18, 2)) as champion_move_won_arr,

        -- booleans
        coalesce(mrr_monthly.mrr > 0, false) as is_paying_customer,
        coalesce(advocates_added_monthly.is_new_advocate_account, false) as is_new_advocate_account,

        -- dates
        spine.month_start

    from spine
    left join mrr_monthly
        on
            spine.account_id = mrr_monthly.account_id
            and spine.month_start = mrr_monthly.month_start
    left join owners
        on
            spine.account_id = owners.account_id
            and spine.month_start = owners.month_start
    left join referenceable
        on
            spine.account_id = referenceable.account_id
            and spine.month_start = referenceable.month_start
    left join events_monthly
        on
            spine.account_id = events_monthly.account_id
            and spine.month_start = events_monthly.month_start
    left join advocates_added_monthly
        on
            spine.account_id = advocates_added_monthly.account_id
            and spine.month_start = advocates_added_monthly.month_start
    left join influenced_created
        on
            spine.account_id = influenced_created.account_id
            and spine.month_start = influenced_created.month_start
    left join influenced_won
        on
            spine.account_id = influenced_won.account_id
            and spine.month_start = influenced_won.month_start
    left join moves_monthly
        on
            spine.account_id = moves_monthly.account_id
            and spine.month_start = moves_monthly.month_start
    left join move_created
        on
            spine.account_id = move_created.account_id
            and spine.month_start = move_created.month_start
    left join move_won
        on
            spine.account_id = move_won.account_id
            and spine.month_start = move_won.month_start

)

select * from final
