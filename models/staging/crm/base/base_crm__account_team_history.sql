{#-
    One parse of raw crm.account_team_history: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_crm__account_team_history (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules".
-#}


{%- set team_role = cs_analytics.canonical_enum('team_role') -%}
{%- set raw_columns = [
    'account_id',
    'user_id',
    'team_role',
    'valid_from',
    'valid_to',
] -%}

with source as (

    {{ cs_analytics.raw_source('crm', 'account_team_history') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('account_id') }} as account_id,
        {{ cs_analytics.clean_id('user_id') }} as user_id,

        -- strings
        {{ cs_analytics.clean_enum('team_role', team_role.synonyms, team_role.accepted) }} as team_role,

        -- dates
        {{ cs_analytics.safe_cast_date('valid_from') }} as valid_from,
        {{ cs_analytics.safe_cast_date('valid_to') }} as valid_to,

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
            cs_analytics.dq_check_missing_key('account_id'),
            cs_analytics.dq_check_missing_key('user_id'),
            cs_analytics.dq_check_missing_key('team_role'),
            cs_analytics.dq_check_missing_key('valid_from'),
            cs_analytics.dq_check_unparseable('valid_from'),
            cs_analytics.dq_check_unparseable('valid_to'),
            cs_analytics.dq_check_implausible_date('valid_from'),
            cs_analytics.dq_check_implausible_date('valid_to'),
        ]) }},
        (
            coalesce(_raw_account_id, '') <> coalesce(account_id, '')
            or coalesce(_raw_user_id, '') <> coalesce(user_id, '')
        ) as _id_was_normalised,
        (
            {{ cs_analytics.is_unknown_enum('_raw_team_role', team_role.synonyms, team_role.accepted) }}
        ) as _has_unknown_enum,
        false as _had_utc_offset

    from renamed

),

versioned as (

    select
        *,
        {{ cs_analytics.dq_versioning_columns(
            [cs_analytics.id_match_key('account_id'), cs_analytics.id_match_key('user_id'), 'team_role', 'valid_from'],
            ['_dq_raw_row desc']
        ) }}

    from labelled

),

final as (

    select
        -- ids
        account_id,
        user_id,

        -- strings
        team_role,

        -- dates
        valid_from,
        valid_to,

        -- data quality
        {{ cs_analytics.surrogate_key(['_dq_raw_row', '_copy_number']) }} as _dq_row_id,
        {{ cs_analytics.raw_row_text(
            ['_raw_account_id', '_raw_user_id', '_raw_team_role', '_raw_valid_from']
        ) }} as _dq_raw_key,
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
