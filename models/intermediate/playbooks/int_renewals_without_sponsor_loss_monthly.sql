{#-
    The no-sponsor-loss renewal baseline, once per month: accounts that lost
    no champion or executive sponsor in the 365 days to the month's end, and
    how their next renewal went. fct_playbook_monthly shows it beside every
    renewal playbook; fct_playbook_baselines_monthly holds it once a month.
-#}

with account_renewals as (

    select * from {{ ref('int_account_months_joined_to_renewals') }}

),

final as (

    select
        -- dates
        month_start,

        -- numerics
        sum(case when is_renewal_observed then 1 else 0 end) as renewals_observed,
        sum(case when renewed_next_renewal then 1 else 0 end) as renewals_renewed,
        sum(case when expanded_next_renewal then 1 else 0 end) as renewals_expanded

    from account_renewals
    where not has_lost_sponsor_12m
    group by month_start

)

select * from final
