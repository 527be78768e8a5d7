{#-
    Was each renewal renewed on time? One row per renewal
    (`int_subscriptions_grouped_to_renewals`), with the CSM who owned the
    account on the 1st of the renewal month (the owner the CSM scorecard
    credits) and the on-time judgement.

    On time: the renewal was renewed (flat, expansion or contraction) and the
    account had an active subscription line on the renewal date plus var
    `renewal_on_time_grace_days` (default 7): the new term started by the
    renewal date, or within the grace days after it. A renewal that
    resumed later (a lapse in coverage longer than the grace) is renewed but
    late. Judged only once renewal date + grace is on or before the as-of
    date; churned and open renewals are not judged (null).
-#}

{%- set grace_days = var('renewal_on_time_grace_days', 7) | int %}

with renewals as (

    select * from {{ ref('int_subscriptions_grouped_to_renewals') }}

),

subscriptions as (

    select * from {{ ref('stg_billing__subscriptions') }}

),

owners as (

    select * from {{ ref('int_account_owners_monthly') }}

),

months as (

    select * from {{ ref('int_months') }}

),

as_of as (

    select max(as_of_date) as as_of_date
    from months

),

renewals_dated as (

    select
        renewals.renewal_key,
        renewals.account_id,
        renewals.renewal_date,
        renewals.renewal_outcome,
        renewals.is_renewal_due,
        renewals.arr_up_for_renewal,
        renewals.gross_renewed_arr,
        cast({{ dbt.date_trunc('month', 'renewals.renewal_date') }} as date) as renewal_month,
        cast({{ dbt.dateadd('day', grace_days, 'renewals.renewal_date') }} as date) as on_time_by_date,
        renewals.is_renewal_due and renewals.renewal_outcome <> 'churned' as is_renewed,
        as_of.as_of_date
    from renewals
    cross join as_of

),

covered_on_time as (

    select
        renewals_dated.renewal_key,
        count(*) as lines_active
    from renewals_dated
    inner join subscriptions
        on
            renewals_dated.account_id = subscriptions.account_id
            and renewals_dated.on_time_by_date >= subscriptions.start_date
            and (subscriptions.end_date is null or renewals_dated.on_time_by_date < subscriptions.end_date)
    where subscriptions.mrr > 0
    group by renewals_dated.renewal_key

),

final as (

    select
        -- ids
        renewals_dated.renewal_key,
        renewals_dated.account_id,
        owners.csm_user_id,

        -- strings
        owners.owner_role,
        renewals_dated.renewal_outcome,

        -- numerics
        renewals_dated.arr_up_for_renewal,
        renewals_dated.gross_renewed_arr,

        -- booleans
        renewals_dated.is_renewal_due,
        renewals_dated.is_renewed,
        case
            when renewals_dated.is_renewed and renewals_dated.on_time_by_date <= renewals_dated.as_of_date
                then coalesce(covered_on_time.lines_active, 0) > 0
        end as is_renewed_on_time,

        -- dates
        renewals_dated.renewal_date,
        renewals_dated.renewal_month,
        renewals_dated.on_time_by_date

    from renewals_dated
    left join covered_on_time
        on renewals_dated.renewal_key = covered_on_time.renewal_key
    left join owners
        on
            renewals_dated.account_id = owners.account_id
            and renewals_dated.renewal_month = owners.month_start

)

select * from final
