{#-
    id_match_key: the key two spellings of one id are matched on (the rule of
    DECISIONS.md, "ids"). The argument is an id already cleaned by clean_id.

    - A Salesforce-shaped id (15 letters/digits, or 15 + a 3-character
      checksum of A-Z / 0-5) matches on its canonical 18-character form: the
      first 15 characters with their case as Salesforce means it, then the
      checksum in upper case. A 15-character id is case-sensitive, so its
      case is kept and the checksum computed from it; an 18-character id is
      case-insensitive, so the case of its first 15 characters is restored
      from its checksum (a system that lower-cased it still matches). Hence
      '001A000001AbCdE' and '001A000001ABCDE' are two records, and
      '001A000001AbCdE' and '001A000001AbCdEDAI' (or '001a000001abcdedai')
      are one.
    - Any other id matches on its lower-cased form ('ACME-1' = 'acme-1').

    Checksum: for each 5-character chunk of the 15, bit i is set when
    character i is an upper-case letter; the 5-bit number indexes
    'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345'. Written with substr/upper/lower/case
    only, so it is the same SQL on every engine.

    var cs_salesforce_ids (default true): false matches every id on its
    lower-cased form (for sources whose 15- or 18-character alphanumeric ids
    are not Salesforce ids and are re-cased between systems).
-#}
{% macro id_match_key(expr) -%}
    {%- if var('cs_salesforce_ids', true) -%}
        case
            when length({{ expr }}) = 15
                and {{ cs_analytics._matches_pattern(expr, 'salesforce_id') }}
                then {{ cs_analytics._salesforce_key_15(expr) }}
            when length({{ expr }}) = 18
                and {{ cs_analytics._matches_pattern(expr, 'salesforce_id') }}
                then {{ cs_analytics._salesforce_key_18(expr) }}
            else lower({{ expr }})
        end
    {%- else -%}
        lower({{ expr }})
    {%- endif -%}
{%- endmacro %}


{%- macro _salesforce_checksum_alphabet() -%}
    {{ return('ABCDEFGHIJKLMNOPQRSTUVWXYZ012345') }}
{%- endmacro -%}


{#- A 15-character id followed by its checksum (the 18-character form). -#}
{% macro _salesforce_key_15(expr) -%}
    {%- set parts = [expr] -%}
    {%- for chunk in range(3) -%}
        {%- set bits = [] -%}
        {%- for i in range(5) -%}
            {%- set ch = 'substr(' ~ expr ~ ', ' ~ (chunk * 5 + i + 1) ~ ', 1)' -%}
            {%- do bits.append('case when ' ~ ch ~ ' <> lower(' ~ ch ~ ') then ' ~ (2 ** i) ~ ' else 0 end') -%}
        {%- endfor -%}
        {%- do parts.append("substr('" ~ cs_analytics._salesforce_checksum_alphabet() ~ "', 1 + "
            ~ (bits | join(' + ')) ~ ', 1)') -%}
    {%- endfor -%}
    {{ dbt.concat(parts) }}
{%- endmacro %}


{#- An 18-character id with the case of its first 15 characters restored from
    its checksum, and the checksum upper-cased. -#}
{% macro _salesforce_key_18(expr) -%}
    {%- set alphabet = cs_analytics._salesforce_checksum_alphabet() -%}
    {%- set parts = [] -%}
    {%- for p in range(15) -%}
        {%- set chunk, i = p // 5, p % 5 -%}
        {%- set upper_when = [] -%}
        {%- for n in range(32) -%}
            {%- if (n // (2 ** i)) % 2 == 1 -%}
                {%- do upper_when.append("'" ~ alphabet[n] ~ "'") -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set ch = 'substr(' ~ expr ~ ', ' ~ (p + 1) ~ ', 1)' -%}
        {%- do parts.append('case when upper(substr(' ~ expr ~ ', ' ~ (16 + chunk) ~ ', 1)) in ('
            ~ (upper_when | join(', ')) ~ ') then upper(' ~ ch ~ ') else lower(' ~ ch ~ ') end') -%}
    {%- endfor -%}
    {%- do parts.append('upper(substr(' ~ expr ~ ', 16, 3))') -%}
    {{ dbt.concat(parts) }}
{%- endmacro %}
