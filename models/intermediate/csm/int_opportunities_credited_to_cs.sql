{#-
    Won opportunities that Customer Success gets credit for, kept apart from
    the sales rep's credit: CS-sourced (lead_source `cs`, credited to
    sourced_by_user_id) and CS-influenced (flagged is_cs_influenced but
    sourced by another team, credited to the account's CSM on the first day
    of the month the deal closed). An opportunity is one or the other, never
    both, so the two figures add up without double counting.
-#}

with opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

),

owners as (

    select * from {{ ref('int_account_owners_monthly') }}

),

won as (

    select
        opportunity_id,
        account_id,
        opportunity_type,
        lead_source,
        sourced_by_user_id,
        coalesce(is_cs_influenced, false) as is_cs_influenced,
        amount_arr,
        closed_at,
        cast({{ dbt.date_trunc('month', 'closed_at') }} as date) as closed_month
    from opportunities
    where
        is_won
        and closed_at is not null

),

final as (

    select
        -- ids
        won.opportunity_id,
        won.account_id,
        case
            when won.lead_source = 'cs' then won.sourced_by_user_id
            else owners.csm_user_id
        end as credited_user_id,

        -- strings
        won.opportunity_type,
        won.lead_source,
        case when won.lead_source = 'cs' then 'cs_sourced' else 'cs_influenced' end as cs_credit_type,

        -- numerics
        won.amount_arr,

        -- dates
        won.closed_month,

        -- timestamps
        won.closed_at

    from won
    left join owners
        on
            won.account_id = owners.account_id
            and won.closed_month = owners.month_start
    where won.lead_source = 'cs' or won.is_cs_influenced

)

select * from final
