{#- A share numerator / denominator as decimal(18, 6), null when the
    denominator is zero or null: the numerator goes through to_decimal first
    so every engine divides the same decimal. The form every rate column of
    the playbook marts uses. -#}
{% macro rate(numerator, denominator) -%}
    cast({{ cs_analytics.to_decimal(numerator, 18, 6) }} / nullif({{ denominator }}, 0) as decimal(18, 6))
{%- endmacro %}
