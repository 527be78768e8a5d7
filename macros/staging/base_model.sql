{#-
    The skeleton every base model shares (labelled -> versioned -> final),
    written once. A base model states what is specific to its raw table:
    the casts of its renamed CTE (ending with dq_raw_values), its
    quarantine checks, its key and its version order; then calls
    base_model_ctes and ends with `select * from final`.

    dq_raw_values: the raw text of every contract column as _raw_<column>
    (what the checks and _dq_raw_value report) and the whole raw row as
    _dq_raw_row (raw_row_text over the contract's columns, in contract
    order). Goes last in the renamed CTE.
-#}
{% macro dq_raw_values(source_name, table_name) -%}
    {%- set raw_columns = cs_analytics.raw_contract()[source_name ~ '.' ~ table_name]['columns'] -%}
    {%- for column in raw_columns %}
        cast({{ column }} as {{ dbt.type_string() }}) as _raw_{{ column }},
    {%- endfor %}
        {{ cs_analytics.raw_row_text(raw_columns) }} as _dq_raw_row
{%- endmacro %}


{#-
    base_model_ctes: the labelled, versioned and final CTEs of a base model
    reading the CTE `renamed`:

    - labelled: _dq_reason/_dq_column/_dq_raw_value from `checks` (the first
      rule broken wins, dq_label_columns), and the cleaning flags counted by
      dq_staging_reconciliation: _id_was_normalised (an id column, i.e. a
      staged column named *_id, differs from its raw text),
      _has_unknown_enum (a picklist of `unknown_enums`, {column: its
      canonical_enum()}, held a value that became 'other'),
      _had_utc_offset (a timestamp column, i.e. a staged column named
      *_at, arrived with a UTC offset);
    - versioned: dq_versioning_columns over `key`, ordered by
      `version_order` (default: the raw row text, descending; a table with
      updated_at puts the latest update first);
    - final: the staged columns (staged_columns), then the data-quality
      columns: _dq_row_id, _dq_raw_key (the raw text of the key; several key
      columns are joined as raw_row_text), _dq_reason, _dq_column,
      _dq_raw_value, _dq_raw_row, _is_exact_duplicate,
      _is_superseded_version and the three cleaning flags.
-#}
{% macro base_model_ctes(source_name, table_name, checks, key, version_order=none, unknown_enums={}) -%}
    {%- set columns = cs_analytics.staged_columns(source_name, table_name) -%}
    {%- set id_columns = [] -%}
    {%- set timestamp_columns = [] -%}
    {%- for column in columns -%}
        {%- if column.endswith('_id') -%}{%- do id_columns.append(column) -%}{%- endif -%}
        {%- if column.endswith('_at') -%}{%- do timestamp_columns.append(column) -%}{%- endif -%}
    {%- endfor -%}
    {%- set order = version_order if version_order is not none else ['_dq_raw_row desc'] -%}
    {#- versions are told apart by the ids' match keys (ACME-1 and acme-1 are
        one record: DECISIONS.md, "ids"), other key columns as they are -#}
    {%- set version_key = [] -%}
    {%- for column in key -%}
        {%- do version_key.append(cs_analytics.id_match_key(column) if column.endswith('_id') else column) -%}
    {%- endfor -%}
    {%- set raw_key = [] -%}
    {%- for column in key -%}
        {%- do raw_key.append('_raw_' ~ column) -%}
    {%- endfor -%}
labelled as (

    select
        *,
        {{ cs_analytics.dq_label_columns(checks) }},
        {% if id_columns -%}
        (
            {%- for column in id_columns %}
            {% if not loop.first %}or {% endif %}coalesce(_raw_{{ column }}, '') <> coalesce({{ column }}, '')
            {%- endfor %}
        )
        {%- else -%}
        false
        {%- endif %} as _id_was_normalised,
        {% if unknown_enums -%}
        (
            {%- for column, enum in unknown_enums.items() %}
            {% if not loop.first %}or {% endif %}{{ cs_analytics.is_unknown_enum('_raw_' ~ column, enum.synonyms, enum.accepted) }}
            {%- endfor %}
        )
        {%- else -%}
        false
        {%- endif %} as _has_unknown_enum,
        {% if timestamp_columns -%}
        (
            {%- for column in timestamp_columns %}
            {% if not loop.first %}or {% endif %}{{ cs_analytics.has_utc_offset('_raw_' ~ column) }}
            {%- endfor %}
        )
        {%- else -%}
        false
        {%- endif %} as _had_utc_offset

    from renamed

),

versioned as (

    select
        *,
        {{ cs_analytics.dq_versioning_columns(version_key, order) }}

    from labelled

),

final as (

    select
        {%- for column in columns %}
        {{ column }},
        {%- endfor %}

        -- data quality
        {{ cs_analytics.surrogate_key(['_dq_raw_row', '_copy_number']) }} as _dq_row_id,
        {{ raw_key[0] if raw_key | length == 1 else cs_analytics.raw_row_text(raw_key) }} as _dq_raw_key,
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
{%- endmacro %}
