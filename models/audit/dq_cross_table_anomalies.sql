{#-
    Problems staging cannot see because they span two tables. The rows stay
    in staging; intermediate models exclude them where they would distort a
    metric. Today: email events that happened before their email was sent
    (clock skew or a mis-joined webhook), which would inflate open and click
    rates if counted.
-#}

with email_events as (

    select * from {{ ref('stg_digital__email_events') }}

),

email_sends as (

    select * from {{ ref('stg_digital__email_sends') }}

),

events_before_send as (

    select
        cast('event_before_send' as {{ dbt.type_string() }}) as anomaly_type,
        cast('digital.email_events' as {{ dbt.type_string() }}) as source_table,
        email_events.event_id as record_id,
        email_events.send_id as related_record_id,
        email_events.occurred_at as record_at,
        email_sends.sent_at as related_record_at
    from email_events
    inner join email_sends
        on email_events.send_id = email_sends.send_id
    where email_events.occurred_at < email_sends.sent_at

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key(['anomaly_type', 'source_table', 'record_id']) }} as anomaly_id,
        record_id,
        related_record_id,

        -- strings
        anomaly_type,
        source_table,

        -- timestamps
        record_at,
        related_record_at

    from events_before_send

)

select * from final
