{#-
    One row per alert source: each rule of the CS platform's rules engine that
    fired a CTA, plus `manual` for CTAs a person opened. The platform's export
    carries no rule names, so the label is the rule id with the playbook its
    CTAs run most often (the CTA type when none), which is unique because the
    rule id is.
-#}

with ctas as (

    select * from {{ ref('int_ctas_enriched') }}

),

playbooks as (

    select * from {{ ref('stg_cs_platform__playbooks') }}

),

alerts as (

    select
        coalesce(rule_id, 'manual') as rule_id,
        coalesce(reason, 'unknown') as reason,
        cta_type,
        playbook_id,
        created_date
    from ctas

),

summary as (

    select
        rule_id,
        count(*) as alerts_fired,
        count(distinct reason) as reasons,
        min(created_date) as first_fired_date,
        max(created_date) as last_fired_date
    from alerts
    group by rule_id

),

-- the most frequent value of each column per rule; ties go to the smallest value
reason_ranked as (

    select
        rule_id,
        reason,
        row_number() over (
            partition by rule_id
            order by count(*) desc, reason
        ) as rank_in_rule
    from alerts
    where reason is not null
    group by rule_id, reason

),

cta_type_ranked as (

    select
        rule_id,
        cta_type,
        row_number() over (
            partition by rule_id
            order by count(*) desc, cta_type
        ) as rank_in_rule
    from alerts
    where cta_type is not null
    group by rule_id, cta_type

),

playbook_id_ranked as (

    select
        rule_id,
        playbook_id,
        row_number() over (
            partition by rule_id
            order by count(*) desc, playbook_id
        ) as rank_in_rule
    from alerts
    where playbook_id is not null
    group by rule_id, playbook_id

),

final as (

    select
        -- ids
        summary.rule_id,
        playbook_id_ranked.playbook_id as main_playbook_id,

        -- strings
        case
            when summary.rule_id = 'manual' then 'manual (opened by a person)'
            when playbooks.playbook_name is not null
                then summary.rule_id || ' -> ' || playbooks.playbook_name
            when cta_type_ranked.cta_type is not null
                then summary.rule_id || ' (' || cta_type_ranked.cta_type || ')'
            else summary.rule_id
        end as rule_label,
        case when summary.rule_id = 'manual' then 'manual' else 'rule' end as alert_source,
        reason_ranked.reason as main_reason,
        cta_type_ranked.cta_type as main_cta_type,
        playbooks.playbook_name as main_playbook_name,

        -- numerics
        summary.alerts_fired,
        summary.reasons,

        -- dates
        summary.first_fired_date,
        summary.last_fired_date

    from summary
    left join reason_ranked
        on summary.rule_id = reason_ranked.rule_id and reason_ranked.rank_in_rule = 1
    left join cta_type_ranked
        on summary.rule_id = cta_type_ranked.rule_id and cta_type_ranked.rank_in_rule = 1
    left join playbook_id_ranked
        on summary.rule_id = playbook_id_ranked.rule_id and playbook_id_ranked.rank_in_rule = 1
    left join playbooks
        on playbook_id_ranked.playbook_id = playbooks.playbook_id

)

select * from final
