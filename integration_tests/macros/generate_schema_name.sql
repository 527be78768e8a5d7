{#-
    The demo's raw seeds land in the contract's schemas verbatim (raw_crm, ...),
    as an EL tool would write them, not prefixed with the target schema. The
    package's own nodes already use the package's verbatim rule.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ cs_analytics.generate_schema_name(custom_schema_name, node) }}
{%- endmacro %}
