{#-
    One parse of raw cs_platform.ctas: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_cs_platform__ctas (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules".
-#}


{%- set close_source = cs_analytics.canonical_enum('close_source') -%}
{%- set cta_source = cs_analytics.canonical_enum('cta_source') -%}
{%- set cta_type = cs_analytics.canonical_enum('cta_type') -%}
{%- set raw_columns = [
    'cta_id',
    'account_id',
    'owner_user_id',
    'cta_type',
    'reason',
    'priority',
    'status',
    'playbook_id',
    'source',
    'rule_id',
    'not_valid_reason',
    'created_at',
    'due_date',
    'original_due_date',
    'closed_at',
    'close_source',
    'success_plan_id',
    'parent_cta_id',
    'updated_at',
] -%}

with source as (

    {{ cs_analytics.raw_source('cs_platform', 'ctas') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('cta_id') }} as cta_id,
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('owner_user_id') }} as owner_user_id,
        {{ cs_analytics.clean_id('playbook_id') }} as playbook_id,
        {{ cs_analytics.clean_id('rule_id') }} as rule_id,
        {{ cs_analytics.clean_id('success_plan_id') }} as success_plan_id,
        {{ cs_analytics.clean_id('parent_cta_id') }} as parent_cta_id,

        -- strings
        {{ cs_analytics.clean_enum('cta_type', cta_type.synonyms, cta_type.accepted) }} as cta_type,
        {{ cs_analytics.clean_code('reason') }} as reason,
        {{ cs_analytics.clean_code('priority') }} as priority,
        {{ cs_analytics.clean_code('status') }} as status,
        {{ cs_analytics.clean_enum('source', cta_source.synonyms, cta_source.accepted) }} as source,
        {{ cs_analytics.clean_free_text('not_valid_reason') }} as not_valid_reason,
        {{ cs_analytics.clean_enum(
            'close_source', close_source.synonyms, close_source.accepted
        ) }} as close_source,

        -- dates
        {{ cs_analytics.safe_cast_date('due_date') }} as due_date,
        {{ cs_analytics.safe_cast_date('original_due_date') }} as original_due_date,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('created_at') }} as created_at,
        {{ cs_analytics.safe_cast_timestamp_utc('closed_at') }} as closed_at,
        {{ cs_analytics.safe_cast_timestamp_utc('updated_at') }} as updated_at,

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
            cs_analytics.dq_check_missing_key('cta_id'),
            cs_analytics.dq_check_unparseable('created_at'),
            cs_analytics.dq_check_unparseable('due_date'),
            cs_analytics.dq_check_unparseable('original_due_date'),
            cs_analytics.dq_check_unparseable('closed_at'),
            cs_analytics.dq_check_unparseable('updated_at'),
            cs_analytics.dq_check_implausible_date('due_date'),
            cs_analytics.dq_check_implausible_date('original_due_date'),
            cs_analytics.dq_check_implausible_date('created_at'),
            cs_analytics.dq_check_implausible_date('closed_at'),
            cs_analytics.dq_check_implausible_date('updated_at'),
            cs_analytics.dq_check_future('created_at'),
            cs_analytics.dq_check_future('closed_at'),
        ]) }},
        (
            coalesce(_raw_cta_id, '') <> coalesce(cta_id, '')
            or coalesce(_raw_account_id, '') <> coalesce(account_id, '')
            or coalesce(_raw_owner_user_id, '') <> coalesce(owner_user_id, '')
            or coalesce(_raw_playbook_id, '') <> coalesce(playbook_id, '')
            or coalesce(_raw_rule_id, '') <> coalesce(rule_id, '')
            or coalesce(_raw_success_plan_id, '') <> coalesce(success_plan_id, '')
            or coalesce(_raw_parent_cta_id, '') <> coalesce(parent_cta_id, '')
        ) as _id_was_normalised,
        (
            {{ cs_analytics.is_unknown_enum('_raw_cta_type', cta_type.synonyms, cta_type.accepted) }}
            or {{ cs_analytics.is_unknown_enum('_raw_source', cta_source.synonyms, cta_source.accepted) }}
            or {{ cs_analytics.is_unknown_enum(
                '_raw_close_source', close_source.synonyms, close_source.accepted
            ) }}
        ) as _has_unknown_enum,
        (
            {{ cs_analytics.has_utc_offset('_raw_created_at') }}
            or {{ cs_analytics.has_utc_offset('_raw_closed_at') }}
            or {{ cs_analytics.has_utc_offset('_raw_updated_at') }}
        ) as _had_utc_offset

    from renamed

),

versioned as (

    select
        *,
        {{ cs_analytics.dq_versioning_columns(
            [cs_analytics.id_match_key('cta_id')],
            ['case when updated_at is null then 1 else 0 end', 'updated_at desc', '_dq_raw_row desc']
        ) }}

    from labelled

),

final as (

    select
        -- ids
        cta_id,
        account_id,
        owner_user_id,
        playbook_id,
        rule_id,
        success_plan_id,
        parent_cta_id,

        -- strings
        cta_type,
        reason,
        priority,
        status,
        source,
        not_valid_reason,
        close_source,

        -- dates
        due_date,
        original_due_date,

        -- timestamps
        created_at,
        closed_at,
        updated_at,

        -- data quality
        {{ cs_analytics.surrogate_key(['_dq_raw_row', '_copy_number']) }} as _dq_row_id,
        _raw_cta_id as _dq_raw_key,
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
