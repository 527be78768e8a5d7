{#-
    Advocates added per account and month (a flow): contacts whose first
    advocacy event (any type, ever) happened in the month, and whether it is
    the account's first month with any advocacy event. Rows: every account
    and month with either.
-#}

with advocacy_events as (

    select * from {{ ref('stg_crm__advocacy_events') }}
    where
        account_id is not null
        and occurred_at is not null

),

first_contact_events as (

    select
        account_id,
        contact_id,
        min(occurred_at) as first_advocated_at
    from advocacy_events
    where contact_id is not null
    group by account_id, contact_id

),

contacts_added as (

    select
        account_id,
        cast({{ dbt.date_trunc('month', 'first_advocated_at') }} as date) as month_start,
        count(*) as advocates_added
    from first_contact_events
    group by account_id, cast({{ dbt.date_trunc('month', 'first_advocated_at') }} as date)

),

first_account_months as (

    select
        account_id,
        cast({{ dbt.date_trunc('month', 'min(occurred_at)') }} as date) as month_start
    from advocacy_events
    group by account_id

),

final as (

    select
        -- ids
        coalesce(contacts_added.account_id, first_account_months.account_id) as account_id,

        -- numerics
        coalesce(contacts_added.advocates_added, 0) as advocates_added,

        -- booleans
        first_account_months.account_id is not null as is_new_advocate_account,

        -- dates
        coalesce(contacts_added.month_start, first_account_months.month_start) as month_start

    from contacts_added
    full outer join first_account_months
        on
            contacts_added.account_id = first_account_months.account_id
            and contacts_added.month_start = first_account_months.month_start

)

select * from final
