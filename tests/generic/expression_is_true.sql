{#-
    expression_is_true: every row of the model satisfies a SQL expression
    (e.g. raw_rows = staged_rows + quarantined_rows + ...). Returns the rows
    that do not.
-#}
{% test expression_is_true(model, expression) %}

select *
from {{ model }}
where not ({{ expression }})

{% endtest %}
