{#- Seconds from a ticket's creation to support's first response; null when
    either is missing or the response is stamped before the ticket was raised
    (a data error: the ticket still counts as a ticket, not as a response time). -#}
{% macro support_first_response_seconds(created_at='created_at', first_response_at='first_response_at') -%}
    case
        when {{ first_response_at }} >= {{ created_at }}
            then {{ dbt.datediff(created_at, first_response_at, 'second') }}
    end
{%- endmacro %}
