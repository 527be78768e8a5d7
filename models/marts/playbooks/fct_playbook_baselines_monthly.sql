{#-
    Each comparison baseline of the playbook marts once per month, so a BI
    sum cannot count it once per playbook that shows it. The only shared one
    today is the no-sponsor-loss renewal baseline (accounts that lost no
    champion or executive sponsor in the 365 days to the month's end, and
    their next renewal: `int_renewals_without_sponsor_loss_monthly`), shown in
    `fct_playbook_monthly` beside every renewal playbook.
-#}

with no_sponsor_loss as (

    select * from {{ ref('int_renewals_without_sponsor_loss_monthly') }}

),

playbooks as (

    select * from {{ ref('stg_cs_platform__playbooks') }}

),

renewal_playbooks as (

    select count(*) as playbooks
    from playbooks
    where success_metric = 'renewal'

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
