{#-
    Each CS user's book retention per month, credited point in time to the
    owner on the 1st (int_csm_book_accounts_monthly). Single month: the
    paying book, the starting book (customers last month) and its expansion,
    contraction and churn, GRR, NRR and logo retention. Trailing twelve
    months: the twelve single-month outcomes summed, with the monthly
    starting ARR / 12 as the exposure (book-years of ARR), annualised GRR,
    NRR and logo retention. One row per user and month with a book in the
    month or any of the eleven before it.
-#}

with book as (

    select * from {{ ref('int_csm_book_accounts_monthly') }}

),

months as (

    select * from {{ ref('int_months') }}

),

book_monthly as (

    select
        csm_user_id,
        month_start,
        sum(case when is_paying then 1 else 0 end) as book_accounts,
        12 * sum(mrr) as book_arr,
        sum(case when is_in_starting_book then 1 else 0 end) as starting_logos,
        sum(case when is_retained_logo then 1 else 0 end) as retained_logos,
        sum(case when movement = 'churn' then 1 else 0 end) as churned_logos,
        12 * sum(starting_mrr) as starting_arr,
        12 * sum(expansion_mrr) as expansion_arr,
        12 * sum(contraction_mrr) as contraction_arr,
        12 * sum(churned_mrr) as churned_arr,
        12 * sum(ending_mrr_of_starting_book) as ending_arr_of_cohort,
        12 * sum(new_mrr) as new_arr,
        12 * sum(reactivation_mrr) as reactivation_arr
    from book
    group by csm_user_id, month_start

),

book_monthly_indexed as (

    select
        book_monthly.*,
        months.month_index
    from book_monthly
    inner join months
        on book_monthly.month_start = months.month_start

),

trailing_12m as (

    select
        months.month_start,
        book_monthly_indexed.csm_user_id,
        cast(sum(book_monthly_indexed.starting_arr) as {{ cs_analytics.type_double() }}) / 12.0 as arr_exposure,
        sum(book_monthly_indexed.expansion_arr) as expansion_arr,
        sum(book_monthly_indexed.contraction_arr) as contraction_arr,
        sum(book_monthly_indexed.churned_arr) as churned_arr,
        cast(sum(book_monthly_indexed.starting_logos) as {{ cs_analytics.type_double() }}) / 12.0 as logo_exposure,
        sum(book_monthly_indexed.churned_logos) as churned_logos,
        sum(case when book_monthly_indexed.starting_logos > 0 then 1 else 0 end) as months_with_book
    from months
    inner join book_monthly_indexed
        on
            months.month_index >= book_monthly_indexed.month_index
            and months.month_index - 12 < book_monthly_indexed.month_index
    group by months.month_start, book_monthly_indexed.csm_user_id

),

joined as (

    select
        trailing_12m.csm_user_id,
        trailing_12m.month_start,
        coalesce(book_monthly.book_accounts, 0) as book_accounts,
        coalesce(book_monthly.book_arr, 0) as book_arr,
        coalesce(book_monthly.starting_logos, 0) as starting_logos,
        coalesce(book_monthly.retained_logos, 0) as retained_logos,
        coalesce(book_monthly.churned_logos, 0) as churned_logos,
        coalesce(book_monthly.starting_arr, 0) as starting_arr,
        coalesce(book_monthly.expansion_arr, 0) as expansion_arr,
        coalesce(book_monthly.contraction_arr, 0) as contraction_arr,
        coalesce(book_monthly.churned_arr, 0) as churned_arr,
        coalesce(book_monthly.ending_arr_of_cohort, 0) as ending_arr_of_cohort,
        coalesce(book_monthly.new_arr, 0) as new_arr,
        coalesce(book_monthly.reactivation_arr, 0) as reactivation_arr,
        coalesce(trailing_12m.arr_exposure, 0) as trailing_12m_arr_exposure,
        coalesce(trailing_12m.expansion_arr, 0) as trailing_12m_expansion_arr,
        coalesce(trailing_12m.contraction_arr, 0) as trailing_12m_contraction_arr,
        coalesce(trailing_12m.churned_arr, 0) as trailing_12m_churned_arr,
        coalesce(trailing_12m.logo_exposure, 0) as trailing_12m_logo_exposure,
        coalesce(trailing_12m.churned_logos, 0) as trailing_12m_churned_logos,
        coalesce(trailing_12m.months_with_book, 0) as trailing_12m_months_with_book
    from trailing_12m
    left join book_monthly
        on
            trailing_12m.csm_user_id = book_monthly.csm_user_id
            and trailing_12m.month_start = book_monthly.month_start

),

final as (

    select
        *,
        starting_arr - contraction_arr - churned_arr as gross_retained_arr,
        trailing_12m_arr_exposure - trailing_12m_contraction_arr - trailing_12m_churned_arr
            as trailing_12m_gross_retained_arr,
        trailing_12m_arr_exposure + trailing_12m_expansion_arr - trailing_12m_contraction_arr
        - trailing_12m_churned_arr as trailing_12m_net_retained_arr,
        case
            when
                starting_arr > 0
                then cast(starting_arr - contraction_arr - churned_arr as {{ cs_analytics.type_double() }})
                    / starting_arr
        end as grr,
        case
            when starting_arr > 0 then cast(ending_arr_of_cohort as {{ cs_analytics.type_double() }}) / starting_arr
        end
            as nrr,
        case when starting_logos > 0 then 1.0 * retained_logos / starting_logos end as logo_retention,
        case
            when trailing_12m_arr_exposure > 0
                then
                    cast(
                        trailing_12m_arr_exposure
                        - trailing_12m_contraction_arr
                        - trailing_12m_churned_arr as {{ cs_analytics.type_double() }}
                    )
                    / trailing_12m_arr_exposure
        end as trailing_12m_annualised_grr,
        case
            when trailing_12m_arr_exposure > 0
                then
                    cast(
                        trailing_12m_arr_exposure + trailing_12m_expansion_arr
                        - trailing_12m_contraction_arr - trailing_12m_churned_arr as {{ cs_analytics.type_double() }}
                    )
                    / trailing_12m_arr_exposure
        end as trailing_12m_annualised_nrr,
        case
            when trailing_12m_logo_exposure > 0
                then
                    1.0 - cast(trailing_12m_churned_logos as {{ cs_analytics.type_double() }})
                    / trailing_12m_logo_exposure
        end as trailing_12m_annualised_logo_retention
    from joined

)

select * from final
