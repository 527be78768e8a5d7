{#- One lift metric's per-enrollment values, in the columns the lift
    arithmetic reads (int_program_enrollments_aggregated_to_lift): program,
    cohort month, group, comparison group, metric name and kind, value. -#}
{% macro lift_metric_values(relation, lift_metric, metric_kind, metric_value, where,
                            enrolled_month='enrolled_month', is_holdout='is_holdout',
                            comparison_group="'holdout'") -%}
    select
        program_id,
        {{ enrolled_month }} as enrolled_month,
        {{ is_holdout }} as is_holdout,
        cast({{ comparison_group }} as {{ dbt.type_string() }}) as comparison_group,
        cast('{{ lift_metric }}' as {{ dbt.type_string() }}) as lift_metric,
        cast('{{ metric_kind }}' as {{ dbt.type_string() }}) as metric_kind,
        {{ metric_value }} as metric_value
    from {{ relation }}
    where {{ where }}
{%- endmacro %}
