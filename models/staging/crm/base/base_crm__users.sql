{#-
    One parse of raw crm.users: every raw row kept, every column cast, and each
    row labelled with the reason it does not reach stg_crm__users (if any).
    Rules: DECISIONS.md, "Raw data and cleaning rules".
-#}


{%- set role = cs_analytics.canonical_enum('role') -%}
{%- set raw_columns = [
    'user_id',
    'full_name',
    'email',
    'role',
    'team',
    'region',
    'manager_user_id',
    'hired_at',
    'terminated_at',
    'monthly_cost',
] -%}

with source as (

    {{ cs_analytics.raw_source('crm', 'users') }}

),

renamed as (

    select
        -- ids
        {{ cs_analytics.clean_id('user_id') }} as user_id,
        {{ cs_analytics.clean_id('manager_user_id') }} as manager_user_id,

        -- strings
        {{ cs_analytics.clean_free_text('full_name') }} as full_name,
        {{ cs_analytics.clean_text('email') }} as email,
        {{ cs_analytics.clean_enum('role', role.synonyms, role.accepted) }} as role,
        {{ cs_analytics.clean_free_text('team') }} as team,
        {{ cs_analytics.clean_free_text('region') }} as region,

        -- numerics
        {{ cs_analytics.safe_cast_numeric('monthly_cost') }} as monthly_cost,

        -- timestamps
        {{ cs_analytics.safe_cast_timestamp_utc('hired_at') }} as hired_at,
        {{ cs_analytics.safe_cast_timestamp_utc('terminated_at') }} as terminated_at,

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
            cs_analytics.dq_check_missing_key('user_id'),
            cs_analytics.dq_check_unparseable('hired_at'),
            cs_analytics.dq_check_unparseable('terminated_at'),
            cs_analytics.dq_check_out_of_range('monthly_cost'),
            cs_analytics.dq_check_unparseable('monthly_cost'),
            cs_analytics.dq_check_implausible_date('hired_at'),
            cs_analytics.dq_check_implausible_date('terminated_at'),
            cs_analytics.dq_check_future('hired_at'),
        ]) }},
        (
            coalesce(_raw_user_id, '') <> coalesce(user_id, '')
            or coalesce(_raw_manager_user_id, '') <> coalesce(manager_user_id, '')
        ) as _id_was_normalised,
        (
            {{ cs_analytics.is_unknown_enum('_raw_role', role.synonyms, role.accepted) }}
        ) as _has_unknown_enum,
        (
            {{ cs_analytics.has_utc_offset('_raw_hired_at') }}
            or {{ cs_analytics.has_utc_offset('_raw_terminated_at') }}
        ) as _had_utc_offset

    from renamed

),

versioned as (

    select
        *,
        {{ cs_analytics.dq_versioning_columns(
            [cs_analytics.id_match_key('user_id')],
            ['_dq_raw_row desc']
        ) }}

    from labelled

),

final as (

    select
        -- ids
        user_id,
        manager_user_id,

        -- strings
        full_name,
        email,
        role,
        team,
        region,

        -- numerics
        monthly_cost,

        -- timestamps
        hired_at,
        terminated_at,

        -- data quality
        {{ cs_analytics.surrogate_key(['_dq_raw_row', '_copy_number']) }} as _dq_row_id,
        _raw_user_id as _dq_raw_key,
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
