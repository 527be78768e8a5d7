{#-
    Lift arithmetic for treated vs holdout comparisons (normal
    approximation). Plain SQL that every engine runs (sqrt, arithmetic), so
    no adapter dispatch. Callers guard the group sizes (n >= 2 for means,
    n >= 1 for rates) so nothing divides by zero.
-#}

{#- z for a two-sided 95% interval. -#}
{% macro otm_z_95() -%}
    1.959963985
{%- endmacro %}

{#- Standard error of a difference in means, unequal variances (Welch):
    sqrt(s_t^2 / n_t + s_h^2 / n_h), s^2 the sample variance (n - 1). -#}
{% macro otm_welch_standard_error(treated_variance, treated_n, holdout_variance, holdout_n) -%}
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
{% macro otm_two_proportion_standard_error(treated_successes, treated_n, holdout_successes, holdout_n) -%}
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
{% macro otm_plus_two_difference(treated_successes, treated_n, holdout_successes, holdout_n) -%}
    (({{ treated_successes }}) + 1.0) / (({{ treated_n }}) + 2.0)
    - (({{ holdout_successes }}) + 1.0) / (({{ holdout_n }}) + 2.0)
{%- endmacro %}
