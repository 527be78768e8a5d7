{#-
    One parse of raw surveys.survey_responses: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_surveys__survey_responses (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules".
-#}


{%- set survey_type = cs_analytics.canonical_enum('survey_type') -%}
{%- set raw_columns = [
    'response_id',
    'survey_type',
    'account_id',
    'contact_id',
    'score',
    'comment',
    'responded_at',
    'related_activity_id',
    'rated_user_id',
] -%}

with source as (

    {{ cs_analytics.raw_source('surveys', 'survey_responses') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('response_id') }} as response_id,
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('contact_id') }} as contact_id,
        {{ cs_analytics.clean_id('related_activity_id') }} as related_activity_id,
        {{ cs_analytics.clean_id('rated_user_id') }} as rated_user_id,

        -- strings
        {{ cs_analytics.clean_enum(
            'survey_type', survey_type.synonyms, survey_type.accepted
        ) }} as survey_type,
        {{ cs_analytics.clean_free_text('comment') }} as comment,

        -- numerics
        {{ cs_analytics.safe_cast_integer('score') }} as score,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('responded_at') }} as responded_at,

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
            cs_analytics.dq_check_missing_key('response_id'),
            cs_analytics.dq_check_unparseable('score'),
            cs_analytics.dq_check_unparseable('responded_at'),
            cs_analytics.dq_check_implausible_date('responded_at'),
            cs_analytics.dq_check_future('responded_at'),
            cs_analytics.dq_check(
                'score_out_of_range', 'score',
                "coalesce((survey_type = 'nps' and (score < 0 or score > 10)) or (survey_type in ('csat', 'post_ebr') and (score < 1 or score > 5)), false)"
            ),
        ]) }},
        (
            coalesce(_raw_response_id, '') <> coalesce(response_id, '')
            or coalesce(_raw_account_id, '') <> coalesce(account_id, '')
            or coalesce(_raw_contact_id, '') <> coalesce(contact_id, '')
            or coalesce(_raw_related_activity_id, '') <> coalesce(related_activity_id, '')
            or coalesce(_raw_rated_user_id, '') <> coalesce(rated_user_id, '')
        ) as _id_was_normalised,
        (
            {{ cs_analytics.is_unknown_enum(
                '_raw_survey_type', survey_type.synonyms, survey_type.accepted
            ) }}
        ) as _has_unknown_enum,
        (
            {{ cs_analytics.has_utc_offset('_raw_responded_at') }}
        ) as _had_utc_offset

    from renamed

),

versioned as (

    select
        *,
        {{ cs_analytics.dq_versioning_columns(
            [cs_analytics.id_match_key('response_id')],
            ['_dq_raw_row desc']
        ) }}

    from labelled

),

final as (

    select
        -- ids
        response_id,
        account_id,
        contact_id,
        related_activity_id,
        rated_user_id,

        -- strings
        survey_type,
        comment,

        -- numerics
        score,

        -- timestamps
        responded_at,

        -- data quality
        {{ cs_analytics.surrogate_key(['_dq_raw_row', '_copy_number']) }} as _dq_row_id,
        _raw_response_id as _dq_raw_key,
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
