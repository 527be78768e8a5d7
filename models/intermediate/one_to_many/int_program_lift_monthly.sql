{#-
    One row per 1:many program and enrollment month with a holdout lift:
    the lift of the month's enrollment cohort on usage per seat change,
    renewal rate and logo retention side by side (treated and holdout sizes,
    values, lift and its 95% interval), from
    int_program_enrollments_aggregated_to_lift.
-#}

with lift as (

    select * from {{ ref('int_program_enrollments_aggregated_to_lift') }}

),

cohort_lift as (

    select *
    from lift
    where not is_all_cohorts

),

cohorts as (

    select distinct
        program_id,
        enrolled_month
    from cohort_lift

),

final as (

    select
        cohorts.program_id,
        cohorts.enrolled_month as month_start,
        usage_lift.treated_n as usage_lift_treated_enrollments,
        usage_lift.holdout_n as usage_lift_holdout_enrollments,
        usage_lift.treated_value as treated_usage_per_seat_change,
        usage_lift.holdout_value as holdout_usage_per_seat_change,
        usage_lift.lift as usage_per_seat_change_lift,
        usage_lift.lift_ci95_lower as usage_per_seat_change_lift_ci95_lower,
        usage_lift.lift_ci95_upper as usage_per_seat_change_lift_ci95_upper,
        renewal_lift.treated_sum as treated_renewals,
        renewal_lift.treated_n as treated_renewals_due,
        renewal_lift.treated_value as treated_renewal_rate,
        renewal_lift.holdout_sum as holdout_renewals,
        renewal_lift.holdout_n as holdout_renewals_due,
        renewal_lift.holdout_value as holdout_renewal_rate,
        renewal_lift.lift as renewal_rate_lift,
        renewal_lift.lift_ci95_lower as renewal_rate_lift_ci95_lower,
        renewal_lift.lift_ci95_upper as renewal_rate_lift_ci95_upper,
        logo_lift.treated_sum as treated_retained_logos,
        logo_lift.treated_n as treated_starting_logos,
        logo_lift.treated_value as treated_logo_retention,
        logo_lift.holdout_sum as holdout_retained_logos,
        logo_lift.holdout_n as holdout_starting_logos,
        logo_lift.holdout_value as holdout_logo_retention,
        logo_lift.lift as logo_retention_lift,
        logo_lift.lift_ci95_lower as logo_retention_lift_ci95_lower,
        logo_lift.lift_ci95_upper as logo_retention_lift_ci95_upper
    from cohorts
    left join cohort_lift as usage_lift
        on
            cohorts.program_id = usage_lift.program_id
            and cohorts.enrolled_month = usage_lift.enrolled_month
            and usage_lift.lift_metric = 'usage_per_seat_change'
    left join cohort_lift as renewal_lift
        on
            cohorts.program_id = renewal_lift.program_id
            and cohorts.enrolled_month = renewal_lift.enrolled_month
            and renewal_lift.lift_metric = 'renewal_rate'
    left join cohort_lift as logo_lift
        on
            cohorts.program_id = logo_lift.program_id
            and cohorts.enrolled_month = logo_lift.enrolled_month
            and logo_lift.lift_metric = 'logo_retention'

)

select * from final
