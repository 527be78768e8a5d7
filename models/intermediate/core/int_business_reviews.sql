{#-
    The reviews a CS team holds with a customer, one row per timeline
    activity: ROI reviews (`roi_review`) and business reviews (`qbr`,
    `ebr`), each business review marked when the customer's executive
    sponsor attended (the activity's contact is a contact flagged as an
    executive sponsor). Counted whatever the logged direction, as QBRs and
    EBRs completed are on the CSM scorecard.
-#}

with activities as (

    select * from {{ ref('int_activities_classified') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

final as (

    select
        -- ids
        activities.activity_id,
        activities.account_id,
        activities.user_id,
        activities.contact_id,

        -- strings
        activities.activity_type,

        -- booleans
        activities.activity_type = 'roi_review' as is_roi_review,
        activities.activity_type in ('qbr', 'ebr') as is_business_review,
        coalesce(activities.activity_type in ('qbr', 'ebr') and contacts.is_exec_sponsor, false)
            as is_exec_attended,

        -- dates
        activities.activity_date,
        activities.activity_month

    from activities
    left join contacts
        on activities.contact_id = contacts.contact_id
    where activities.activity_type in ('roi_review', 'qbr', 'ebr')

)

select * from final
