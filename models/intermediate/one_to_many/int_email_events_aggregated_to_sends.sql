{#-
    One row per email send with what its events say about it, the shape of
    Fivetran's email models: each event type turned into a per-send count
    and a per-send flag, so every "unique" metric counts a send at most once.

    - Webhook-retry duplicates (same event id) are collapsed in staging and
      again here (one row per event id), so re-deliveries never count twice.
    - Events that happened before their send (clock skew, a mis-joined
      webhook; listed in dq_cross_table_anomalies) are excluded here and
      counted in events_before_send.
    - A send is bounced when it has a bounce event and delivered otherwise
      (delivered = sent - bounced), whether or not the ESP sent a delivered
      event.
    - Human opens are open events whose is_machine_open is false or null (an
      ESP that does not say is taken at its word that a person opened);
      opens flagged as machine opens (privacy proxies, security scanners)
      only set was_machine_opened. Opens, clicks, unsubscribes and spam
      reports count only on delivered sends.
-#}

{{ config(materialized='table') }}

with sends as (

    select * from {{ ref('stg_digital__email_sends') }}

),

staged_events as (

    select * from {{ ref('stg_digital__email_events') }}

),

-- one row per event id: staging already collapses webhook retries (same event id); kept here too so the
-- counts never depend on that (a retry must never count twice, not even in total_opens)
events as (

    select *
    from (
        select
            send_id,
            event_type,
            is_machine_open,
            occurred_at,
            row_number() over (
                partition by event_id
                order by occurred_at, event_type, send_id
            ) as event_copy_number
        from staged_events
    ) as numbered
    where event_copy_number = 1

),

events_classified as (

    select
        events.send_id,
        events.occurred_at,
        case when events.occurred_at < sends.sent_at then 1 else 0 end as is_before_send,
        case when events.event_type = 'delivered' then 1 else 0 end as is_delivered_event,
        case when events.event_type = 'bounce' then 1 else 0 end as is_bounce_event,
        case
            when events.event_type = 'open' and coalesce(events.is_machine_open, false) = false then 1 else 0
        end as is_human_open_event,
        case
            when events.event_type = 'open' and events.is_machine_open = true then 1 else 0
        end as is_machine_open_event,
        case when events.event_type = 'click' then 1 else 0 end as is_click_event,
        case when events.event_type = 'unsubscribe' then 1 else 0 end as is_unsubscribe_event,
        case when events.event_type = 'spam_report' then 1 else 0 end as is_spam_report_event
    from events
    inner join sends
        on events.send_id = sends.send_id

),

events_per_send as (

    select
        send_id,
        sum(is_before_send) as events_before_send,
        sum(case when is_before_send = 0 then is_delivered_event else 0 end) as delivered_events,
        sum(case when is_before_send = 0 then is_bounce_event else 0 end) as bounce_events,
        sum(case when is_before_send = 0 then is_human_open_event else 0 end) as human_open_events,
        sum(case when is_before_send = 0 then is_machine_open_event else 0 end) as machine_open_events,
        sum(case when is_before_send = 0 then is_click_event else 0 end) as click_events,
        sum(case when is_before_send = 0 then is_unsubscribe_event else 0 end) as unsubscribe_events,
        sum(case when is_before_send = 0 then is_spam_report_event else 0 end) as spam_report_events,
        min(case when is_before_send = 0 and is_human_open_event = 1 then occurred_at end) as first_open_at,
        min(case when is_before_send = 0 and is_machine_open_event = 1 then occurred_at end)
            as first_machine_open_at,
        min(case when is_before_send = 0 and is_click_event = 1 then occurred_at end) as first_click_at
    from events_classified
    group by send_id

),

joined as (

    select
        sends.send_id,
        sends.program_id,
        sends.account_id,
        sends.contact_id,
        sends.step_number,
        sends.sent_at,
        coalesce(events_per_send.events_before_send, 0) as events_before_send,
        coalesce(events_per_send.delivered_events, 0) as delivered_events,
        coalesce(events_per_send.bounce_events, 0) as bounce_events,
        coalesce(events_per_send.human_open_events, 0) as human_open_events,
        coalesce(events_per_send.machine_open_events, 0) as machine_open_events,
        coalesce(events_per_send.click_events, 0) as click_events,
        coalesce(events_per_send.unsubscribe_events, 0) as unsubscribe_events,
        coalesce(events_per_send.spam_report_events, 0) as spam_report_events,
        events_per_send.first_open_at,
        events_per_send.first_machine_open_at,
        events_per_send.first_click_at
    from sends
    left join events_per_send
        on sends.send_id = events_per_send.send_id

),

final as (

    select
        -- ids
        send_id,
        program_id,
        account_id,
        contact_id,

        -- numerics
        step_number,
        events_before_send,
        delivered_events,
        bounce_events,
        case when bounce_events = 0 then human_open_events else 0 end as human_open_events,
        case when bounce_events = 0 then machine_open_events else 0 end as machine_open_events,
        case when bounce_events = 0 then click_events else 0 end as click_events,

        -- booleans
        bounce_events > 0 as was_bounced,
        bounce_events = 0 as was_delivered,
        bounce_events = 0 and human_open_events > 0 as was_opened,
        bounce_events = 0 and machine_open_events > 0 as was_machine_opened,
        bounce_events = 0 and click_events > 0 as was_clicked,
        bounce_events = 0 and unsubscribe_events > 0 as was_unsubscribed,
        bounce_events = 0 and spam_report_events > 0 as was_spam_reported,

        -- dates
        cast(sent_at as date) as sent_date,
        cast({{ dbt.date_trunc('month', 'sent_at') }} as date) as sent_month,

        -- timestamps
        sent_at,
        case when bounce_events = 0 then first_open_at end as first_open_at,
        case when bounce_events = 0 then first_machine_open_at end as first_machine_open_at,
        case when bounce_events = 0 then first_click_at end as first_click_at

    from joined

)

select * from final
