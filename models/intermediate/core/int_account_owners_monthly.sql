{#-
    Point-in-time ownership: the CSM (or digital CSM) who owned each account
    on the first day of each month. That person is credited with the
    account's outcome for the month, so a book that changes hands is split by
    month. A hand-over dated exactly on the 1st belongs to the new owner
    (valid_from is inclusive, valid_to exclusive).
-#}

{{ config(materialized='table') }}

with assignments as (

    select * from {{ ref('int_account_csm_assignments') }}

),

months as (

    select * from {{ ref('int_months') }}

),

final as (

    select
        -- ids
        assignments.account_id,
        assignments.csm_user_id,

        -- strings
        assignments.owner_role,

        -- dates
        months.month_start,
        assignments.valid_from as owned_since_date

    from assignments
    inner join months
        on
            assignments.valid_from <= months.month_start
            and (assignments.valid_to is null or assignments.valid_to > months.month_start)

)

select * from final
