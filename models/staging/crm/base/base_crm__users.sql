{#-
    One parse of raw crm.users: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_crm__users (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules". The labelled ->
    versioned -> final skeleton: macros/staging/base_model.sql.
-#}


{%- set role = cs_analytics.canonical_enum('role') -%}

with source as (

    {{ cs_analytics.raw_source('crm', 'users') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('user_id') }} as user_id,
        {{ cs_analytics.clean_id('manager_user_id') }} as manager_user_id,

        -- strings
        {{ cs_analytics.clean_free_text('full_name') }} as full_name,
        {{ cs_analytics.clean_text('email') }} as email,
        {{ cs_analytics.clean_enum('role', role.synonyms, role.accepted) }} as role,
        {{ cs_analytics.clean_free_text('team') }} as team,
        {{ cs_analytics.clean_free_text('region') }} as region,

        -- numerics
        {{ cs_analytics.safe_cast_numeric('monthly_cost') }} as monthly_cost,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('hired_at') }} as hired_at,
        {{ cs_analytics.safe_cast_timestamp_utc('terminated_at') }} as terminated_at,

        -- raw values, as they arrived
        {{ cs_analytics.dq_raw_values('crm', 'users') }}

    from source

),

{{ cs_analytics.base_model_ctes(
    'crm', 'users',
    checks=[
        cs_analytics.dq_check_missing_key('user_id'),
        cs_analytics.dq_check_unparseable('hired_at'),
        cs_analytics.dq_check_unparseable('terminated_at'),
        cs_analytics.dq_check_out_of_range('monthly_cost'),
        cs_analytics.dq_check_unparseable('monthly_cost'),
        cs_analytics.dq_check_implausible_date('hired_at'),
        cs_analytics.dq_check_implausible_date('terminated_at'),
        cs_analytics.dq_check_future('hired_at'),
    ],
    key=['user_id'],
    unknown_enums={'role': role}
) }}

select * from final
