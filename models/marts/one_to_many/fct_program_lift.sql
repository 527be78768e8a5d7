{#-
    Does the program work? One row per 1:many program and lift metric
    (usage per seat change, renewal rate, logo retention): treated vs
    holdout over all the program's enrollments with a measurable outcome,
    the difference (lift), its standard error and 95% confidence interval,
    and the group sizes, so a reader can tell lift from noise. Programs
    without a holdout have rows with holdout_n = 0 and no lift: their effect
    cannot be proven; their reconversion_rate row compares with eligible
    accounts not sent to in the same month instead (`comparison_group`). Arithmetic: int_program_enrollments_aggregated_to_lift;
    definitions: models/docs/one_to_many_docs.md.
-#}

with lift as (

    select * from {{ ref('int_program_enrollments_aggregated_to_lift') }}

),

programs as (

    select * from {{ ref('stg_digital__programs') }}

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key(['lift.program_id', 'lift.lift_metric']) }} as program_lift_key,
        lift.program_id,

        -- strings
        programs.program_name,
        lift.lift_metric,
        lift.metric_kind,
        lift.comparison_group,
        programs.program_type,
        programs.trigger_type,
        programs.goal_metric,

        -- numerics
        cast({{ var('program_window_days', 60) }} as integer) as program_window_days,
        cast(lift.treated_n as bigint) as treated_n,
        {{ cs_analytics.to_decimal('lift.treated_sum', 18, 6) }} as treated_sum,
        {{ cs_analytics.to_decimal('lift.treated_value', 18, 6) }} as treated_value,
        cast(lift.holdout_n as bigint) as holdout_n,
        {{ cs_analytics.to_decimal('lift.holdout_sum', 18, 6) }} as holdout_sum,
        {{ cs_analytics.to_decimal('lift.holdout_value', 18, 6) }} as holdout_value,
        {{ cs_analytics.to_decimal('lift.lift', 18, 6) }} as lift,
        {{ cs_analytics.to_decimal('lift.lift_standard_error', 18, 6) }} as lift_standard_error,
        {{ cs_analytics.to_decimal('lift.lift_ci95_lower', 18, 6) }} as lift_ci95_lower,
        {{ cs_analytics.to_decimal('lift.lift_ci95_upper', 18, 6) }} as lift_ci95_upper,

        -- booleans
        lift.holdout_n > 0 and lift.comparison_group = 'holdout' as has_holdout,
        coalesce(lift.lift_ci95_lower > 0 or lift.lift_ci95_upper < 0, false) as is_significant

    from lift
    left join programs
        on lift.program_id = programs.program_id
    where lift.is_all_cohorts

)

select * from final
