{#-
    One row per email a 1:many program sent: delivery, unique human opens
    (machine opens apart), clicks, unsubscribes, spam reports and whether the
    customer did the program's goal behaviour within the reconversion window.
    Definitions: docs blocks in models/docs/one_to_many_docs.md.
-#}

with sends as (

    select * from {{ ref('int_email_events_aggregated_to_sends') }}

),

reconversions as (

    select * from {{ ref('int_email_sends_joined_to_reconversions') }}

),

programs as (

    select * from {{ ref('stg_digital__programs') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

final as (

    select
        -- ids
        sends.send_id,
        sends.program_id,
        sends.account_id,
        sends.contact_id,

        -- strings
        programs.trigger_type,
        programs.goal_metric,
        coalesce(accounts.coverage_model, 'unknown') as coverage_model,
        reconversions.reconversion_evidence,
        reconversions.reconversion_state,

        -- numerics
        cast(sends.step_number as integer) as step_number,
        cast(sends.human_open_events as bigint) as human_open_events,
        cast(sends.machine_open_events as bigint) as machine_open_events,
        cast(sends.click_events as bigint) as click_events,
        cast(sends.events_before_send as bigint) as events_before_send_excluded,

        -- booleans
        sends.was_delivered,
        sends.was_bounced,
        sends.was_opened,
        sends.was_machine_opened,
        sends.was_clicked,
        sends.was_unsubscribed,
        sends.was_spam_reported,
        coalesce(programs.trigger_type = 'behavioral', false) as is_behavioral_trigger,
        coalesce(reconversions.is_reconversion_eligible, false) as is_reconversion_eligible,
        coalesce(reconversions.did_reconvert, false) as did_reconvert,
        coalesce(reconversions.is_reconversion_window_complete, false) as is_reconversion_window_complete,

        -- dates
        sends.sent_date,
        sends.sent_month,
        reconversions.reconversion_window_end_date,
        reconversions.first_reconversion_date,

        -- timestamps
        cast(sends.sent_at as timestamp) as sent_at,
        cast(sends.first_open_at as timestamp) as first_open_at,
        cast(sends.first_machine_open_at as timestamp) as first_machine_open_at,
        cast(sends.first_click_at as timestamp) as first_click_at

    from sends
    left join reconversions
        on sends.send_id = reconversions.send_id
    left join programs
        on sends.program_id = programs.program_id
    left join accounts
        on sends.account_id = accounts.account_id

)

select * from final
