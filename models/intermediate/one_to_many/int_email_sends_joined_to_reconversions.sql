{#-
    Did the customer come back, soon after the email? One row per send: the
    send rows of int_program_reconversion_anchors, where the definitions
    live. Reconversion means coming back: each goal (programs.goal_metric)
    has a lapsed or at-risk state on the send day (`reconversion_state`);
    a delivered send to an account in that state is eligible
    (`is_reconversion_eligible`) and reconverts when the goal behaviour
    follows within var `reconversion_window_days` (30) days; a send to an
    account not in that state is not eligible and never reconverts.
-#}

{{ config(materialized='table') }}

with anchors as (

    select * from {{ ref('int_program_reconversion_anchors') }}

),

final as (

    select
        -- ids
        anchor_id as send_id,
        program_id,
        account_id,

        -- strings
        goal_metric,
        reconversion_state,
        reconversion_evidence,

        -- numerics
        usage_per_seat_before_send,
        usage_per_seat_after_send,

        -- booleans
        is_in_reconversion_state,
        is_reconversion_eligible,
        did_reconvert,
        is_reconversion_window_complete,

        -- dates
        anchor_date as sent_date,
        reconversion_window_end_date,
        first_reconversion_date

    from anchors
    where anchor_type = 'send'

)

select * from final
