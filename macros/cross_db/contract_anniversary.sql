{#- The next contract anniversary strictly after `from_date` (the first one
    when the contract starts on or after it): billing carries no term dates,
    so renewals are annual anniversaries of the first contract date. Null when
    the account has no contract date. -#}
{% macro next_contract_anniversary(first_contract_date, from_date) -%}
    {%- set years = '(' ~ dbt.datediff(first_contract_date, from_date, 'year') ~ ')' -%}
    case
        when {{ first_contract_date }} is null then null
        when {{ first_contract_date }} >= {{ from_date }}
            then cast({{ dbt.dateadd('year', 1, first_contract_date) }} as date)
        when cast({{ dbt.dateadd('year', years, first_contract_date) }} as date) > {{ from_date }}
            then cast({{ dbt.dateadd('year', years, first_contract_date) }} as date)
        else cast({{ dbt.dateadd('year', '(' ~ years ~ ' + 1)', first_contract_date) }} as date)
    end
{%- endmacro %}

{#- The first day of the first month starting on or after `date_expr` (the
    date itself when it is a month start): the month in which a renewal is
    judged on MRR. -#}
{% macro month_start_on_or_after(date_expr) -%}
    case
        when cast({{ dbt.date_trunc('month', date_expr) }} as date) = {{ date_expr }} then {{ date_expr }}
        else cast({{ dbt.dateadd('month', 1, dbt.date_trunc('month', date_expr)) }} as date)
    end
{%- endmacro %}
