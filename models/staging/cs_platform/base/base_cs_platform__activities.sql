{#-
    One parse of raw cs_platform.activities: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_cs_platform__activities (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules".
-#}


{%- set activity_type = cs_analytics.canonical_enum('activity_type') -%}
{%- set direction = cs_analytics.canonical_enum('direction') -%}
{%- set sentiment = cs_analytics.canonical_enum('sentiment') -%}
{%- set raw_columns = [
    'activity_id',
    'account_id',
    'user_id',
    'contact_id',
    'activity_type',
    'direction',
    'occurred_at',
    'duration_minutes',
    'cta_id',
    'sentiment',
] -%}

with source as (

    {{ cs_analytics.raw_source('cs_platform', 'activities') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('activity_id') }} as activity_id,
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('user_id') }} as user_id,
        {{ cs_analytics.clean_id('contact_id') }} as contact_id,
        {{ cs_analytics.clean_id('cta_id') }} as cta_id,

        -- strings
        {{ cs_analytics.clean_enum(
            'activity_type', activity_type.synonyms, activity_type.accepted
        ) }} as activity_type,
        {{ cs_analytics.clean_enum('direction', direction.synonyms, direction.accepted) }} as direction,
        {{ cs_analytics.clean_enum('sentiment', sentiment.synonyms, sentiment.accepted) }} as sentiment,

        -- numerics
        {{ cs_analytics.safe_cast_integer('duration_minutes') }} as duration_minutes,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('occurred_at') }} as occurred_at,

        -- raw values, as they arrived
        {%- for column in raw_columns %}
            cast({{ column }} as {{ dbt.type_string() }}) as _raw_{{ column }},
        {%- endfor %}
        {{ cs_analytics.raw_row_text(raw_columns) }} as _dq_raw_row

    from source

),

labelled as (

    select
        *,
        {{ cs_analytics.dq_label_columns([
            cs_analytics.dq_check_missing_key('activity_id'),
            cs_analytics.dq_check_unparseable('occurred_at'),
            cs_analytics.dq_check_unparseable('duration_minutes'),
            cs_analytics.dq_check_implausible_date('occurred_at'),
            cs_analytics.dq_check_future('occurred_at'),
        ]) }},
        (
            coalesce(_raw_activity_id, '') <> coalesce(activity_id, '')
            or coalesce(_raw_account_id, '') <> coalesce(account_id, '')
            or coalesce(_raw_user_id, '') <> coalesce(user_id, '')
            or coalesce(_raw_contact_id, '') <> coalesce(contact_id, '')
            or coalesce(_raw_cta_id, '') <> coalesce(cta_id, '')
        ) as _id_was_normalised,
        (
            {{ cs_analytics.is_unknown_enum(
                '_raw_activity_type', activity_type.synonyms, activity_type.accepted
            ) }}
            or {{ cs_analytics.is_unknown_enum('_raw_direction', direction.synonyms, direction.accepted) }}
            or {{ cs_analytics.is_unknown_enum('_raw_sentiment', sentiment.synonyms, sentiment.accepted) }}
        ) as _has_unknown_enum,
        (
            {{ cs_analytics.has_utc_offset('_raw_occurred_at') }}
        ) as _had_utc_offset

    from renamed

),

versioned as (

    select
        *,
        {{ cs_analytics.dq_versioning_columns(
            [cs_analytics.id_match_key('activity_id')],
            ['_dq_raw_row desc']
        ) }}

    from labelled

),

final as (

    select
        -- ids
        activity_id,
        account_id,
        user_id,
        contact_id,
        cta_id,

        -- strings
        activity_type,
        direction,
        sentiment,

        -- numerics
        duration_minutes,

        -- timestamps
        occurred_at,

        -- data quality
        {{ cs_analytics.surrogate_key(['_dq_raw_row', '_copy_number']) }} as _dq_row_id,
        _raw_activity_id as _dq_raw_key,
        _dq_reason,
        _dq_column,
        _dq_raw_value,
        _dq_raw_row,
        _is_exact_duplicate,
        (_is_version_candidate and _version_number > 1) as _is_superseded_version,
        _id_was_normalised,
        _has_unknown_enum,
        _had_utc_offset

    from versioned

)

select * from final
