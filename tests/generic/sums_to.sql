{#-
    sums_to: within each group (e.g. each coverage model), the column adds up
    to the expected total (e.g. health-score weights add up to 1). Returns the
    groups that do not, within a rounding tolerance.
-#}
{% test sums_to(model, column_name, group_by_columns, total=1, tolerance=0.0001) %}

select
    {% for column in group_by_columns -%}
    {{ column }},
    {% endfor -%}
    sum({{ column_name }}) as column_total
from {{ model }}
group by
    {% for column in group_by_columns -%}
    {{ column }}{{ ',' if not loop.last }}
    {% endfor %}
having abs(sum({{ column_name }}) - {{ total }}) > {{ tolerance }}

{% endtest %}
