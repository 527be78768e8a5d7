{#-
    One row per alert source (each rule of the CS platform's rules engine,
    plus `manual`): the dimension `fct_alert_rules_monthly` and `fct_ctas`
    filter on. Built in int_alert_rules.
-#}

with rules as (

    select * from {{ ref('int_alert_rules') }}

),

final as (

    select
        -- ids
        cast(rule_id as {{ cs_analytics.type_varchar() }}) as rule_id,
        cast(main_playbook_id as {{ cs_analytics.type_varchar() }}) as main_playbook_id,

        -- strings
        cast(rule_label as {{ cs_analytics.type_varchar() }}) as rule_label,
        cast(alert_source as {{ cs_analytics.type_varchar() }}) as alert_source,
        cast(main_reason as {{ cs_analytics.type_varchar() }}) as main_reason,
        cast(main_cta_type as {{ cs_analytics.type_varchar() }}) as main_cta_type,
        cast(main_playbook_name as {{ cs_analytics.type_varchar() }}) as main_playbook_name,

        -- numerics
        cast(alerts_fired as bigint) as alerts_fired,
        cast(reasons as bigint) as reasons,

        -- dates
        first_fired_date,
        last_fired_date

    from rules

)

select * from final
