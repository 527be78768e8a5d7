{#-
    The renewals of each CSM's book, per CSM and renewal month (the month of
    the renewal date), credited to the owner on the 1st of that month
    (`int_renewals_judged_on_time`). Only due renewals (judged month on or
    before the as-of month) count: open ones are neither renewed nor lost.

    - Renewal rate (logos): renewed renewals / due renewals.
    - Gross renewal rate (ARR): gross renewed ARR / ARR up for renewal of
      the due renewals (as `fct_renewal_calendar`).
    - On-time renewal share: renewals renewed on time / renewed renewals
      whose on-time judgement is possible yet.
-#}

with renewals as (

    select * from {{ ref('int_renewals_judged_on_time') }}

),

aggregated as (

    select
        csm_user_id,
        renewal_month as month_start,
        count(*) as renewals_due,
        sum(case when is_renewed then 1 else 0 end) as renewals_renewed,
        sum(arr_up_for_renewal) as renewal_arr_due,
        sum(gross_renewed_arr) as renewal_gross_renewed_arr,
        sum(case when is_renewed_on_time is not null then 1 else 0 end) as renewals_judged_on_time,
        sum(case when is_renewed_on_time then 1 else 0 end) as renewals_on_time
    from renewals
    where is_renewal_due and csm_user_id is not null
    group by csm_user_id, renewal_month

),

rates as (

    select
        *,
        cast(renewals_renewed as {{ cs_analytics.type_double() }}) / renewals_due as renewal_rate,
        case
            when renewal_arr_due > 0
                then cast(renewal_gross_renewed_arr as {{ cs_analytics.type_double() }}) / renewal_arr_due
        end as gross_renewal_rate,
        case
            when renewals_judged_on_time > 0
                then cast(renewals_on_time as {{ cs_analytics.type_double() }}) / renewals_judged_on_time
        end as on_time_renewal_share
    from aggregated

),

final as (

    select
        -- ids
        csm_user_id,

        -- dates
        month_start,

        -- numerics
        cast(renewals_due as bigint) as renewals_due,
        cast(renewals_renewed as bigint) as renewals_renewed,
        cast(renewal_arr_due as decimal(18, 2)) as renewal_arr_due,
        cast(renewal_gross_renewed_arr as decimal(18, 2)) as renewal_gross_renewed_arr,
        cast(renewals_judged_on_time as bigint) as renewals_judged_on_time,
        cast(renewals_on_time as bigint) as renewals_on_time,
        {{ cs_analytics.to_decimal('renewal_rate', 18, 6) }} as renewal_rate,
        {{ cs_analytics.to_decimal('gross_renewal_rate', 18, 6) }} as gross_renewal_rate,
        {{ cs_analytics.to_decimal('on_time_renewal_share', 18, 6) }} as on_time_renewal_share

    from rates

)

select * from final
