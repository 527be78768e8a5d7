{#-
    Advocates per account at each month end: contacts flagged referenceable
    who had joined by then and had not left the customer. The CRM keeps only
    the current referenceable flag, so a contact who stopped being
    referenceable is not counted in earlier months either.
-#}

with contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

months as (

    select * from {{ ref('int_months') }}

),

final as (

    select
        -- ids
        contacts.account_id,

        -- dates
        months.month_start,

        -- numerics
        count(*) as referenceable_contacts,
        sum(case when contacts.is_champion then 1 else 0 end) as referenceable_champions

    from contacts
    inner join months
        on
            (contacts.created_at is null or contacts.created_at < months.month_end)
            and (contacts.left_at is null or contacts.left_at >= months.month_end)
    where
        contacts.is_referenceable
        and contacts.account_id is not null
    group by contacts.account_id, months.month_start

)

select * from final
