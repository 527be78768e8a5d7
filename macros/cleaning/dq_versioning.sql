{#-
    dq_versioning_columns: how each raw row of a base model relates to the
    other rows of its key, from ONE window (one sort) over the key:

    - _copy_number: 1 for the first of a group of byte-identical raw rows
      (same _dq_raw_row), 2, 3, ... for its exact duplicates;
    - _is_exact_duplicate: _copy_number > 1;
    - _is_version_candidate: a clean row (no _dq_reason) that is the first
      copy of its raw text, i.e. one candidate per distinct clean raw row;
    - _version_number: among the candidates of a key, 1 for the version
      that wins (first in version_order), 2, 3, ... for the superseded ones.

    The window partitions by the key and by "is the row clean" and orders by
    version_order, which must end with _dq_raw_row so that identical raw rows
    are adjacent and tied: rank() then marks the first copy of each group
    (copy = row_number - rank + 1) and dense_rank() numbers the distinct
    clean raw rows, which is the version number. Identical raw rows always
    share the key and the quarantine reason, so they fall in one partition.
    Same numbers as a row_number over the raw text followed by a row_number
    over the candidates, with one sort instead of two.
-#}
{% macro dq_versioning_columns(key_columns, version_order) -%}
    {%- set window -%}
        over (
            partition by {{ key_columns | join(', ') }}, (_dq_reason is null)
            order by {{ version_order | join(', ') }}
        )
    {%- endset -%}
    row_number() {{ window }} - rank() {{ window }} + 1 as _copy_number,
    row_number() {{ window }} > rank() {{ window }} as _is_exact_duplicate,
    (
        _dq_reason is null
        and row_number() {{ window }} = rank() {{ window }}
    ) as _is_version_candidate,
    dense_rank() {{ window }} as _version_number
{%- endmacro %}
