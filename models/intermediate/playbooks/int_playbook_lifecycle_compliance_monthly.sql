{#-
    One row per lifecycle playbook and month: the account evaluations of
    the playbook's activity type (the CTA reason without its `_due` suffix,
    e.g. `ebr_due` -> `ebr`) at the month's end, and how many were
    compliant.
-#}

with ctas as (

    select * from {{ ref('int_ctas_enriched') }}

),

compliance as (

    select * from {{ ref('int_account_lifecycle_compliance_monthly') }}

),

playbook_activity_types as (

    select distinct
        playbook_id,
        {{ dbt.replace('reason', "'_due'", "''") }} as activity_type
    from ctas
    where playbook_id is not null and cta_type = 'lifecycle' and reason is not null

),

final as (

    select
        playbook_activity_types.playbook_id,
        compliance.month_start,
        count(*) as lifecycle_evaluations,
        sum(case when compliance.is_compliant then 1 else 0 end) as lifecycle_compliant
    from playbook_activity_types
    inner join compliance
        on playbook_activity_types.activity_type = compliance.activity_type
    group by playbook_activity_types.playbook_id, compliance.month_start

)

select * from final
