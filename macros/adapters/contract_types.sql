{#-
    Contracts declare portable type names (varchar, bigint, decimal(18,2), ...)
    once, for every engine. Spark has no length-less VARCHAR (its text type is
    STRING), so on Spark the contract check reads a declared `varchar` as
    `string`; every other type name means the same on DuckDB, PostgreSQL and
    Spark. dbt's own check then compares the declared and built types as usual.
-#}
{% macro spark__get_empty_schema_sql(columns) %}
    {%- set translated = {} -%}
    {%- for name, col in columns.items() -%}
        {%- set col = col.copy() if col.copy is defined else dict(col) -%}
        {%- if col.get('data_type') and col['data_type'].strip().lower() in ('varchar', 'text', 'character varying') -%}
            {%- do col.update({'data_type': 'string'}) -%}
        {%- endif -%}
        {%- do translated.update({name: col}) -%}
    {%- endfor -%}
    {{ return(dbt.default__get_empty_schema_sql(translated)) }}
{% endmacro %}
