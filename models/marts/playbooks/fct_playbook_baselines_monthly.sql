{#-
    Each comparison baseline of the playbook marts once per month, so a BI
    sum cannot count it once per playbook that shows it. The only shared one
    today is the no-sponsor-loss renewal baseline (accounts that lost no
    champion or executive sponsor in the 365 days to the month's end, and
    their next renewal: `int_account_months_joined_to_renewals`), shown in
    `fct_playbook_monthly` beside every renewal playbook.
-#}

with account_renewals as (

    select * from {{ ref('int_account_months_joined_to_renewals') }}

),

playbooks as (

    select * from {{ ref('stg_cs_platform__playbooks') }}

),

renewal_playbooks as (

    select count(*) as playbooks
    from playbooks
    where success_metric = 'renewal'

),

no_sponsor_loss as (

    select
        month_start,
        sum(case when is_renewal_observed then 1 else 0 end) as renewals_observed,
        sum(case when renewed_next_renewal then 1 else 0 end) as renewals_renewed,
        sum(case when expanded_next_renewal then 1 else 0 end) as renewals_expanded
    from account_renewals
    where not has_lost_sponsor_12m
    group by month_start

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key(["'no_sponsor_loss_renewal'", 'no_sponsor_loss.month_start']) }}
            as baseline_month_key,

        -- strings
        cast('no_sponsor_loss_renewal' as {{ cs_analytics.type_varchar() }}) as baseline,

        -- numerics
        cast(renewal_playbooks.playbooks as integer) as playbooks_showing,
        cast(no_sponsor_loss.renewals_observed as bigint) as renewals_observed,
        cast(no_sponsor_loss.renewals_renewed as bigint) as renewals_renewed,
        cast(
            {{ cs_analytics.to_decimal('no_sponsor_loss.renewals_renewed', 18, 6) }}
            / nullif(no_sponsor_loss.renewals_observed, 0) as decimal(18, 6)
        ) as renewal_rate,
        cast(no_sponsor_loss.renewals_expanded as bigint) as renewals_expanded,
        cast(
            {{ cs_analytics.to_decimal('no_sponsor_loss.renewals_expanded', 18, 6) }}
            / nullif(no_sponsor_loss.renewals_observed, 0) as decimal(18, 6)
        ) as renewal_expansion_rate,

        -- dates
        cast(no_sponsor_loss.month_start as date) as month_start

    from no_sponsor_loss
    cross join renewal_playbooks

)

select * from final
