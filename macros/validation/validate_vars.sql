{#-
    validate_vars: check every var of the package once, at the start of a run
    (on-run-start hook in the package's dbt_project.yml; dbt runs an installed
    package's hooks too), and fail with "var <name> must be ..." instead of a
    SQL error that names no var halfway through the build. Also callable on
    its own: dbt run-operation validate_vars --vars '{...}'.

    Rules (DECISIONS.md, "Hostile exports, second part"):
    - day windows are whole numbers >= 0; the averaging windows
      (baseline_window_days, usage_rule_trailing_days) and
      usage_lookback_days are >= 1;
    - health_red_below and health_green_from lie in 0-100 and red <= green;
      health_usage_floor_utilisation < health_usage_target_utilisation,
      both >= 0; shares (gross_margin, health_usage_trend_share) in 0-1;
      ceilings and thresholds > 0 / >= 0;
    - dates are 'YYYY-MM-DD' and exist on the calendar (as_of_date and
      health_start_date may be null); health_calendar_start_date <
      health_calendar_end_date;
    - switches are true or false; schema and role names are non-empty text.
    Returns a no-op statement, so it can be a hook on every engine.
-#}
{% macro validate_vars() -%}
    {%- set problems = cs_analytics._var_problems() -%}
    {%- if problems | length > 0 -%}
        {{ exceptions.raise_compiler_error(
            'cs_analytics: invalid configuration: ' ~ (problems | join('; '))
        ) }}
    {%- endif -%}
    {%- if execute and flags.WHICH == 'run-operation' -%}
        {{ log('cs_analytics: every var is valid', info=true) }}
    {%- endif -%}
    select 1 as cs_analytics_vars_valid
{%- endmacro %}


{%- macro _is_bool(value) -%}
    {{ return(value is sameas true or value is sameas false) }}
{%- endmacro -%}


{#- the value as a number, or none when it is not one (a bool is not a number) -#}
{%- macro _as_number(value) -%}
    {%- if value is none or cs_analytics._is_bool(value) -%}
        {{ return(none) }}
    {%- elif value is number -%}
        {{ return(value) }}
    {%- elif value is string and modules.re.match('^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$', value | trim) -%}
        {{ return(value | trim | float) }}
    {%- else -%}
        {{ return(none) }}
    {%- endif -%}
{%- endmacro -%}


{%- macro _is_whole(value) -%}
    {%- set number = cs_analytics._as_number(value) -%}
    {{ return(number is not none and number == (number | int)) }}
{%- endmacro -%}


{#- true when the value is a 'YYYY-MM-DD' text (or a YAML date) of a real day -#}
{%- macro _is_iso_date(value) -%}
    {%- if value is none or cs_analytics._is_bool(value) or value is number -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set text = value | string | trim -%}
    {%- set match = modules.re.match('^([0-9]{4})-([0-9]{2})-([0-9]{2})$', text) -%}
    {%- if not match -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set year, month, day = match.group(1) | int, match.group(2) | int, match.group(3) | int -%}
    {%- if year < 1 or month < 1 or month > 12 or day < 1 -%}
        {{ return(false) }}
    {%- endif -%}
    {%- if month == 12 -%}
        {%- set next_month = modules.datetime.date(year + 1, 1, 1) if year < 9999 else none -%}
    {%- else -%}
        {%- set next_month = modules.datetime.date(year, month + 1, 1) -%}
    {%- endif -%}
    {%- set days_in_month = 31 if next_month is none else (next_month - modules.datetime.timedelta(days=1)).day -%}
    {{ return(day <= days_in_month) }}
{%- endmacro -%}


{%- macro _var_problems() -%}
    {%- set problems = [] -%}

    {#- day windows: (name, default, minimum) -#}
    {%- set windows = [
        ('health_survey_lookback_days', 365, 0),
        ('health_champion_left_days', 180, 0),
        ('champion_move_window_days', 365, 0),
        ('usage_lookback_days', 3, 1),
        ('reconversion_window_days', 30, 0),
        ('program_window_days', 60, 0),
        ('default_attribution_window_days', 45, 0),
        ('baseline_window_days', 28, 1),
        ('usage_rule_trailing_days', 14, 1),
        ('alert_precision_window_days', 90, 0),
    ] -%}
    {%- for name, default, minimum in windows -%}
        {%- set value = var(name, default) -%}
        {%- if not cs_analytics._is_whole(value) or cs_analytics._as_number(value) < minimum -%}
            {%- do problems.append("var " ~ name ~ " must be a whole number of days >= " ~ minimum ~ ", got '" ~ value ~ "'") -%}
        {%- endif -%}
    {%- endfor -%}

    {#- numbers: (name, default, lowest, highest, lowest allowed itself) -#}
    {%- set numbers = [
        ('health_red_below', 40, 0, 100, true),
        ('health_green_from', 70, 0, 100, true),
        ('health_usage_target_utilisation', 0.6, 0, none, false),
        ('health_usage_floor_utilisation', 0.2, 0, none, true),
        ('health_usage_trend_share', 0.3, 0, 1, true),
        ('health_support_load_per_seat_ceiling', 0.5, 0, none, false),
        ('usage_risk_threshold_per_seat', 0.30, 0, none, true),
        ('gross_margin', 0.8, 0, 1, false),
        ('clv_churn_prior_weight', 0.1, 0, none, true),
    ] -%}
    {%- for name, default, lowest, highest, inclusive in numbers -%}
        {%- set value = var(name, default) -%}
        {%- set number = cs_analytics._as_number(value) -%}
        {%- set range_text = ('>= ' if inclusive else '> ') ~ lowest ~ (' and <= ' ~ highest if highest is not none else '') -%}
        {%- if number is none
            or (inclusive and number < lowest)
            or (not inclusive and number <= lowest)
            or (highest is not none and number > highest) -%}
            {%- do problems.append("var " ~ name ~ " must be a number " ~ range_text ~ ", got '" ~ value ~ "'") -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set red = cs_analytics._as_number(var('health_red_below', 40)) -%}
    {%- set green = cs_analytics._as_number(var('health_green_from', 70)) -%}
    {%- if red is not none and green is not none and red > green -%}
        {%- do problems.append("var health_red_below must be <= var health_green_from, got " ~ red ~ " > " ~ green) -%}
    {%- endif -%}
    {%- set floor = cs_analytics._as_number(var('health_usage_floor_utilisation', 0.2)) -%}
    {%- set target = cs_analytics._as_number(var('health_usage_target_utilisation', 0.6)) -%}
    {%- if floor is not none and target is not none and floor >= target -%}
        {%- do problems.append("var health_usage_floor_utilisation must be < var health_usage_target_utilisation, got " ~ floor ~ " >= " ~ target) -%}
    {%- endif -%}

    {#- dates: (name, default, nullable) -#}
    {%- set dates = [
        ('as_of_date', none, true),
        ('health_start_date', none, true),
        ('health_calendar_start_date', '2015-01-01', false),
        ('health_calendar_end_date', '2036-01-01', false),
        ('earliest_plausible_date', '2000-01-01', false),
    ] -%}
    {%- for name, default, nullable in dates -%}
        {%- set value = var(name, default) -%}
        {%- if not (nullable and value is none) and not cs_analytics._is_iso_date(value) -%}
            {%- do problems.append("var " ~ name ~ " must be a date 'YYYY-MM-DD'" ~ (' or null' if nullable else '') ~ ", got '" ~ value ~ "'") -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set calendar_start = var('health_calendar_start_date', '2015-01-01') -%}
    {%- set calendar_end = var('health_calendar_end_date', '2036-01-01') -%}
    {%- if cs_analytics._is_iso_date(calendar_start) and cs_analytics._is_iso_date(calendar_end)
        and (calendar_start | string | trim) >= (calendar_end | string | trim) -%}
        {%- do problems.append("var health_calendar_start_date must be before var health_calendar_end_date") -%}
    {%- endif -%}

    {#- switches -#}
    {%- for name, default in [('using_support_tickets', true), ('response_hours_include_tickets', false), ('bi_reader_create_role', true), ('cs_salesforce_ids', true)] -%}
        {%- if not cs_analytics._is_bool(var(name, default)) -%}
            {%- do problems.append("var " ~ name ~ " must be true or false, got '" ~ var(name, default) ~ "'") -%}
        {%- endif -%}
    {%- endfor -%}

    {#- names -#}
    {%- set names = [
        ('raw_crm_schema', 'raw_crm'), ('raw_billing_schema', 'raw_billing'),
        ('raw_product_schema', 'raw_product'), ('raw_cs_schema', 'raw_cs'),
        ('raw_support_schema', 'raw_support'), ('raw_digital_schema', 'raw_digital'),
        ('raw_surveys_schema', 'raw_surveys'), ('staging_schema', 'staging'),
        ('intermediate_schema', 'intermediate'), ('marts_schema', 'marts'),
        ('audit_schema', 'dq'), ('reference_schema', 'reference'),
        ('bi_reader_role', 'bi_reader'), ('health_default_coverage_model', 'low_touch'),
        ('mrr_recognition_day', 'first_day'),
    ] -%}
    {%- for name, default in names -%}
        {%- set value = var(name, default) -%}
        {%- if value is not string or (value | trim) == '' -%}
            {%- do problems.append("var " ~ name ~ " must be a non-empty name, got '" ~ value ~ "'") -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if var('mrr_recognition_day', 'first_day') != 'first_day' -%}
        {%- do problems.append("var mrr_recognition_day must be 'first_day' (the only rule implemented), got '" ~ var('mrr_recognition_day') ~ "'") -%}
    {%- endif -%}
    {%- if var('cs_enum_synonyms', {}) is not mapping -%}
        {%- do problems.append("var cs_enum_synonyms must be a mapping, got '" ~ var('cs_enum_synonyms') ~ "'") -%}
    {%- endif -%}

    {{ return(problems) }}
{%- endmacro -%}
