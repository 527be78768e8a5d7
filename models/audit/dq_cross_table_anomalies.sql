{#-
    Problems staging cannot see because they span two tables. The rows stay
    in staging; intermediate models exclude them where they would distort a
    metric. Email events that happened before their email was sent (clock
    skew or a mis-joined webhook), which would inflate open and click rates
    if counted; and CTAs closed before they were created (a migrated or
    back-dated close), whose negative duration is left out of every median
    and on-time rate (int_ctas_enriched, int_csm_cta_outcomes).
-#}

with email_events as (

    select * from {{ ref('stg_digital__email_events') }}

),

email_sends as (

    select * from {{ ref('stg_digital__email_sends') }}

),

ctas as (

    select * from {{ ref('stg_cs_platform__ctas') }}

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

ctas_closed_before_created as (

    select
        cast('closed_before_created' as {{ dbt.type_string() }}) as anomaly_type,
        cast('cs_platform.ctas' as {{ dbt.type_string() }}) as source_table,
        cta_id as record_id,
        cast(null as {{ dbt.type_string() }}) as related_record_id,
        closed_at as record_at,
        created_at as related_record_at
    from ctas
    where cast(closed_at as date) < cast(created_at as date)

),

anomalies as (

    select * from events_before_send
    union all
    select * from ctas_closed_before_created

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

    from anomalies

)

select * from final
