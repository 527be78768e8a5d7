{#-
    One row per playbook: every playbook in the platform's playbook list and
    every playbook id a CTA points at (a CTA can name a playbook missing
    from the list; it keeps its id with empty attributes). The attribution
    window falls back to var `default_attribution_window_days` (45).
-#}

with playbooks as (

    select * from {{ ref('stg_cs_platform__playbooks') }}

),

ctas as (

    select * from {{ ref('int_ctas_enriched') }}

),

playbook_ids as (

    select playbook_id from playbooks
    union
    select playbook_id from ctas
    where playbook_id is not null

),

final as (

    select
        playbook_ids.playbook_id,
        playbooks.playbook_name,
        playbooks.category,
        playbooks.success_metric,
        coalesce(playbooks.attribution_window_days, {{ var('default_attribution_window_days', 45) }})
            as attribution_window_days,
        playbooks.attribution_window_days is null as is_default_attribution_window
    from playbook_ids
    left join playbooks
        on playbook_ids.playbook_id = playbooks.playbook_id

)

select * from final
