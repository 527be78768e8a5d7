{#-
    One row per 1:many program: what it is, what triggers it, the outcome it
    aims at, who owns it, and how its enrollments split between treated and
    holdout (the design behind its lift).
-#}

with programs as (

    select * from {{ ref('stg_digital__programs') }}

),

enrollments as (

    select * from {{ ref('stg_digital__program_enrollments') }}

),

sends as (

    select * from {{ ref('int_email_events_aggregated_to_sends') }}

),

enrollment_counts as (

    select
        program_id,
        count(*) as enrollments,
        sum(case when is_holdout then 1 else 0 end) as holdout_enrollments,
        min(enrolled_at) as first_enrolled_at,
        max(enrolled_at) as last_enrolled_at
    from enrollments
    group by program_id

),

send_counts as (

    select
        program_id,
        count(*) as sends,
        min(sent_at) as first_sent_at,
        max(sent_at) as last_sent_at
    from sends
    group by program_id

),

final as (

    select
        -- ids
        programs.program_id,
        programs.owner_user_id,

        -- strings
        programs.program_name,
        programs.program_type,
        programs.trigger_type,
        programs.trigger_rule,
        programs.goal_metric,

        -- numerics
        cast(coalesce(enrollment_counts.enrollments, 0) as bigint) as enrollments,
        cast(coalesce(enrollment_counts.holdout_enrollments, 0) as bigint) as holdout_enrollments,
        cast(
            cast(
                case
                    when enrollment_counts.enrollments > 0
                        then 1.0 * enrollment_counts.holdout_enrollments / enrollment_counts.enrollments
                end as decimal(28, 9)
            ) as decimal(18, 6)
        ) as holdout_share,
        cast(coalesce(send_counts.sends, 0) as bigint) as sends,

        -- booleans
        programs.trigger_type = 'behavioral' as is_behavioral_trigger,
        coalesce(enrollment_counts.holdout_enrollments, 0) > 0 as has_holdout,

        -- timestamps
        cast(programs.launched_at as timestamp) as launched_at,
        cast(enrollment_counts.first_enrolled_at as timestamp) as first_enrolled_at,
        cast(enrollment_counts.last_enrolled_at as timestamp) as last_enrolled_at,
        cast(send_counts.first_sent_at as timestamp) as first_sent_at,
        cast(send_counts.last_sent_at as timestamp) as last_sent_at

    from programs
    left join enrollment_counts
        on programs.program_id = enrollment_counts.program_id
    left join send_counts
        on programs.program_id = send_counts.program_id

)

select * from final
