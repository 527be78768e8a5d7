{#-
    The behaviour that shows an account came back, per 1:many goal, one row
    per piece of evidence: a feature's first use (feature_adoption), a
    renewal or replacement subscription line starting or a positive MRR
    movement or a won renewal opportunity (renewal), an expansion MRR
    movement or an expansion opportunity created (expansion), a survey
    response (survey). Daily evidence (is_timestamped false) has only a day
    and counts on days 1 .. N after an anchor; timestamped evidence counts
    from the anchor's moment (evidence_at).
-#}

with feature_periods as (

    select * from {{ ref('int_account_feature_use_periods') }}

),

mrr_monthly as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

subscriptions as (

    select * from {{ ref('stg_billing__subscriptions') }}

),

opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

),

survey_responses as (

    select * from {{ ref('stg_surveys__survey_responses') }}

),

first_subscription_starts as (

    select
        account_id,
        min(start_date) as first_start_date
    from subscriptions
    group by account_id

),

-- behaviour recorded by day (counts on days 1 .. N after the send)
daily_evidence as (

    select
        account_id,
        cast('feature_adoption' as {{ dbt.type_string() }}) as goal_metric,
        cast('feature_first_used' as {{ dbt.type_string() }}) as evidence_type,
        first_used_date as evidence_date
    from feature_periods
    where period_number = 1

    union all

    select
        subscriptions.account_id,
        cast('renewal' as {{ dbt.type_string() }}) as goal_metric,
        cast('subscription_line_started' as {{ dbt.type_string() }}) as evidence_type,
        subscriptions.start_date as evidence_date
    from subscriptions
    inner join first_subscription_starts
        on subscriptions.account_id = first_subscription_starts.account_id
    where subscriptions.start_date > first_subscription_starts.first_start_date

    union all

    select
        account_id,
        cast('renewal' as {{ dbt.type_string() }}) as goal_metric,
        cast('positive_mrr_movement' as {{ dbt.type_string() }}) as evidence_type,
        month_start as evidence_date
    from mrr_monthly
    where movement in ('expansion', 'reactivation')

    union all

    select
        account_id,
        cast('expansion' as {{ dbt.type_string() }}) as goal_metric,
        cast('expansion_mrr_movement' as {{ dbt.type_string() }}) as evidence_type,
        month_start as evidence_date
    from mrr_monthly
    where movement = 'expansion'

),

-- behaviour with a timestamp (counts from the send through day N)
timestamped_evidence as (

    select
        account_id,
        cast('renewal' as {{ dbt.type_string() }}) as goal_metric,
        cast('renewal_opportunity_won' as {{ dbt.type_string() }}) as evidence_type,
        closed_at as evidence_at
    from opportunities
    where
        opportunity_type = 'renewal'
        and is_won
        and closed_at is not null

    union all

    select
        account_id,
        cast('expansion' as {{ dbt.type_string() }}) as goal_metric,
        cast('expansion_opportunity_created' as {{ dbt.type_string() }}) as evidence_type,
        created_at as evidence_at
    from opportunities
    where
        opportunity_type = 'expansion'
        and created_at is not null

    union all

    select
        account_id,
        cast('survey' as {{ dbt.type_string() }}) as goal_metric,
        cast('survey_response' as {{ dbt.type_string() }}) as evidence_type,
        responded_at as evidence_at
    from survey_responses
    where responded_at is not null

),

-- the same evidence can come from two rows (e.g. two identical survey
-- answers): `union` keeps one, so the grain is one row per piece of evidence
final as (

    select
        account_id,
        goal_metric,
        evidence_type,
        evidence_date,
        cast(null as {{ dbt.type_timestamp() }}) as evidence_at,
        false as is_timestamped
    from daily_evidence

    union

    select
        account_id,
        goal_metric,
        evidence_type,
        cast(evidence_at as date) as evidence_date,
        evidence_at,
        true as is_timestamped
    from timestamped_evidence

)

select * from final
