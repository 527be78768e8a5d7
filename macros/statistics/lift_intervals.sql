{#-
    Lift arithmetic for a treated (worked) group against a holdout
    (comparison) group, normal approximation. Plain SQL that every engine
    runs (sqrt, arithmetic), so no adapter dispatch. Callers guard the group
    sizes (n >= 2 for means, n >= 1 for rates) so nothing divides by zero.
    The 95% Wilson interval of a single rate is in wilson_interval.sql.
-#}

{#- z for a two-sided 95% interval. -#}
{% macro z_95() -%}
    1.959963985
{%- endmacro %}

{#- Sample variance (n - 1 denominator) from a group's count, sum and sum of
    squares, so groups can be added up first and the variance taken after:
    (sum of squares - sum^2 / n) / (n - 1). Null below two values; a tiny
    negative from rounding (all values equal) is zero. -#}
{% macro sample_variance(n, value_sum, value_sum_of_squares) -%}
    case
        when ({{ n }}) >= 2
            then case
                when ({{ value_sum_of_squares }}) - ({{ value_sum }}) * ({{ value_sum }}) / ({{ n }}) > 0
                    then
                        (({{ value_sum_of_squares }}) - ({{ value_sum }}) * ({{ value_sum }}) / ({{ n }}))
                        / (({{ n }}) - 1)
                else 0
            end
    end
{%- endmacro %}

{#- Standard error of a mean: sqrt(s^2 / n). -#}
{% macro standard_error_of_mean(variance, n) -%}
    sqrt({{ variance }} / {{ n }})
{%- endmacro %}

{#- Standard error of a difference in means, unequal variances (Welch):
    sqrt(s_t^2 / n_t + s_h^2 / n_h), s^2 the sample variance (n - 1). -#}
{% macro welch_standard_error(treated_variance, treated_n, holdout_variance, holdout_n) -%}
    sqrt(
        {{ treated_variance }} / {{ treated_n }}
        + {{ holdout_variance }} / {{ holdout_n }}
    )
{%- endmacro %}

{#- Standard error of a difference in proportions with the plus-two
    (Agresti-Caffo) adjustment: one success and one failure added to each
    group, p~ = (x + 1) / (n + 2), SE = sqrt(p~_t (1 - p~_t) / (n_t + 2) +
    p~_h (1 - p~_h) / (n_h + 2)). The plain Wald SE is zero when a group's
    rate is 0 or 1 (a holdout of 6 that all renewed), which makes any
    difference look certain; the adjusted one never is. -#}
{% macro plus_two_standard_error(treated_successes, treated_n, holdout_successes, holdout_n) -%}
    sqrt(
        (({{ treated_successes }}) + 1.0) / (({{ treated_n }}) + 2.0)
        * (1.0 - (({{ treated_successes }}) + 1.0) / (({{ treated_n }}) + 2.0))
        / (({{ treated_n }}) + 2.0)
        + (({{ holdout_successes }}) + 1.0) / (({{ holdout_n }}) + 2.0)
        * (1.0 - (({{ holdout_successes }}) + 1.0) / (({{ holdout_n }}) + 2.0))
        / (({{ holdout_n }}) + 2.0)
    )
{%- endmacro %}

{#- Centre of the plus-two (Agresti-Caffo) interval for a difference in
    proportions: (x_t + 1) / (n_t + 2) - (x_h + 1) / (n_h + 2). -#}
{% macro plus_two_difference(treated_successes, treated_n, holdout_successes, holdout_n) -%}
    (({{ treated_successes }}) + 1.0) / (({{ treated_n }}) + 2.0)
    - (({{ holdout_successes }}) + 1.0) / (({{ holdout_n }}) + 2.0)
{%- endmacro %}

{#- Ends of a normal interval: centre -/+ z standard errors. z defaults to
    z_95(); the playbook usage lift passes its historical 1.96. -#}
{% macro interval_lower(centre, standard_error, z=none) -%}
    {{ centre }} - {{ z if z is not none else cs_analytics.z_95() }} * {{ standard_error }}
{%- endmacro %}

{% macro interval_upper(centre, standard_error, z=none) -%}
    {{ centre }} + {{ z if z is not none else cs_analytics.z_95() }} * {{ standard_error }}
{%- endmacro %}

{#- True when the interval excludes zero (|centre| > z x SE); null without a
    standard error. -#}
{% macro is_significant(centre, standard_error, z=none) -%}
    case
        when {{ standard_error }} is not null
            then abs({{ centre }}) > {{ z if z is not none else cs_analytics.z_95() }} * {{ standard_error }}
    end
{%- endmacro %}
