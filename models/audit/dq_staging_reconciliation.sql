{#-
    One row per raw table: every raw row is accounted for as staged,
    quarantined, a collapsed exact duplicate or a collapsed older version.
    raw_rows and the collapse counts come from the base model (which keeps
    every raw row); staged_rows is counted on the staging model itself, so a
    staging filter that lost or invented rows breaks is_reconciled. The
    cleaning counts (ids normalised, unknown enums, UTC offsets) cover every
    row that passed the checks, staged or collapsed. An id is normalised when
    trimming / NFC changed it or when it was re-spelled to its system of
    record's spelling (id_references, DECISIONS.md "ids"); the system of
    record's own spelling is never a normalisation.
-#}

{%- set tables = cs_analytics.staging_tables() -%}

with

{% for t in tables -%}
    base_{{ t.source }}__{{ t.table }} as (

        select * from {{ ref('base_' ~ t.source ~ '__' ~ t.table) }}

    ),

    stg_{{ t.source }}__{{ t.table }} as (

        select * from {{ ref('stg_' ~ t.source ~ '__' ~ t.table) }}

    ),

{% endfor -%}

counted as (

    {% for t in tables -%}
        select
            cast('{{ t.source }}.{{ t.table }}' as {{ dbt.type_string() }}) as source_table,
            base_counts.raw_rows,
            staged_counts.staged_rows,
            base_counts.quarantined_rows,
            base_counts.exact_duplicates_collapsed,
            base_counts.superseded_versions_collapsed,
            base_counts.ids_normalised_rows,
            base_counts.unknown_enum_rows,
            base_counts.utc_offset_rows
        from (
            select
                count(*) as raw_rows,
                sum(case when _dq_reason is not null then 1 else 0 end) as quarantined_rows,
                sum(case when _dq_reason is null and _is_exact_duplicate then 1 else 0 end)
                    as exact_duplicates_collapsed,
                sum(case when _is_superseded_version then 1 else 0 end) as superseded_versions_collapsed,
                sum(
                    case
                        when _dq_reason is null
                            and (_id_was_normalised or {{ cs_analytics.id_was_respelled(t.source ~ '.' ~ t.table) }})
                            then 1
                        else 0
                    end
                ) as ids_normalised_rows,
                sum(case when _dq_reason is null and _has_unknown_enum then 1 else 0 end)
                    as unknown_enum_rows,
                sum(case when _dq_reason is null and _had_utc_offset then 1 else 0 end)
                    as utc_offset_rows
            from base_{{ t.source }}__{{ t.table }} as base
            {{ cs_analytics.join_systems_of_record(t.source ~ '.' ~ t.table) }}
        ) as base_counts
        cross join (
            select count(*) as staged_rows
            from stg_{{ t.source }}__{{ t.table }}
        ) as staged_counts
        {% if not loop.last -%}
            union all
        {% endif -%}
    {% endfor %}
),

final as (

    select
        -- strings
        source_table,

        -- numerics
        cast(raw_rows as {{ dbt.type_bigint() }}) as raw_rows,
        cast(staged_rows as {{ dbt.type_bigint() }}) as staged_rows,
        cast(coalesce(quarantined_rows, 0) as {{ dbt.type_bigint() }}) as quarantined_rows,
        cast(coalesce(exact_duplicates_collapsed, 0) as {{ dbt.type_bigint() }}) as exact_duplicates_collapsed,
        cast(coalesce(superseded_versions_collapsed, 0) as {{ dbt.type_bigint() }}) as superseded_versions_collapsed,
        cast(coalesce(ids_normalised_rows, 0) as {{ dbt.type_bigint() }}) as ids_normalised_rows,
        cast(coalesce(unknown_enum_rows, 0) as {{ dbt.type_bigint() }}) as unknown_enum_rows,
        cast(coalesce(utc_offset_rows, 0) as {{ dbt.type_bigint() }}) as utc_offset_rows,

        -- booleans
        raw_rows = staged_rows
        + coalesce(quarantined_rows, 0)
        + coalesce(exact_duplicates_collapsed, 0)
        + coalesce(superseded_versions_collapsed, 0) as is_reconciled

    from counted

)

select * from final
