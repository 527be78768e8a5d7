{#-
    One parse of raw crm.account_team_history: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_crm__account_team_history (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}


{%- set team_role = cs_analytics.canonical_enum('team_role') -%}

with source as (

    {{ cs_analytics.raw_source('crm', 'account_team_history') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('user_id') }} as user_id,

        -- strings
        {{ cs_analytics.clean_enum('team_role', team_role.synonyms, team_role.accepted) }} as team_role,

        -- dates
        {{ cs_analytics.safe_cast_date('valid_from') }} as valid_from,
        {{ cs_analytics.safe_cast_date('valid_to') }} as valid_to,

        -- raw values, as they arrived
        {{ cs_analytics.dq_raw_values('crm', 'account_team_history') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'crm', 'account_team_history',
    checks=[
        cs_analytics.dq_check_missing_key('account_id'),
        cs_analytics.dq_check_missing_key('user_id'),
        cs_analytics.dq_check_missing_key('team_role'),
        cs_analytics.dq_check_missing_key('valid_from'),
        cs_analytics.dq_check_unparseable('valid_from'),
        cs_analytics.dq_check_unparseable('valid_to'),
        cs_analytics.dq_check_implausible_date('valid_from'),
        cs_analytics.dq_check_implausible_date('valid_to'),
    ],
    key=['account_id', 'user_id', 'team_role', 'valid_from'],
    unknown_enums={'team_role': team_role}
) }}

select * from final
