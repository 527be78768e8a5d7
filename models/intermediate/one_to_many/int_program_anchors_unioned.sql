{#-
    Every reconversion anchor of a 1:many program, one row each: every email
    send, every holdout enrollment (anchored on its enrollment, the day its
    first email would have gone), and, for programs without a holdout, every
    month an account of the program's audience (the coverage models it sends
    to) was a customer on the month's 15th and got none of its emails that
    month (anchored on the 15th): the comparison group of eligible accounts
    not sent to. With the program's goal and the last day of the
    reconversion window (var `reconversion_window_days`, default 30, days
    after the anchor day).
-#}

{%- set window_days = var('reconversion_window_days', 30) %}

with sends as (

    select * from {{ ref('int_email_events_aggregated_to_sends') }}

),

programs as (

    select * from {{ ref('stg_digital__programs') }}

),

months as (

    select * from {{ ref('int_months') }}

),

enrollments as (

    select * from {{ ref('stg_digital__program_enrollments') }}

),

accounts as (

    select * from {{ ref('int_accounts_unified') }}

),

customer_days as (

    select * from {{ ref('int_account_customer_days') }}

),

programs_with_holdout as (

    select distinct program_id
    from enrollments
    where is_holdout

),

program_audiences as (

    {#- the coverage models a program sends to #}
    select distinct
        sends.program_id,
        accounts.coverage_model
    from sends
    inner join accounts
        on sends.account_id = accounts.account_id

),

sent_account_months as (

    select distinct
        program_id,
        account_id,
        sent_month
    from sends

),

comparison_anchors as (

    select
        program_audiences.program_id,
        accounts.account_id,
        cast({{ dbt.dateadd('day', 14, 'months.month_start') }} as date) as anchor_date
    from program_audiences
    inner join accounts
        on program_audiences.coverage_model = accounts.coverage_model
    cross join months
    left join programs_with_holdout
        on program_audiences.program_id = programs_with_holdout.program_id
    where programs_with_holdout.program_id is null

),

anchors as (

    select
        send_id as anchor_id,
        cast('send' as {{ dbt.type_string() }}) as anchor_type,
        program_id,
        account_id,
        step_number,
        sent_at as anchor_at,
        sent_date as anchor_date,
        was_delivered
    from sends

    union all

    select
        enrollment_id as anchor_id,
        cast('holdout' as {{ dbt.type_string() }}) as anchor_type,
        program_id,
        account_id,
        1 as step_number,
        enrolled_at as anchor_at,
        cast(enrolled_at as date) as anchor_date,
        true as was_delivered
    from enrollments
    where is_holdout and enrolled_at is not null

    union all

    select
        {{ cs_analytics.surrogate_key(['comparison_anchors.program_id', 'comparison_anchors.account_id',
            'comparison_anchors.anchor_date']) }} as anchor_id,
        cast('not_sent_same_month' as {{ dbt.type_string() }}) as anchor_type,
        comparison_anchors.program_id,
        comparison_anchors.account_id,
        1 as step_number,
        cast(comparison_anchors.anchor_date as {{ dbt.type_timestamp() }}) as anchor_at,
        comparison_anchors.anchor_date,
        true as was_delivered
    from comparison_anchors
    inner join customer_days
        on
            comparison_anchors.account_id = customer_days.account_id
            and comparison_anchors.anchor_date = customer_days.date_day
    left join sent_account_months
        on
            comparison_anchors.program_id = sent_account_months.program_id
            and comparison_anchors.account_id = sent_account_months.account_id
            and sent_account_months.sent_month
            = cast({{ dbt.date_trunc('month', 'comparison_anchors.anchor_date') }} as date)
    where customer_days.is_customer_day and sent_account_months.account_id is null

),

final as (

    select
        anchors.anchor_id,
        anchors.anchor_type,
        anchors.program_id,
        anchors.account_id,
        anchors.step_number,
        anchors.anchor_at,
        anchors.anchor_date,
        anchors.was_delivered,
        programs.goal_metric,
        cast({{ dbt.dateadd('day', window_days, 'anchors.anchor_date') }} as date) as reconversion_window_end_date
    from anchors
    left join programs
        on anchors.program_id = programs.program_id

)

select * from final
