{#-
    Schemas are named exactly as configured (staging, intermediate, marts, dq,
    reference), not prefixed with the target schema, so BI users get one
    predictable serving schema (`marts`).

    The package's layers are configured with their default names in
    dbt_project.yml; the name actually used comes from the layer's var
    (`staging_schema`, `intermediate_schema`, `marts_schema`, `audit_schema`,
    `reference_schema`). The lookup happens here, at run time, because dbt does
    not resolve a root project's vars inside an installed package's
    dbt_project.yml: a var there would silently keep its default.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- set layer_vars = {
        'staging': 'staging_schema',
        'intermediate': 'intermediate_schema',
        'marts': 'marts_schema',
        'dq': 'audit_schema',
        'reference': 'reference_schema',
    } -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema | trim }}
    {%- elif node.package_name == 'cs_analytics' and custom_schema_name | trim in layer_vars -%}
        {{ var(layer_vars[custom_schema_name | trim], custom_schema_name | trim) | trim }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
