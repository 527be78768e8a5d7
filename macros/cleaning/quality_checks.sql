{#-
    is_unparseable: true when the raw value was filled in (not null, not
    blank) but its parsed value is null, i.e. the value could not be read as
    its type. Such a row is quarantined as unparseable_<column>.
-#}
{% macro is_unparseable(raw_col, parsed_col) -%}
    {{ return(adapter.dispatch('is_unparseable', 'cs_analytics')(raw_col, parsed_col)) }}
{%- endmacro %}

{% macro default__is_unparseable(raw_col, parsed_col) -%}
    ({{ cs_analytics._as_clean_text(raw_col) }} is not null and {{ parsed_col }} is null)
{%- endmacro %}

{% macro duckdb__is_unparseable(raw_col, parsed_col) -%}
    {{ cs_analytics.default__is_unparseable(raw_col, parsed_col) }}
{%- endmacro %}

{% macro postgres__is_unparseable(raw_col, parsed_col) -%}
    {{ cs_analytics.default__is_unparseable(raw_col, parsed_col) }}
{%- endmacro %}

{% macro spark__is_unparseable(raw_col, parsed_col) -%}
    {{ cs_analytics.default__is_unparseable(raw_col, parsed_col) }}
{%- endmacro %}


{#-
    is_future: true when a parsed event date or timestamp lies after the
    build's current time plus one day (the day of grace absorbs time-zone
    skew). An event that has not happened yet is impossible, so the row is
    quarantined as future_date. Due dates and end dates are never checked.
-#}
{% macro is_future(parsed_col) -%}
    {{ return(adapter.dispatch('is_future', 'cs_analytics')(parsed_col)) }}
{%- endmacro %}

{% macro default__is_future(parsed_col) -%}
    coalesce(
        cast({{ parsed_col }} as {{ dbt.type_timestamp() }})
        > cast({{ dbt.dateadd('day', 1, dbt.current_timestamp()) }} as {{ dbt.type_timestamp() }}),
        false
    )
{%- endmacro %}

{% macro duckdb__is_future(parsed_col) -%}
    {{ cs_analytics.default__is_future(parsed_col) }}
{%- endmacro %}

{% macro postgres__is_future(parsed_col) -%}
    {{ cs_analytics.default__is_future(parsed_col) }}
{%- endmacro %}

{% macro spark__is_future(parsed_col) -%}
    {{ cs_analytics.default__is_future(parsed_col) }}
{%- endmacro %}


{#-
    dq_check / dq_check_*: describe one quarantine rule of a base model as
    {reason, column, condition, raw_value}. dq_label_columns turns the
    ordered list into _dq_reason, _dq_column and _dq_raw_value: the first
    rule a row breaks wins (order per DECISIONS.md). The raw text of a column
    is expected as _raw_<column>, the parsed value as <column>.
-#}
{% macro dq_check(reason, column, condition, raw_value=none) -%}
    {{ return({
        'reason': reason,
        'column': column,
        'condition': condition,
        'raw_value': raw_value if raw_value is not none else '_raw_' ~ column,
    }) }}
{%- endmacro %}

{% macro dq_check_missing_key(column) -%}
    {{ return(cs_analytics.dq_check(
        'missing_primary_key', column,
        cs_analytics._as_clean_text('_raw_' ~ column) ~ ' is null'
    )) }}
{%- endmacro %}

{% macro dq_check_unparseable(column) -%}
    {{ return(cs_analytics.dq_check(
        'unparseable_' ~ column, column,
        cs_analytics.is_unparseable('_raw_' ~ column, column)
    )) }}
{%- endmacro %}

{% macro dq_check_future(column) -%}
    {{ return(cs_analytics.dq_check('future_date', column, cs_analytics.is_future(column))) }}
{%- endmacro %}

{#-
    max_amount: the bound on every money amount the package reads (MRR, ARR,
    costs): the absolute value must be below 1,000,000,000 (one billion per
    line, per month for MRR). The marts store money as decimal(18,2), i.e.
    below 10^16: ARR = 12 x MRR, differences and previous-month values of
    one line stay below 1.2 x 10^10, and a sum over lines fits as long as
    the portfolio's total ARR stays below 10^16 (at least 833,333 lines
    even if each were at the bound). A value at or above the bound is a
    typo or a unit mix-up (cents, another currency's minor unit), never a
    real contract line.

    dq_check_out_of_range: the raw text is a plain decimal number (any
    number of digits) but its value does not fit the bound, or has too
    many digits to be read at all (more than 20 before the point). Listed
    before dq_check_unparseable of the same column, so a 25-digit amount is
    value_out_of_range, not unparseable.
-#}
{% macro max_amount() -%}
    {{ return(1000000000) }}
{%- endmacro %}

{% macro dq_check_out_of_range(column, bound=none) -%}
    {%- set limit = bound if bound is not none else cs_analytics.max_amount() -%}
    {%- set text = cs_analytics._as_clean_text('_raw_' ~ column) -%}
    {{ return(cs_analytics.dq_check(
        'value_out_of_range', column,
        '(' ~ cs_analytics._matches_pattern(text, 'numeric_any_size')
        ~ ' and not coalesce(abs(' ~ column ~ ') < ' ~ limit ~ ', false))'
    )) }}
{%- endmacro %}

{% macro dq_label_columns(checks) -%}
    case
        {%- for check in checks %}
        when {{ check.condition }} then '{{ check.reason }}'
        {%- endfor %}
    end as _dq_reason,
    case
        {%- for check in checks %}
        when {{ check.condition }} then '{{ check.column }}'
        {%- endfor %}
    end as _dq_column,
    case
        {%- for check in checks %}
        when {{ check.condition }} then {{ check.raw_value }}
        {%- endfor %}
    end as _dq_raw_value
{%- endmacro %}


{#-
    earliest_plausible_date: var `earliest_plausible_date` (default
    2000-01-01) as a date literal. A parsed date or timestamp before it is
    a placeholder ('1900-01-01', '0001-01-01', the Unix epoch) or a typo,
    never a real event of a customer-success stack.

    dq_check_implausible_date: quarantine the row as implausible_date when
    the parsed value lies before the earliest plausible date. There is no
    upper bound here: '9999-12-31' as an open-ended end date is valid, and
    future event dates have their own rule (future_date). Listed after the
    unparseable_<column> checks, before future_date.
-#}
{% macro earliest_plausible_date() -%}
    cast('{{ var("earliest_plausible_date", "2000-01-01") }}' as date)
{%- endmacro %}

{% macro dq_check_implausible_date(column) -%}
    {{ return(cs_analytics.dq_check(
        'implausible_date', column,
        'coalesce(cast(' ~ column ~ ' as date) < ' ~ cs_analytics.earliest_plausible_date() ~ ', false)'
    )) }}
{%- endmacro %}


{#-
    dq_check_missing_required: quarantine the row as missing_<column> when a
    column the contract requires (not the primary key) is null or blank in
    the raw row. Only for columns without which the row cannot count at all
    (a subscription line without an account, a start date or an MRR).
-#}
{% macro dq_check_missing_required(column) -%}
    {{ return(cs_analytics.dq_check(
        'missing_' ~ column, column,
        cs_analytics._as_clean_text('_raw_' ~ column) ~ ' is null'
    )) }}
{%- endmacro %}


{#-
    dq_check_ends_before_start: quarantine the row as end_before_start when
    both dates parsed and the end lies strictly before the start. The raw
    value reported is the end.
-#}
{% macro dq_check_ends_before_start(start_column, end_column) -%}
    {{ return(cs_analytics.dq_check(
        'end_before_start', end_column,
        'coalesce(' ~ end_column ~ ' < ' ~ start_column ~ ', false)'
    )) }}
{%- endmacro %}
