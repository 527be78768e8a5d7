{#-
    One row per CTA that generated opportunities (CSQLs credited to it
    through opportunities.source_cta_id): how many, the first one (earliest
    created, ties by id), whether any was sales accepted or won, pipeline
    and won ARR.
-#}

with opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

),

opportunities_ranked as (

    select
        source_cta_id as cta_id,
        opportunity_id,
        created_at,
        is_sales_accepted,
        is_won,
        amount_arr,
        row_number() over (partition by source_cta_id order by created_at, opportunity_id) as opportunity_rank
    from opportunities
    where source_cta_id is not null

),

final as (

    select
        cta_id,
        count(*) as opportunities_created,
        max(case when opportunity_rank = 1 then opportunity_id end) as opportunity_id,
        min(created_at) as first_opportunity_created_at,
        max(case when is_sales_accepted then 1 else 0 end) = 1 as was_sales_accepted,
        max(case when is_won then 1 else 0 end) = 1 as was_won,
        sum(amount_arr) as pipeline_arr,
        sum(case when is_won then amount_arr else 0 end) as won_arr
    from opportunities_ranked
    group by cta_id

)

select * from final
