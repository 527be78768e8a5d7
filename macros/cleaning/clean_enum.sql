{#-
    clean_enum: map a free-text picklist value onto the package's canonical
    values. The raw value is trimmed, lower-cased and spaces/hyphens become
    underscores ('Mid-Market ' -> 'mid_market'); a canonical value passes
    through, a known synonym is mapped, anything else becomes 'other' and a
    null or empty value stays null.

    is_unknown_enum: true when the value was not empty and was neither a
    canonical value nor a known synonym, i.e. clean_enum turned it into
    'other' (a raw 'other' is only "known" where 'other' is canonical).

    mapping_dict: {synonym: canonical value}; keys are normalised the same
    way as the raw value, so 'Tech Touch' and 'tech_touch' are one key.
    accepted_list: the canonical values.
-#}
{% macro _normalise_enum_key(value) -%}
    {{ return(value | string | trim | lower | replace(' ', '_') | replace('-', '_')) }}
{%- endmacro %}

{% macro _normalised_enum_expr(col) -%}
    nullif(replace(replace(lower({{ cs_analytics._trim_invisible('cast(' ~ col ~ ' as ' ~ dbt.type_string() ~ ')') }}), ' ', '_'), '-', '_'), '')
{%- endmacro %}

{% macro _sql_string_list(values) -%}
    {%- for value in values -%}
        '{{ value | replace("'", "''") }}'{{ ', ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}


{% macro clean_enum(col, mapping_dict, accepted_list) -%}
    {{ return(adapter.dispatch('clean_enum', 'cs_analytics')(col, mapping_dict, accepted_list)) }}
{%- endmacro %}

{% macro default__clean_enum(col, mapping_dict, accepted_list) -%}
    {%- set value = cs_analytics._normalised_enum_expr(col) -%}
    {%- set accepted = [] -%}
    {%- for item in accepted_list -%}
        {%- do accepted.append(cs_analytics._normalise_enum_key(item)) -%}
    {%- endfor -%}
    {%- set synonyms_by_target = {} -%}
    {%- for synonym, target in (mapping_dict or {}).items() -%}
        {%- set key = cs_analytics._normalise_enum_key(synonym) -%}
        {%- if key not in accepted -%}
            {%- do synonyms_by_target.setdefault(target, []).append(key) -%}
        {%- endif -%}
    {%- endfor -%}
    case
        when {{ value }} is null then null
        when {{ value }} in ({{ cs_analytics._sql_string_list(accepted) }}) then {{ value }}
        {%- for target in synonyms_by_target | sort %}
        when {{ value }} in ({{ cs_analytics._sql_string_list(synonyms_by_target[target]) }}) then '{{ target }}'
        {%- endfor %}
        else 'other'
    end
{%- endmacro %}

{% macro duckdb__clean_enum(col, mapping_dict, accepted_list) -%}
    {{ cs_analytics.default__clean_enum(col, mapping_dict, accepted_list) }}
{%- endmacro %}

{% macro postgres__clean_enum(col, mapping_dict, accepted_list) -%}
    {{ cs_analytics.default__clean_enum(col, mapping_dict, accepted_list) }}
{%- endmacro %}

{% macro spark__clean_enum(col, mapping_dict, accepted_list) -%}
    {{ cs_analytics.default__clean_enum(col, mapping_dict, accepted_list) }}
{%- endmacro %}


{% macro is_unknown_enum(col, mapping_dict, accepted_list) -%}
    {{ return(adapter.dispatch('is_unknown_enum', 'cs_analytics')(col, mapping_dict, accepted_list)) }}
{%- endmacro %}

{% macro default__is_unknown_enum(col, mapping_dict, accepted_list) -%}
    {%- set known = [] -%}
    {%- for item in accepted_list -%}
        {%- do known.append(cs_analytics._normalise_enum_key(item)) -%}
    {%- endfor -%}
    {%- for synonym in (mapping_dict or {}) -%}
        {%- do known.append(cs_analytics._normalise_enum_key(synonym)) -%}
    {%- endfor -%}
    coalesce({{ cs_analytics._normalised_enum_expr(col) }} not in ({{ cs_analytics._sql_string_list(known | unique | list) }}), false)
{%- endmacro %}

{% macro duckdb__is_unknown_enum(col, mapping_dict, accepted_list) -%}
    {{ cs_analytics.default__is_unknown_enum(col, mapping_dict, accepted_list) }}
{%- endmacro %}

{% macro postgres__is_unknown_enum(col, mapping_dict, accepted_list) -%}
    {{ cs_analytics.default__is_unknown_enum(col, mapping_dict, accepted_list) }}
{%- endmacro %}

{% macro spark__is_unknown_enum(col, mapping_dict, accepted_list) -%}
    {{ cs_analytics.default__is_unknown_enum(col, mapping_dict, accepted_list) }}
{%- endmacro %}


{#-
    canonical_enum: the canonical values and known synonyms of each enum the
    raw contract governs. Returns {'accepted': [...], 'synonyms': {...}}.
    A project can add its own picklist synonyms without forking the package:

        vars:
          cs_enum_synonyms:
            coverage_model: {strategic: high_touch, scaled: one_to_many}
-#}
{% macro canonical_enum(name) -%}
    {%- set enums = {
        'segment': {
            'accepted': ['enterprise', 'mid_market', 'smb'],
            'synonyms': {
                'ent': 'enterprise', 'large_enterprise': 'enterprise', 'strategic_enterprise': 'enterprise',
                'mid market': 'mid_market', 'midmarket': 'mid_market', 'mm': 'mid_market', 'mid': 'mid_market',
                'small business': 'smb', 'small_and_medium_business': 'smb', 'small': 'smb', 'sb': 'smb',
                'small_medium_business': 'smb',
            },
        },
        'coverage_model': {
            'accepted': ['high_touch', 'low_touch', 'one_to_many'],
            'synonyms': {
                'high touch': 'high_touch', 'hi_touch': 'high_touch', 'dedicated': 'high_touch',
                'named': 'high_touch', 'strategic': 'high_touch',
                'low touch': 'low_touch', 'mid_touch': 'low_touch', 'medium_touch': 'low_touch',
                'tech touch': 'one_to_many', 'tech_touch': 'one_to_many', 'techtouch': 'one_to_many',
                'digital': 'one_to_many', 'digital_touch': 'one_to_many', 'pooled': 'one_to_many',
                'scaled': 'one_to_many', '1:many': 'one_to_many', '1_to_many': 'one_to_many',
                'one_to_many': 'one_to_many', '1:n': 'one_to_many', 'one:many': 'one_to_many',
            },
        },
        'role': {
            'accepted': ['csm', 'digital_csm', 'ae', 'cs_manager', 'other'],
            'synonyms': {
                'customer success manager': 'csm', 'customer_success_manager': 'csm',
                'dcsm': 'digital_csm', 'digital csm': 'digital_csm', 'scaled_csm': 'digital_csm',
                'pooled_csm': 'digital_csm', 'tech_touch_csm': 'digital_csm',
                'account executive': 'ae', 'account_executive': 'ae',
                'cs manager': 'cs_manager', 'csm_manager': 'cs_manager', 'cs_lead': 'cs_manager',
                'manager': 'cs_manager', 'head_of_cs': 'cs_manager', 'vp_cs': 'cs_manager',
            },
        },
        'team_role': {
            'accepted': ['csm', 'ae', 'exec_sponsor'],
            'synonyms': {
                'customer_success_manager': 'csm', 'account_executive': 'ae',
                'executive_sponsor': 'exec_sponsor', 'exec': 'exec_sponsor', 'sponsor': 'exec_sponsor',
            },
        },
        'opportunity_type': {
            'accepted': ['new_logo', 'expansion', 'renewal'],
            'synonyms': {
                'new': 'new_logo', 'new_business': 'new_logo', 'new business': 'new_logo',
                'upsell': 'expansion', 'cross_sell': 'expansion', 'cross-sell': 'expansion',
                'upgrade': 'expansion', 'add_on': 'expansion', 'add-on': 'expansion',
                'existing_business': 'expansion', 'renew': 'renewal',
            },
        },
        'lead_source': {
            'accepted': ['sales', 'marketing', 'cs', 'one_to_many', 'referral', 'other'],
            'synonyms': {
                'customer_success': 'cs', 'customer success': 'cs', 'csm': 'cs', 'csql': 'cs',
                'digital': 'one_to_many', 'tech_touch': 'one_to_many', '1:many': 'one_to_many',
                'digital_program': 'one_to_many', 'sdr': 'sales', 'customer_referral': 'referral', 'advocate': 'referral',
            },
        },
        'advocacy_event_type': {
            'accepted': ['reference_call', 'case_study', 'review', 'speaking', 'referral'],
            'synonyms': {
                'reference': 'reference_call', 'customer_reference': 'reference_call',
                'g2_review': 'review', 'online_review': 'review', 'speaker': 'speaking',
                'webinar': 'speaking', 'event_speaker': 'speaking',
            },
        },
        'cta_type': {
            'accepted': ['risk', 'opportunity', 'lifecycle', 'activity', 'objective'],
            'synonyms': {'expansion': 'opportunity', 'churn_risk': 'risk', 'event': 'lifecycle'},
        },
        'cta_source': {
            'accepted': ['rule', 'manual', 'api'],
            'synonyms': {
                'rules_engine': 'rule', 'rules': 'rule', 'automated': 'rule', 'auto': 'rule',
                'user': 'manual', 'integration': 'api',
            },
        },
        'close_source': {
            'accepted': ['manual', 'rule'],
            'synonyms': {
                'auto': 'rule', 'automatic': 'rule', 'auto_closed': 'rule', 'rules_engine': 'rule',
                'system': 'rule', 'user': 'manual',
            },
        },
        'playbook_category': {
            'accepted': ['risk', 'opportunity', 'lifecycle'],
            'synonyms': {'expansion': 'opportunity', 'onboarding': 'lifecycle'},
        },
        'success_metric': {
            'accepted': ['usage_recovery', 'renewal', 'opportunity', 'completion'],
            'synonyms': {'usage': 'usage_recovery', 'renewed': 'renewal', 'expansion': 'opportunity', 'completed': 'completion'},
        },
        'activity_type': {
            'accepted': [
                'call', 'meeting', 'email', 'qbr', 'ebr', 'check_in', 'training',
                'roi_review', 'success_plan_update', 'note',
            ],
            'synonyms': {
                'phone': 'call', 'phone_call': 'call', 'checkin': 'check_in',
                'quarterly_business_review': 'qbr', 'business_review': 'qbr',
                'executive_business_review': 'ebr', 'exec_business_review': 'ebr',
                'roi': 'roi_review', 'value_review': 'roi_review', 'enablement': 'training',
                'success_plan': 'success_plan_update', 'notes': 'note', 'in_person': 'meeting',
                'web_meeting': 'meeting',
            },
        },
        'direction': {
            'accepted': ['inbound', 'outbound', 'internal'],
            'synonyms': {'in': 'inbound', 'incoming': 'inbound', 'out': 'outbound', 'outgoing': 'outbound'},
        },
        'sentiment': {
            'accepted': ['positive', 'neutral', 'negative'],
            'synonyms': {'pos': 'positive', 'good': 'positive', 'neg': 'negative', 'bad': 'negative', 'ok': 'neutral'},
        },
        'program_type': {
            'accepted': ['onboarding', 'adoption', 'risk', 'renewal', 'advocacy', 'newsletter'],
            'synonyms': {'feature_adoption': 'adoption', 'save': 'risk', 'retention': 'risk', 'nurture': 'newsletter'},
        },
        'trigger_type': {
            'accepted': ['behavioral', 'scheduled', 'manual'],
            'synonyms': {
                'behavioural': 'behavioral', 'event': 'behavioral', 'event_based': 'behavioral',
                'usage_based': 'behavioral', 'time_based': 'scheduled', 'recurring': 'scheduled',
                'date_based': 'scheduled', 'one_off': 'manual', 'ad_hoc': 'manual',
            },
        },
        'goal_metric': {
            'accepted': ['usage', 'feature_adoption', 'renewal', 'expansion', 'survey'],
            'synonyms': {'adoption': 'feature_adoption', 'survey_response': 'survey', 'nps': 'survey'},
        },
        'email_event_type': {
            'accepted': ['delivered', 'open', 'click', 'bounce', 'unsubscribe', 'spam_report'],
            'synonyms': {
                'delivery': 'delivered', 'opened': 'open', 'clicked': 'click', 'bounced': 'bounce',
                'hard_bounce': 'bounce', 'soft_bounce': 'bounce', 'unsubscribed': 'unsubscribe',
                'unsub': 'unsubscribe', 'spam': 'spam_report', 'spamreport': 'spam_report',
                'complaint': 'spam_report',
            },
        },
        'survey_type': {
            'accepted': ['nps', 'csat', 'post_ebr'],
            'synonyms': {'ebr': 'post_ebr', 'ebr_survey': 'post_ebr', 'post_ebr_survey': 'post_ebr'},
        },
    } -%}
    {%- if name not in enums -%}
        {{ exceptions.raise_compiler_error("cs_analytics.canonical_enum: unknown enum '" ~ name ~ "'") }}
    {%- endif -%}
    {%- set synonyms = dict(enums[name]['synonyms']) -%}
    {%- do synonyms.update(var('cs_enum_synonyms', {}).get(name, {})) -%}
    {{ return({'accepted': enums[name]['accepted'], 'synonyms': synonyms}) }}
{%- endmacro %}
