{#-
    The 95% Wilson score interval of a proportion (successes out of n):

        centre = (p + z^2 / 2n) / (1 + z^2 / n)
        half   = z * sqrt(p (1 - p) / n + z^2 / 4n^2) / (1 + z^2 / n)

    Unlike the plain (Wald) interval it stays inside 0..1 and is not zero
    wide when a small group shows 0% or 100%. Null when n is 0. Plain SQL
    (sqrt, arithmetic), so every engine runs it without dispatch.
-#}
{% macro wilson_lower(successes, n) -%}
    {{ cs_analytics._wilson_bound(successes, n, '-') }}
{%- endmacro %}

{% macro wilson_upper(successes, n) -%}
    {{ cs_analytics._wilson_bound(successes, n, '+') }}
{%- endmacro %}

{% macro _wilson_bound(successes, n, sign) -%}
    {%- set z = '1.959963985' -%}
    {%- set p = '(cast(' ~ successes ~ ' as ' ~ cs_analytics.type_double() ~ ') / (' ~ n ~ '))' -%}
    case
        when ({{ n }}) > 0
            then (
                {{ p }} + {{ z }} * {{ z }} / (2.0 * ({{ n }}))
                {{ sign }} {{ z }} * sqrt(
                    {{ p }} * (1.0 - {{ p }}) / ({{ n }})
                    + {{ z }} * {{ z }} / (4.0 * ({{ n }}) * ({{ n }}))
                )
            ) / (1.0 + {{ z }} * {{ z }} / ({{ n }}))
    end
{%- endmacro %}
