{#-
    The renewal calendar: one row per renewal month (the month of the
    renewal date), segment, coverage model and CSM (the point-in-time owner
    of `fct_renewals`), detail rows only so every count and ARR column adds
    up. Outcomes and the gross and net renewal rates are over the renewals
    already due (judged); open renewals are counted apart. Rates are stored
    beside their numerator and denominator: to combine rows divide summed
    numerators by summed denominators.
-#}

with renewals as (

    select * from {{ ref('fct_renewals') }}

),

grouped as (

    select
        renewal_month,
        renewal_quarter,
        segment,
        coverage_model,
        csm_user_id,
        max(csm_display_name) as csm_display_name,
        count(*) as renewals_up,
        count(distinct account_id) as logos_up_for_renewal,
        sum(arr_up_for_renewal) as arr_up_for_renewal,
        sum(case when is_renewal_due then 1 else 0 end) as due_renewals,
        sum(case when is_renewal_due then arr_up_for_renewal else 0 end) as due_arr_up_for_renewal,
        sum(case when renewal_outcome = 'open' then 1 else 0 end) as open_renewals,
        sum(case when renewal_outcome = 'open' then arr_up_for_renewal else 0 end) as open_arr,
        sum(case when renewal_outcome = 'renewed_flat' then 1 else 0 end) as renewed_flat_renewals,
        sum(case when renewal_outcome = 'renewed_flat' then arr_up_for_renewal else 0 end) as renewed_flat_arr,
        sum(case when renewal_outcome = 'renewed_expansion' then 1 else 0 end) as renewed_expansion_renewals,
        sum(case when renewal_outcome = 'renewed_expansion' then arr_up_for_renewal else 0 end)
            as renewed_expansion_arr,
        sum(case when renewal_outcome = 'renewed_contraction' then 1 else 0 end) as renewed_contraction_renewals,
        sum(case when renewal_outcome = 'renewed_contraction' then arr_up_for_renewal else 0 end)
            as renewed_contraction_arr,
        sum(case when renewal_outcome = 'churned' then 1 else 0 end) as churned_renewals,
        sum(case when renewal_outcome = 'churned' then arr_up_for_renewal else 0 end) as churned_arr,
        sum(coalesce(gross_renewed_arr, 0)) as gross_renewed_arr,
        sum(coalesce(renewed_arr, 0)) as net_renewed_arr
    from renewals
    group by renewal_month, renewal_quarter, segment, coverage_model, csm_user_id

),

final as (

    select
        -- ids
        csm_user_id,

        -- strings
        csm_display_name,
        segment,
        coverage_model,

        -- numerics
        cast(renewals_up as integer) as renewals_up,
        cast(logos_up_for_renewal as integer) as logos_up_for_renewal,
        cast(arr_up_for_renewal as decimal(18, 2)) as arr_up_for_renewal,
        cast(due_renewals as integer) as due_renewals,
        cast(due_arr_up_for_renewal as decimal(18, 2)) as due_arr_up_for_renewal,
        cast(open_renewals as integer) as open_renewals,
        cast(open_arr as decimal(18, 2)) as open_arr,
        cast(renewed_flat_renewals as integer) as renewed_flat_renewals,
        cast(renewed_flat_arr as decimal(18, 2)) as renewed_flat_arr,
        cast(renewed_expansion_renewals as integer) as renewed_expansion_renewals,
        cast(renewed_expansion_arr as decimal(18, 2)) as renewed_expansion_arr,
        cast(renewed_contraction_renewals as integer) as renewed_contraction_renewals,
        cast(renewed_contraction_arr as decimal(18, 2)) as renewed_contraction_arr,
        cast(churned_renewals as integer) as churned_renewals,
        cast(churned_arr as decimal(18, 2)) as churned_arr,
        cast(gross_renewed_arr as decimal(18, 2)) as gross_renewed_arr,
        cast(net_renewed_arr as decimal(18, 2)) as net_renewed_arr,
        case
            when due_arr_up_for_renewal > 0
                then {{ cs_analytics.to_decimal('1.0 * gross_renewed_arr / due_arr_up_for_renewal', 18, 6) }}
        end as gross_renewal_rate,
        case
            when due_arr_up_for_renewal > 0
                then {{ cs_analytics.to_decimal('1.0 * net_renewed_arr / due_arr_up_for_renewal', 18, 6) }}
        end as net_renewal_rate,

        -- dates
        renewal_month,
        renewal_quarter

    from grouped

)

select * from final
