{#-
    Onboarding completion and time to value per cohort month (the month the
    first contract started), segment, coverage model and onboarding CSM.
    Detail rows only: every count and day total adds up across rows; rates
    and averages sit beside their numerators and denominators.
-#}

with onboarding as (

    select * from {{ ref('fct_account_onboarding') }}

),

aggregated as (

    select
        cohort_month,
        segment,
        coverage_model,
        csm_user_id,
        max(csm_display_name) as csm_display_name,
        count(*) as onboarding_accounts,
        sum(case when has_kicked_off then 1 else 0 end) as kicked_off_accounts,
        sum(case when is_live then 1 else 0 end) as live_accounts,
        sum(case when has_reached_first_value then 1 else 0 end) as first_value_accounts,
        sum(case when is_go_live_judged then 1 else 0 end) as go_live_judged_accounts,
        sum(case when is_live_on_time then 1 else 0 end) as live_on_time_accounts,
        sum(case when is_first_value_judged then 1 else 0 end) as first_value_judged_accounts,
        sum(case when is_first_value_on_time then 1 else 0 end) as first_value_on_time_accounts,
        sum(case when is_live then days_to_go_live else 0 end) as total_days_to_go_live,
        sum(case when has_reached_first_value then days_to_first_value else 0 end) as total_days_to_first_value
    from onboarding
    group by cohort_month, segment, coverage_model, csm_user_id

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key(['cohort_month', 'segment', 'coverage_model', 'csm_user_id']) }}
            as onboarding_cohort_key,
        csm_user_id,

        -- strings
        csm_display_name,
        segment,
        coverage_model,

        -- numerics
        cast(onboarding_accounts as integer) as onboarding_accounts,
        cast(kicked_off_accounts as integer) as kicked_off_accounts,
        cast(live_accounts as integer) as live_accounts,
        cast(first_value_accounts as integer) as first_value_accounts,
        cast(go_live_judged_accounts as integer) as go_live_judged_accounts,
        cast(live_on_time_accounts as integer) as live_on_time_accounts,
        {{ cs_analytics.to_decimal(
            'case when go_live_judged_accounts > 0 then 1.0 * live_on_time_accounts / go_live_judged_accounts end',
            18, 6) }} as onboarding_on_time_rate,
        cast(first_value_judged_accounts as integer) as first_value_judged_accounts,
        cast(first_value_on_time_accounts as integer) as first_value_on_time_accounts,
        {{ cs_analytics.to_decimal(
            'case when first_value_judged_accounts > 0 then 1.0 * first_value_on_time_accounts'
            ~ ' / first_value_judged_accounts end', 18, 6) }} as first_value_on_time_rate,
        cast(total_days_to_go_live as integer) as total_days_to_go_live,
        {{ cs_analytics.to_decimal(
            'case when live_accounts > 0 then 1.0 * total_days_to_go_live / live_accounts end', 18, 2) }}
            as avg_days_to_go_live,
        cast(total_days_to_first_value as integer) as total_days_to_first_value,
        {{ cs_analytics.to_decimal(
            'case when first_value_accounts > 0 then 1.0 * total_days_to_first_value / first_value_accounts end',
            18, 2) }} as avg_days_to_first_value,

        -- dates
        cohort_month

    from aggregated

)

select * from final
