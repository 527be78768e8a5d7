{#-
    unique_combination_of_columns: no two rows share the same values in all
    the listed columns (a natural key spanning several columns, e.g.
    coverage_model + activity_type). Returns each duplicated combination.
-#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

select
    {% for column in combination_of_columns -%}
    {{ column }},
    {% endfor -%}
    count(*) as rows_with_this_combination
from {{ model }}
group by
    {% for column in combination_of_columns -%}
    {{ column }}{{ ',' if not loop.last }}
    {% endfor %}
having count(*) > 1

{% endtest %}
