{#-
    Each coverage model's (tier's) book, month by month, for every tier an
    account has (`unknown` when the CRM has none) and every month: the
    accounts paying this month and their ARR, the trailing-twelve-month
    cohort retention (accounts paying twelve months ago,
    int_account_retention_windows window `trailing_12_months`), usage per
    seat over the month's customer days (int_account_usage_monthly) and NPS
    answers of the trailing twelve months (int_account_nps_monthly). The tier
    is the account's current CRM coverage model. Rolled up into
    fct_one_to_many_monthly.
-#}

with months as (

    select * from {{ ref('int_months') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

mrr_monthly as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

retention_windows as (

    select * from {{ ref('int_account_retention_windows') }}

),

account_usage as (

    select * from {{ ref('int_account_usage_monthly') }}

),

account_nps as (

    select * from {{ ref('int_account_nps_monthly') }}

),

account_tiers as (

    select
        account_id,
        coalesce(coverage_model, 'unknown') as coverage_model
    from accounts

),

spine as (

    select
        tiers.coverage_model,
        months.month_start,
        months.month_index
    from months
    cross join (select distinct coverage_model from account_tiers) as tiers

),

book_monthly as (

    select
        account_tiers.coverage_model,
        mrr_monthly.month_start,
        count(*) as accounts,
        12 * sum(mrr_monthly.mrr) as arr
    from mrr_monthly
    inner join account_tiers
        on mrr_monthly.account_id = account_tiers.account_id
    where mrr_monthly.mrr > 0
    group by account_tiers.coverage_model, mrr_monthly.month_start

),

retention_monthly as (

    select
        account_tiers.coverage_model,
        retention_windows.month_start,
        12 * sum(retention_windows.starting_mrr) as starting_arr,
        12 * sum(retention_windows.starting_mrr - retention_windows.contraction_mrr - retention_windows.churned_mrr)
            as gross_retained_arr,
        12 * sum(retention_windows.ending_mrr) as ending_arr_of_cohort,
        count(*) as starting_logos,
        sum(case when retention_windows.is_retained_logo then 1 else 0 end) as retained_logos
    from retention_windows
    inner join account_tiers
        on retention_windows.account_id = account_tiers.account_id
    where
        retention_windows.window_type = 'trailing_12_months'
        and retention_windows.is_in_starting_cohort
    group by account_tiers.coverage_model, retention_windows.month_start

),

usage_monthly as (

    select
        account_tiers.coverage_model,
        account_usage.month_start,
        sum(account_usage.active_user_days) as active_user_days,
        sum(account_usage.seat_days) as seat_days
    from account_usage
    inner join account_tiers
        on account_usage.account_id = account_tiers.account_id
    group by account_tiers.coverage_model, account_usage.month_start

),

nps_monthly as (

    select
        account_tiers.coverage_model,
        account_nps.month_start,
        sum(account_nps.nps_responses) as nps_responses,
        sum(account_nps.nps_promoters) as nps_promoters,
        sum(account_nps.nps_detractors) as nps_detractors
    from account_nps
    inner join account_tiers
        on account_nps.account_id = account_tiers.account_id
    group by account_tiers.coverage_model, account_nps.month_start

),

nps_trailing as (

    select
        spine.coverage_model,
        spine.month_start,
        sum(nps_monthly.nps_responses) as nps_responses,
        sum(nps_monthly.nps_promoters) as nps_promoters,
        sum(nps_monthly.nps_detractors) as nps_detractors
    from spine
    inner join months
        on
            spine.month_index >= months.month_index
            and spine.month_index - 12 < months.month_index
    inner join nps_monthly
        on
            spine.coverage_model = nps_monthly.coverage_model
            and months.month_start = nps_monthly.month_start
    group by spine.coverage_model, spine.month_start

),

joined as (

    select
        spine.coverage_model,
        spine.month_start,
        coalesce(book_monthly.accounts, 0) as accounts,
        coalesce(book_monthly.arr, 0) as arr,
        coalesce(retention_monthly.starting_arr, 0) as trailing_12m_starting_arr,
        coalesce(retention_monthly.gross_retained_arr, 0) as trailing_12m_gross_retained_arr,
        coalesce(retention_monthly.ending_arr_of_cohort, 0) as trailing_12m_ending_arr_of_cohort,
        coalesce(retention_monthly.starting_logos, 0) as trailing_12m_starting_logos,
        coalesce(retention_monthly.retained_logos, 0) as trailing_12m_retained_logos,
        coalesce(usage_monthly.active_user_days, 0) as active_user_days,
        coalesce(usage_monthly.seat_days, 0) as seat_days,
        coalesce(nps_trailing.nps_responses, 0) as trailing_12m_nps_responses,
        coalesce(nps_trailing.nps_promoters, 0) as trailing_12m_nps_promoters,
        coalesce(nps_trailing.nps_detractors, 0) as trailing_12m_nps_detractors
    from spine
    left join book_monthly
        on
            spine.coverage_model = book_monthly.coverage_model
            and spine.month_start = book_monthly.month_start
    left join retention_monthly
        on
            spine.coverage_model = retention_monthly.coverage_model
            and spine.month_start = retention_monthly.month_start
    left join usage_monthly
        on
            spine.coverage_model = usage_monthly.coverage_model
            and spine.month_start = usage_monthly.month_start
    left join nps_trailing
        on
            spine.coverage_model = nps_trailing.coverage_model
            and spine.month_start = nps_trailing.month_start

),

final as (

    select
        *,
        case
            when trailing_12m_starting_arr > 0
                then
                    cast(trailing_12m_gross_retained_arr as {{ cs_analytics.type_double() }})
                    / trailing_12m_starting_arr
        end as trailing_12m_grr,
        case
            when trailing_12m_starting_arr > 0
                then
                    cast(trailing_12m_ending_arr_of_cohort as {{ cs_analytics.type_double() }})
                    / trailing_12m_starting_arr
        end as trailing_12m_nrr,
        cast(
            case
                when trailing_12m_starting_logos > 0
                    then 1.0 * trailing_12m_retained_logos / trailing_12m_starting_logos
            end as {{ cs_analytics.type_double() }}
        ) as trailing_12m_logo_retention,
        cast(
            case when seat_days > 0 then 1.0 * active_user_days / seat_days end as {{ cs_analytics.type_double() }}
        ) as usage_per_seat,
        cast(
            case
                when trailing_12m_nps_responses > 0
                    then
                        100.0 * (trailing_12m_nps_promoters - trailing_12m_nps_detractors)
                        / trailing_12m_nps_responses
            end as {{ cs_analytics.type_double() }}
        ) as trailing_12m_nps
    from joined

)

select * from final
