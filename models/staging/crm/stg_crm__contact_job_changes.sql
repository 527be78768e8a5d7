{#-
    Clean crm.contact_job_changes: the rows of base_crm__contact_job_changes
    that passed every check, with exact duplicates and superseded versions
    collapsed. The columns: staged_columns() in
    macros/staging/staged_columns.sql.
-#}

with base as (

    select * from {{ ref('base_crm__contact_job_changes') }}

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key([
            cs_analytics.system_of_record_id('contact_id'),
            'detected_at'
        ]) }} as job_change_key,
        {{ cs_analytics.select_staged_columns('crm', 'contact_job_changes') }}

    from base
    {{ cs_analytics.join_systems_of_record('crm.contact_job_changes') }}
    where
        base._dq_reason is null
        and not base._is_exact_duplicate
        and not base._is_superseded_version

)

select * from final
