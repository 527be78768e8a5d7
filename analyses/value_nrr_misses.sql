{#-
    Question (CS leaders): what value does NRR (and MRR) miss?

    NRR follows the accounts paying at the start of a window, so by
    construction it cannot see revenue that customers generate at other
    companies: referrals and reference calls that help close new logos, and
    champions who move to a new company and buy the product again. This
    analysis puts that value beside NRR, per month, over the same trailing
    twelve-month window as fct_revenue_retention's headline NRR.

    Columns:
      - nrr, starting_arr, ending_arr_of_cohort: the company's trailing-12-month
        NRR and its numerator and denominator (fct_revenue_retention's detail
        rows summed over every segment and coverage model).
      - referral_events ... champion_moves: the advocacy activity in the window
        (fct_advocacy_monthly).
      - influenced_won_arr, champion_move_won_arr: ARR won in the window from
        deals the customers' advocates influenced, and at companies their
        champions moved to. Each deal counts once (`fct_advocacy_monthly`
        credits it to one account) and only when the advocacy came before it
        closed.
      - advocacy_won_arr_low / _high: the two cannot simply be added (a deal
        referred by a moved champion is in both: see the `advocacy_influenced`
        docs block), so the value is a range: per account and month the larger
        of the two (low) and their sum (high).
      - nrr_with_advocacy_low / _high: NRR if that value were credited to the
        starting cohort; the gap to nrr is what NRR misses.
      - advocacy_share_of_new_arr_low: advocacy value / ARR of new and
        reactivated logos in the window (above 1 means part of the advocacy
        value landed as expansion at existing customers: see the caveat).

    Caveat: influenced and champion-move deals can be expansions at companies
    that are already customers (then NRR already counts them), so the high end
    over-states the miss. Deals are credited to the advocate's account; per CSM,
    group fct_advocacy_monthly by csm_user_id instead.

    Run: dbt compile --select value_nrr_misses, then run the compiled SQL in
    target/compiled/cs_analytics/analyses/ against the warehouse.
-#}

with retention as (

    select * from {{ ref('fct_revenue_retention') }}

),

advocacy as (

    select * from {{ ref('fct_advocacy_monthly') }}

),

company_windows as (

    select
        month_start,
        min(trailing_12m_window_start_month) as window_start_month,
        sum(trailing_12m_starting_arr) as starting_arr,
        sum(trailing_12m_ending_arr_of_cohort) as ending_arr_of_cohort,
        sum(trailing_12m_new_arr + trailing_12m_reactivation_arr) as new_logo_arr,
        cast(
            case
                when sum(trailing_12m_starting_arr) > 0
                    then sum(trailing_12m_ending_arr_of_cohort) / sum(trailing_12m_starting_arr)
            end
            as decimal(18, 6)
        ) as nrr
    from retention
    where trailing_12m_starting_arr is not null
    group by month_start

),

advocacy_by_month as (

    select
        month_start,
        sum(referral_events) as referral_events,
        sum(reference_call_events) as reference_call_events,
        sum(case_study_events) as case_study_events,
        sum(review_events) as review_events,
        sum(champion_moves) as champion_moves,
        sum(influenced_won_arr) as influenced_won_arr,
        sum(champion_move_won_arr) as champion_move_won_arr,
        sum(
            case
                when influenced_won_arr > champion_move_won_arr then influenced_won_arr
                else champion_move_won_arr
            end
        ) as advocacy_won_arr_low,
        sum(influenced_won_arr + champion_move_won_arr) as advocacy_won_arr_high
    from advocacy
    group by month_start

),

trailing_windows as (

    select
        company_windows.month_start,
        company_windows.starting_arr,
        company_windows.ending_arr_of_cohort,
        company_windows.new_logo_arr,
        company_windows.nrr,
        coalesce(sum(advocacy_by_month.referral_events), 0) as referral_events,
        coalesce(sum(advocacy_by_month.reference_call_events), 0) as reference_call_events,
        coalesce(sum(advocacy_by_month.case_study_events), 0) as case_study_events,
        coalesce(sum(advocacy_by_month.review_events), 0) as review_events,
        coalesce(sum(advocacy_by_month.champion_moves), 0) as champion_moves,
        coalesce(sum(advocacy_by_month.influenced_won_arr), 0) as influenced_won_arr,
        coalesce(sum(advocacy_by_month.champion_move_won_arr), 0) as champion_move_won_arr,
        coalesce(sum(advocacy_by_month.advocacy_won_arr_low), 0) as advocacy_won_arr_low,
        coalesce(sum(advocacy_by_month.advocacy_won_arr_high), 0) as advocacy_won_arr_high
    from company_windows
    left join advocacy_by_month
        on
            company_windows.window_start_month <= advocacy_by_month.month_start
            and company_windows.month_start >= advocacy_by_month.month_start
    group by
        company_windows.month_start,
        company_windows.starting_arr,
        company_windows.ending_arr_of_cohort,
        company_windows.new_logo_arr,
        company_windows.nrr

),

final as (

    select
        month_start,
        nrr,
        starting_arr,
        ending_arr_of_cohort,
        referral_events,
        reference_call_events,
        case_study_events,
        review_events,
        champion_moves,
        influenced_won_arr,
        champion_move_won_arr,
        advocacy_won_arr_low,
        advocacy_won_arr_high,
        -- rounded as nrr is, so with no advocacy value the two are equal (never a hair below)
        cast(
            case
                when starting_arr > 0 then (ending_arr_of_cohort + advocacy_won_arr_low) / starting_arr
            end
            as decimal(18, 6)
        ) as nrr_with_advocacy_low,
        cast(
            case
                when starting_arr > 0 then (ending_arr_of_cohort + advocacy_won_arr_high) / starting_arr
            end
            as decimal(18, 6)
        ) as nrr_with_advocacy_high,
        case
            when new_logo_arr > 0 then advocacy_won_arr_low / new_logo_arr
        end as advocacy_share_of_new_arr_low
    from trailing_windows

)

select * from final
order by month_start
