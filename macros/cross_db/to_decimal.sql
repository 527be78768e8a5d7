{#- A floating-point result (a ratio, a share, a weighted score) as a fixed
    decimal that rounds the same on every engine. A double a hair below a
    rounding boundary (0.8703125 computed as 0.87031249999999) would otherwise
    round down on DuckDB and up on PostgreSQL, which converts doubles through
    15 significant digits. Casting to 9 decimals first removes that float
    noise everywhere, then the value is rounded to the contract's scale.
    Use for every double that lands in a decimal column:
    `{{ cs_analytics.to_decimal('usage_trend_ratio', 18, 6) }}`. -#}
{% macro to_decimal(expr, precision=18, scale=6, bounded=false) -%}
    {#- bounded: the value is below one billion by definition (a 0-100 score, a
        weight, a share, a per-seat rate), so the 9-decimal step fits a 64-bit
        decimal(18, 9); on DuckDB that is ten times faster than decimal(28, 9),
        which is what the 73-million-row daily health mart needs. A value
        that broke the bound would fail the build, never be truncated. -#}
    cast(cast({{ expr }} as decimal({{ 18 if bounded else 28 }}, 9)) as decimal({{ precision }}, {{ scale }}))
{%- endmacro %}
