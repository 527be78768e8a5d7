{#-
    Schemas are named exactly as configured (staging, intermediate, marts, dq,
    reference, raw_*), not prefixed with the target schema. BI users get one
    predictable serving schema (`marts`), and the demo seeds land in the same
    raw schemas a real EL tool would write to.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema | trim }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
