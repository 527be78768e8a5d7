{#-
    The relation a model reads one of the six reference tables from: the
    user's own relation when var `reference_<name>` is set (e.g.
    "{{ ref('my_cta_status_outcomes') }}" in the root project's vars), else the
    package's seed of that name. The var's value is rendered in the model's
    context, so a ref() in it orders the DAG like any other ref.
-#}
{% macro reference_table(name) -%}
    {%- set allowed = [
        'cta_status_outcomes',
        'tier_targets',
        'lifecycle_cadences',
        'health_score_weights',
        'feature_milestones',
        'onboarding_targets',
    ] -%}
    {%- if name not in allowed -%}
        {{ exceptions.raise_compiler_error(
            "cs_analytics.reference_table: unknown reference table '" ~ name
            ~ "' (one of " ~ allowed | join(', ') ~ ")"
        ) }}
    {%- endif -%}
    {%- set override = var('reference_' ~ name, none) -%}
    {%- if override is not none and override | string | trim != '' -%}
        {{ override }}
    {%- else -%}
        {{ ref(name) }}
    {%- endif -%}
{%- endmacro %}
