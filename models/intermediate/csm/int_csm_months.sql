{#-
    The rows of the CSM scorecard: one per CS user and month in which the
    user owned a book on the 1st or logged activity, from the CS platform's
    first activity month to the as-of month. Carries who the user is (name,
    CRM role, team) and the owner role they are ranked within: the role of
    their book, else `digital_csm` or `csm` from the CRM role.
-#}

with book as (

    select * from {{ ref('int_csm_book_accounts_monthly') }}

),

activities as (

    select * from {{ ref('int_activities_classified') }}

),

months as (

    select * from {{ ref('int_months') }}

),

users as (

    select * from {{ ref('stg_crm__users') }}

),

user_labels as (

    select * from {{ ref('int_users_labelled') }}

),

-- the scorecard's months: from the CS platform's first activity month
scorecard_months as (

    select months.month_start
    from months
    cross join (select min(activity_month) as first_activity_month from activities) as activity_coverage
    where
        activity_coverage.first_activity_month is null
        or months.month_start >= activity_coverage.first_activity_month

),

book_months as (

    select
        csm_user_id,
        month_start,
        max(owner_role) as book_owner_role
    from book
    group by csm_user_id, month_start

),

spine as (

    select
        csm_user_id,
        month_start
    from book_months
    union
    select
        user_id as csm_user_id,
        activity_month as month_start
    from activities
    where user_id is not null

),

final as (

    select
        -- ids
        spine.csm_user_id,

        -- strings
        user_labels.display_name as user_display_name,
        users.role as user_role,
        coalesce(
            book_months.book_owner_role,
            case when users.role = 'digital_csm' then 'digital_csm' else 'csm' end
        ) as owner_role,
        users.team,

        -- dates
        spine.month_start

    from spine
    inner join scorecard_months
        on spine.month_start = scorecard_months.month_start
    left join book_months
        on
            spine.csm_user_id = book_months.csm_user_id
            and spine.month_start = book_months.month_start
    left join users
        on spine.csm_user_id = users.user_id
    left join user_labels
        on spine.csm_user_id = user_labels.user_id

)

select * from final
