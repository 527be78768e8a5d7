{#-
    A percentile rank where tied values share one rank that reflects where
    they stand: the average-rank (mid-rank) percentile

        (values below + (tied values - 1) / 2) / (values in the group - 1)

    0 = lowest, 1 = highest, 0.5 = the middle. Without ties it equals
    `percent_rank()`; ties get the average of the positions they occupy, so
    three CSMs tied at the top of five share 0.75 (positions 2, 3, 4 of 0..4),
    not 0 as `percent_rank()` would give when they are the only values.
    A group with one value has nothing to rank against: null. Rows whose
    value is null get null and do not count in the group.
    Plain window functions (rank, count over a partition), so every engine
    runs it without dispatch.
-#}
{% macro shared_percent_rank(value, partition_by) -%}
    case
        when
            {{ value }} is not null
            and count({{ value }}) over (partition by {{ partition_by }}) > 1
            then cast(
                    (
                        rank() over (partition by {{ partition_by }}, {{ value }} is null order by {{ value }}) - 1
                        + (count(*) over (partition by {{ partition_by }}, {{ value }}) - 1) / 2.0
                    ) as {{ cs_analytics.type_double() }}
                )
                / (count({{ value }}) over (partition by {{ partition_by }}) - 1)
    end
{%- endmacro %}
