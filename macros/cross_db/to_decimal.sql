{#- A floating-point result (a ratio, a share, a weighted score) as a fixed
    decimal that rounds the same on every engine. A double a hair below a
    rounding boundary (0.8703125 computed as 0.87031249999999) would otherwise
    round down on DuckDB and up on PostgreSQL, which converts doubles through
    15 significant digits. Casting to 9 decimals first removes that float
    noise everywhere, then the value is rounded to the contract's scale.
    Use for every double that lands in a decimal column:
    `{{ cs_analytics.to_decimal('usage_trend_ratio', 18, 6) }}`. -#}
{% macro to_decimal(expr, precision=18, scale=6) -%}
    cast(cast({{ expr }} as decimal(28, 9)) as decimal({{ precision }}, {{ scale }}))
{%- endmacro %}
