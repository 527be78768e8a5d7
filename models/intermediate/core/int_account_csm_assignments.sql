{#-
    Who owned each account as its CSM, and when: the `csm` rows of the
    account team history as clean, non-overlapping periods
    ([valid_from, valid_to), valid_to null = still the owner). When two
    periods overlap in the CRM, the later one wins from its start date and
    the earlier one is cut short there, so an account has at most one owner
    on any day. Empty or inverted periods (valid_to on or before
    valid_from, e.g. a hand-over dated before the account was created) are
    dropped first: they never owned a day.
-#}

with team_history as (

    select * from {{ ref('stg_crm__account_team_history') }}

),

users as (

    select * from {{ ref('stg_crm__users') }}

),

months as (

    select * from {{ ref('int_months') }}

),

as_of as (

    select max(as_of_date) as as_of_date
    from months

),

csm_rows as (

    select
        account_id,
        user_id,
        valid_from,
        valid_to
    from team_history
    where
        team_role = 'csm'
        and account_id is not null
        and user_id is not null
        and valid_from is not null
        -- an empty or inverted period (valid_to <= valid_from) never owned a day
        and (valid_to is null or valid_to > valid_from)

),

sequenced as (

    select
        account_id,
        user_id,
        valid_from,
        valid_to,
        lead(valid_from) over (
            partition by account_id
            order by valid_from, user_id
        ) as next_valid_from
    from csm_rows

),

trimmed as (

    select
        account_id,
        user_id,
        valid_from,
        case
            when
                next_valid_from is not null
                and (valid_to is null or next_valid_from < valid_to)
                then next_valid_from
            else valid_to
        end as valid_to,
        valid_to as recorded_valid_to
    from sequenced

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key(['trimmed.account_id', 'trimmed.valid_from']) }} as csm_assignment_key,
        trimmed.account_id,
        trimmed.user_id as csm_user_id,

        -- strings
        case when users.role = 'digital_csm' then 'digital_csm' else 'csm' end as owner_role,

        -- booleans
        coalesce(
            trimmed.valid_to <> trimmed.recorded_valid_to,
            trimmed.valid_to is not null or trimmed.recorded_valid_to is not null
        ) as was_cut_short_by_overlap,
        trimmed.valid_from <= as_of.as_of_date
        and (trimmed.valid_to is null or trimmed.valid_to > as_of.as_of_date) as is_current,

        -- dates
        trimmed.valid_from,
        trimmed.valid_to

    from trimmed
    cross join as_of
    left join users
        on trimmed.user_id = users.user_id
    where trimmed.valid_to is null or trimmed.valid_to > trimmed.valid_from

)

select * from final
