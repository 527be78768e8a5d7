{#-
    One row per 1:many program and month emails were sent (the send month):
    sends and their responses (deliveries, bounces, unique human opens and
    clicks, unsubscribes, spam reports, events before the send left out),
    the accounts sent to and reached, and the reconversion of the delivered
    sends whose window is complete: eligible (in the goal's lapsed state),
    not in the state, reconverted.
-#}

with sends as (

    select * from {{ ref('int_email_events_aggregated_to_sends') }}

),

reconversions as (

    select * from {{ ref('int_email_sends_joined_to_reconversions') }}

),

final as (

    select
        sends.program_id,
        sends.sent_month as month_start,
        count(*) as sends,
        sum(case when sends.was_delivered then 1 else 0 end) as deliveries,
        sum(case when sends.was_bounced then 1 else 0 end) as bounces,
        sum(case when sends.was_opened then 1 else 0 end) as unique_opens,
        sum(sends.human_open_events) as total_opens,
        sum(case when sends.was_machine_opened then 1 else 0 end) as machine_opened_sends,
        sum(case when sends.was_clicked then 1 else 0 end) as unique_clicks,
        sum(sends.click_events) as total_clicks,
        sum(case when sends.was_unsubscribed then 1 else 0 end) as unsubscribes,
        sum(case when sends.was_spam_reported then 1 else 0 end) as spam_reports,
        sum(sends.events_before_send) as events_before_send_excluded,
        count(distinct sends.account_id) as accounts_sent_to,
        count(distinct case when sends.was_delivered then sends.account_id end) as accounts_reached,
        sum(
            case
                when
                    sends.was_delivered and reconversions.is_reconversion_window_complete
                    and reconversions.is_reconversion_eligible
                    then 1
                else 0
            end
        ) as reconversion_eligible_sends,
        sum(
            case
                when
                    sends.was_delivered and reconversions.is_reconversion_window_complete
                    and not reconversions.is_reconversion_eligible
                    then 1
                else 0
            end
        ) as sends_not_in_reconversion_state,
        sum(
            case
                when
                    sends.was_delivered and reconversions.is_reconversion_window_complete
                    and reconversions.did_reconvert
                    then 1
                else 0
            end
        ) as reconversions
    from sends
    left join reconversions
        on sends.send_id = reconversions.send_id
    group by sends.program_id, sends.sent_month

)

select * from final
