{#- digits: the rows 0-9 as `digit`, the portable seed of a number series
    (ones + 10 x tens + ...) on engines without generate_series. -#}
{% macro digits() -%}
    select 0 as digit
    {%- for i in range(1, 10) %}
    union all
    select {{ i }} as digit
    {%- endfor %}
{%- endmacro %}
