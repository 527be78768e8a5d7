"""What the generator plants and records in its truth: playbook and program effects, the churn
drivers, the alert rules' thresholds, transient usage dips, false alerts and onboarding pace."""
from __future__ import annotations

import numpy as np

# Playbooks and the usage effect (active users per seat per day) planted for them.
PLAYBOOKS = [
    # id, name, category, success_metric, window, planted_effect
    ("pb_01", "Low usage recovery (CSM-led)", "risk", "usage_recovery", 45, 0.10),
    ("pb_02", "Low usage nudge (automated email)", "risk", "usage_recovery", 45, 0.0),
    ("pb_03", "Champion left: re-establish sponsor", "risk", "renewal", 90, 0.0),
    ("pb_04", "Expansion signal (CSQL)", "opportunity", "opportunity", 90, 0.0),
    ("pb_05", "Executive business review", "lifecycle", "completion", None, 0.0),
    ("pb_06", "Renewal preparation", "lifecycle", "renewal", 120, 0.0),
    ("pb_07", "Support escalation follow-up", "risk", "completion", 30, 0.0),
    ("pb_08", "Detractor outreach", "risk", "renewal", 60, 0.0),
]
USAGE_RULE_THRESHOLD = 0.30  # active users per seat, trailing 14 days
# transient usage dips that revert by themselves: regression to the mean for the risk playbooks
DIPS_PER_YEAR = 1.0
DIP_DAYS = (5, 10)  # inclusive: shorter than the 14-day rule window
DIP_DEPTH = (0.60, 0.90)  # share of usage lost during the dip
# Churn is driven by the signals the health score reads (recorded in truth["churn_drivers"]):
# monthly hazard = segment base x exp(CHURN_RISK_COEF x risk + CHURN_USAGE_COEF x (USAGE_BASE_CENTRE -
# latent usage per seat)) x CHURN_CHAMPION_MULT once the champion has left, normalised so the
# average hazard stays the segment base. The latent risk also drives adoption, sentiment and support
# load; the latent usage per seat is the level the usage score reads.
CHURN_SEGMENT_HAZARD = (0.022, 0.011, 0.005)
CHURN_RISK_COEF = 0.40
CHURN_USAGE_COEF = 7.0
CHURN_CHAMPION_MULT = 2.5
USAGE_BASE_CENTRE = 0.62
# Rules and behavioural triggers fire on the realised usage feed, the same per-seat measure the
# warehouse computes (int_ctas_joined_to_usage): trailing USAGE_RULE_TRAILING_DAYS days of active users /
# licensed seats (the seats of the subscription lines active that day), every day a customer day.
USAGE_RULE_TRAILING_DAYS = 14  # dbt var usage_rule_trailing_days
PLATFORM_LAG_DAYS = 1  # the feed lands overnight: a rule evaluated on day d's data fires on day d + 1
# health check-in: the usage component of the warehouse's health score (int_account_health_daily,
# default vars) below the red band; the full band also reads tickets, surveys and touches the generator
# draws later, so the usage component is the documented equivalent the platform can evaluate daily
HEALTH_FLOOR, HEALTH_TARGET, HEALTH_TREND_SHARE, HEALTH_RED_BELOW = 0.2, 0.6, 0.3, 40.0
# planted false alerts: per account-day chance that a rule or trigger fires although its condition does
# not hold (a partial feed, a stale seat count); recorded in truth["false_alerts"]
FALSE_ALERT_RATE_PER_DAY = 0.00025
PROGRAM_WINDOW_DAYS = 60
# 1:many programs: id, name, type, trigger, trigger_rule, goal, holdout share,
# P(human open | delivered), P(click | human open), planted usage lift per seat, steps
PROGRAMS = [
    ("prg_01", "Onboarding journey", "onboarding", "scheduled", None, "feature_adoption", 0.30, 0.52, 0.30, 0.10, 4),
    ("prg_02", "Low-usage nudge", "adoption", "behavioral", "active_users_per_seat_14d < 0.3", "usage", 0.20, 0.38, 0.22, 0.08, 3),
    ("prg_03", "Health check-in", "risk", "behavioral", "health_usage_score < 40", "usage", 0.50, 0.30, 0.15, 0.0, 3),
    ("prg_04", "Renewal reminder", "renewal", "scheduled", None, "renewal", 0.15, 0.45, 0.20, 0.0, 3),
    ("prg_05", "Review request", "advocacy", "manual", None, "survey", 0.0, 0.35, 0.12, 0.0, 2),
    ("prg_06", "Product newsletter", "newsletter", "scheduled", None, "usage", 0.0, 0.25, 0.08, 0.0, 1),
]
# Onboarding (issue 16): days from kickoff to go-live are scaled per segment (smb, mid_market,
# enterprise), and a share of new customers stall after kickoff and never go live.
ONBOARDING_SEGMENT_SCALE = np.array([0.6, 1.0, 1.6])
ONBOARDING_STALL_SHARE = 0.10
# CTAs closed lost (issue 16, section 3): the CS platform's one reason field (raw
# `ctas.not_valid_reason`) also carries a lost reason on most closed-lost CTAs, drawn from
# LOST_REASONS; per playbook one reason (LOST_REASON_TOP, by playbook index) is planted as the most
# common (LOST_REASON_TOP_SHARE of the filled reasons, the rest spread evenly over the others).
# Recorded in truth["cta_lost_reasons"] and, per lost CTA, in truth.cta_lost_reasons.
LOST_REASONS = ["Customer chose competitor", "Budget cut", "No executive sponsor", "Product gap",
                "Champion left", "Customer unresponsive", "Merger or acquisition", "Poor support experience"]
LOST_REASON_TOP = np.array([3, 5, 2, 1, 4, 0, 7, 6])  # pb_01 .. pb_08: a different top reason each
LOST_REASON_FILLED_SHARE = 0.75
LOST_REASON_TOP_SHARE = 0.65

# Onboarding program lift (issue 16 s2): an account treated by an onboarding program (enrolled, not
# held out) goes live this much faster after kickoff (its kickoff-to-go-live days are multiplied by
# this factor); kickoff timing is untouched, the planted null beside the effect.
ONBOARDING_PROGRAM_GO_LIVE_FACTOR = 0.5
