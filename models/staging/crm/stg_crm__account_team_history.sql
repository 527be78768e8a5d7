{#-
    Clean crm.account_team_history: the rows of base_crm__account_team_history
    that passed every check, with exact duplicates and superseded versions
    collapsed. The columns: staged_columns() in
    macros/staging/staged_columns.sql.
-#}

with base as (

    select * from {{ ref('base_crm__account_team_history') }}

),

final as (

    select
        -- ids
        {{ cs_analytics.surrogate_key([
            cs_analytics.system_of_record_id('account_id'),
            cs_analytics.system_of_record_id('user_id'),
            'team_role',
            'valid_from'
        ]) }} as account_team_key,
        {{ cs_analytics.select_staged_columns('crm', 'account_team_history') }}

    from base
    {{ cs_analytics.join_systems_of_record('crm.account_team_history') }}
    where
        base._dq_reason is null
        and not base._is_exact_duplicate
        and not base._is_superseded_version

)

select * from final
