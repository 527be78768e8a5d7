{#-
    The loaded cost of each high- and low-touch CSM (CRM role `csm`), split
    over the coverage models (tiers) of the paying accounts they owned on the
    1st of the month: one row per CSM, month and tier.

    - Loaded monthly cost: the CRM user's `monthly_cost` when it carries one,
      else var `csm_loaded_monthly_cost` (default 10000: salary, benefits,
      tools and management overhead of one CSM for a month).
    - A CSM counts in the months they were employed (hired before the month
      ended, not terminated before it started), as digital CSMs do in
      `fct_one_to_many_monthly`.
    - Allocation by book share: tier cost = loaded cost x the CSM's paying
      accounts in the tier / all the CSM's paying accounts that month. A CSM
      with no paying book that month has nothing to allocate to (bench time)
      and no row.
-#}

{%- set default_cost = var('csm_loaded_monthly_cost', 10000) %}

with book as (

    select * from {{ ref('int_csm_book_accounts_monthly') }}

),

users as (

    select * from {{ ref('stg_crm__users') }}

),

months as (

    select * from {{ ref('int_months') }}

),

employed as (

    select
        users.user_id as csm_user_id,
        months.month_start,
        coalesce(users.monthly_cost, {{ default_cost }}) as loaded_monthly_cost
    from users
    inner join months
        on
            (users.hired_at is null or users.hired_at < months.month_end)
            and (users.terminated_at is null or users.terminated_at >= months.month_start)
    where users.role = 'csm'

),

book_by_tier as (

    select
        csm_user_id,
        month_start,
        coverage_model,
        count(*) as tier_accounts
    from book
    where is_paying and owner_role = 'csm'
    group by csm_user_id, month_start, coverage_model

),

book_total as (

    select
        csm_user_id,
        month_start,
        sum(tier_accounts) as book_accounts
    from book_by_tier
    group by csm_user_id, month_start

),

final as (

    select
        -- ids
        employed.csm_user_id,

        -- strings
        book_by_tier.coverage_model,

        -- numerics
        cast(book_by_tier.tier_accounts as bigint) as tier_accounts,
        cast(book_total.book_accounts as bigint) as book_accounts,
        cast(employed.loaded_monthly_cost as decimal(18, 2)) as loaded_monthly_cost,
        {{ cs_analytics.to_decimal(
            'cast(employed.loaded_monthly_cost as ' ~ cs_analytics.type_double() ~ ')'
            ~ ' * book_by_tier.tier_accounts / book_total.book_accounts', 18, 2
        ) }} as cost_allocated,

        -- dates
        employed.month_start

    from employed
    inner join book_by_tier
        on
            employed.csm_user_id = book_by_tier.csm_user_id
            and employed.month_start = book_by_tier.month_start
    inner join book_total
        on
            employed.csm_user_id = book_total.csm_user_id
            and employed.month_start = book_total.month_start

)

select * from final
