{#-
    Clean crm.contact_job_changes: the rows of base_crm__contact_job_changes
    that passed every check, with exact duplicates and superseded versions
    collapsed.
-#}

with base as (

    select * from {{ ref('base_crm__contact_job_changes') }}

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key([cs_analytics.system_of_record_id('contact_id'), 'detected_at']) }} as job_change_key,
        {{ cs_analytics.system_of_record_id('contact_id') }} as contact_id,
        {{ cs_analytics.system_of_record_id('from_account_id') }} as from_account_id,
        {{ cs_analytics.system_of_record_id('to_account_id') }} as to_account_id,

        -- strings
        to_company_name,

        -- timestamps
        detected_at

    from base
    {{ cs_analytics.join_systems_of_record('crm.contact_job_changes') }}
    where
        _dq_reason is null
        and not _is_exact_duplicate
        and not _is_superseded_version

)

select * from final
