{#-
    The columns of one retention window in fct_revenue_retention: its ARR
    (with expansion and contraction split into products, seats and price)
    and logo counts and its three rates, each column prefixed with the
    window's name (`monthly_`, `trailing_12m_`). `window` is the alias of the
    aggregated window joined to the slice.
-#}
{% macro retention_window_columns(window) -%}
    {%- set arr_columns = [
        'starting_arr', 'expansion_arr', 'contraction_arr', 'churned_arr', 'gross_retained_arr',
        'ending_arr_of_cohort', 'new_arr', 'reactivation_arr', 'ending_arr',
    ] -%}
    {%- set logo_columns = [
        'starting_logos', 'retained_logos', 'churned_logos', 'new_logos', 'reactivated_logos', 'ending_logos',
    ] -%}
    {%- set rates = [
        ('grr', 'gross_retained_arr', 'starting_arr', ''),
        ('nrr', 'ending_arr_of_cohort', 'starting_arr', ''),
        ('logo_retention', 'retained_logos', 'starting_logos', '1.0 * '),
    ] -%}
    {%- for column in arr_columns %}
        {{ cs_analytics.to_decimal(window ~ '.' ~ column, 18, 2) }} as {{ window }}_{{ column }},
    {%- endfor %}
    {#- the expansion and contraction ARR split into products / seats / price:
        the price part is the rest, so the three add up to the total exactly -#}
    {%- for movement in ['expansion', 'contraction'] %}
        {{ cs_analytics.to_decimal(window ~ '.' ~ movement ~ '_products_arr', 18, 2) }}
        as {{ window }}_{{ movement }}_arr_from_products,
        {{ cs_analytics.to_decimal(window ~ '.' ~ movement ~ '_seats_arr', 18, 2) }}
        as {{ window }}_{{ movement }}_arr_from_seats,
        cast(
            {{ cs_analytics.to_decimal(window ~ '.' ~ movement ~ '_arr', 18, 2) }}
            - {{ cs_analytics.to_decimal(window ~ '.' ~ movement ~ '_products_arr', 18, 2) }}
            - {{ cs_analytics.to_decimal(window ~ '.' ~ movement ~ '_seats_arr', 18, 2) }}
            as decimal(18, 2)
        ) as {{ window }}_{{ movement }}_arr_from_price,
    {%- endfor %}
    {%- for column in logo_columns %}
        cast({{ window }}.{{ column }} as bigint) as {{ window }}_{{ column }},
    {%- endfor %}
    {%- for name, numerator, denominator, scale in rates %}
        cast(
            case
                when {{ window }}.{{ denominator }} > 0
                    then {{ scale }}{{ window }}.{{ numerator }} / {{ window }}.{{ denominator }}
            end
            as decimal(18, 6)
        ) as {{ window }}_{{ name }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}
