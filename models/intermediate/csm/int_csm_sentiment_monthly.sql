{#-
    What customers said about each CS user's book per month, and the
    advocacy and pipeline it earned. Post-EBR survey scores given to the
    user in the month; NPS answers from the accounts they owned on the 1st
    (int_account_nps_monthly) with promoters, passives and detractors; the
    paying accounts owned on the 1st with a referenceable contact at month
    end; and won ARR credited to CS (CS-sourced, CS-influenced, apart from
    the sales rep's credit) in the month the deal closed. One row per user
    and month with any of these.
-#}

with surveys as (

    select * from {{ ref('int_survey_responses_bucketed') }}

),

account_nps as (

    select * from {{ ref('int_account_nps_monthly') }}

),

owners as (

    select * from {{ ref('int_account_owners_monthly') }}

),

book as (

    select * from {{ ref('int_csm_book_accounts_monthly') }}

),

referenceable as (

    select * from {{ ref('int_csm_referenceable_accounts_monthly') }}

),

credited_opportunities as (

    select * from {{ ref('int_opportunities_credited_to_cs') }}

),

post_ebr_monthly as (

    select
        rated_user_id as csm_user_id,
        response_month as month_start,
        count(*) as post_ebr_responses,
        sum(score) as post_ebr_score_sum
    from surveys
    where survey_type = 'post_ebr' and rated_user_id is not null and score is not null
    group by rated_user_id, response_month

),

nps_monthly as (

    select
        owners.csm_user_id,
        account_nps.month_start,
        sum(account_nps.nps_responses) as nps_responses,
        sum(account_nps.nps_promoters) as nps_promoters,
        sum(account_nps.nps_passives) as nps_passives,
        sum(account_nps.nps_detractors) as nps_detractors
    from account_nps
    inner join owners
        on
            account_nps.account_id = owners.account_id
            and account_nps.month_start = owners.month_start
    group by owners.csm_user_id, account_nps.month_start

),

advocates_monthly as (

    select
        book.csm_user_id,
        book.month_start,
        count(*) as referenceable_accounts
    from book
    inner join referenceable
        on
            book.account_id = referenceable.account_id
            and book.month_start = referenceable.month_start
    where book.is_paying and referenceable.referenceable_contacts > 0
    group by book.csm_user_id, book.month_start

),

credit_monthly as (

    select
        credited_user_id as csm_user_id,
        closed_month as month_start,
        sum(case when cs_credit_type = 'cs_sourced' then amount_arr else 0 end) as cs_sourced_arr,
        sum(case when cs_credit_type = 'cs_sourced' then 1 else 0 end) as cs_sourced_opportunities,
        sum(case when cs_credit_type = 'cs_influenced' then amount_arr else 0 end) as cs_influenced_arr,
        sum(case when cs_credit_type = 'cs_influenced' then 1 else 0 end) as cs_influenced_opportunities
    from credited_opportunities
    where credited_user_id is not null
    group by credited_user_id, closed_month

),

user_months as (

    select
        csm_user_id,
        month_start
    from post_ebr_monthly
    union
    select
        csm_user_id,
        month_start
    from nps_monthly
    union
    select
        csm_user_id,
        month_start
    from advocates_monthly
    union
    select
        csm_user_id,
        month_start
    from credit_monthly

),

joined as (

    select
        user_months.csm_user_id,
        user_months.month_start,
        coalesce(post_ebr_monthly.post_ebr_responses, 0) as post_ebr_responses,
        post_ebr_monthly.post_ebr_score_sum,
        coalesce(nps_monthly.nps_responses, 0) as nps_responses,
        coalesce(nps_monthly.nps_promoters, 0) as nps_promoters,
        coalesce(nps_monthly.nps_passives, 0) as nps_passives,
        coalesce(nps_monthly.nps_detractors, 0) as nps_detractors,
        coalesce(advocates_monthly.referenceable_accounts, 0) as referenceable_accounts,
        coalesce(credit_monthly.cs_sourced_arr, 0) as cs_sourced_arr,
        coalesce(credit_monthly.cs_sourced_opportunities, 0) as cs_sourced_opportunities,
        coalesce(credit_monthly.cs_influenced_arr, 0) as cs_influenced_arr,
        coalesce(credit_monthly.cs_influenced_opportunities, 0) as cs_influenced_opportunities
    from user_months
    left join post_ebr_monthly
        on
            user_months.csm_user_id = post_ebr_monthly.csm_user_id
            and user_months.month_start = post_ebr_monthly.month_start
    left join nps_monthly
        on
            user_months.csm_user_id = nps_monthly.csm_user_id
            and user_months.month_start = nps_monthly.month_start
    left join advocates_monthly
        on
            user_months.csm_user_id = advocates_monthly.csm_user_id
            and user_months.month_start = advocates_monthly.month_start
    left join credit_monthly
        on
            user_months.csm_user_id = credit_monthly.csm_user_id
            and user_months.month_start = credit_monthly.month_start

),

final as (

    select
        *,
        cast(
            case
                when post_ebr_responses > 0 then 1.0 * post_ebr_score_sum / post_ebr_responses
            end as {{ cs_analytics.type_double() }}
        ) as post_ebr_avg_score,
        cast(
            case
                when nps_responses > 0 then 100.0 * (nps_promoters - nps_detractors) / nps_responses
            end as {{ cs_analytics.type_double() }}
        ) as portfolio_nps
    from joined

)

select * from final
