{#-
    One row per CRM user with a display name that is unique, for dashboards
    that filter or group by a person. Two people can share a name (the demo
    has two "Ada Okafor"s): a name held by one user is shown as it is; a
    shared name gets the user's team (or role when there is no team) in
    brackets; if that still collides, the user id is added as well.
-#}

with users as (

    select * from {{ ref('stg_crm__users') }}

),

named as (

    select
        user_id,
        full_name,
        coalesce(full_name, user_id) as base_name,
        coalesce(team, role, 'no team') as qualifier
    from users

),

counted as (

    select
        *,
        count(*) over (partition by base_name) as users_with_name,
        count(*) over (partition by base_name, qualifier) as users_with_name_and_qualifier
    from named

),

final as (

    select
        -- ids
        user_id,

        -- strings
        full_name,
        case
            when users_with_name = 1 then base_name
            when users_with_name_and_qualifier = 1 then base_name || ' (' || qualifier || ')'
            else base_name || ' (' || qualifier || ', ' || user_id || ')'
        end as display_name

    from counted

)

select * from final
