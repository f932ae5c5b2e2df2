// Every scalar model parameter, defined once: its key in the scenario file, type, default, unit,
// allowed range, meaning and source (an EVIDENCE.md id or an explicit assumption tag "A: ...").
// The scenario loader, the resolved-scenario output and docs/scenario-reference.md all come from
// parameter_specs(); a test checks the committed reference equals the generated one.
#pragma once

#include <array>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "sim/core/ids.hpp"

namespace bb {

struct Parameters {
    struct Buurt {
        int households = 6095;
        double persons_per_household = 2.22;
        double share_one_person = 0.44;
        double share_with_children = 0.37;
        double share_single_parent = 0.35;
        double extra_adults_mean = 0.10;
        double share_social_rent = 0.85;
        double share_minimum_income = 0.30;
        double share_migration_background = 0.60;
        double share_limited_dutch = 0.35;
        double share_senior = 0.12;
        int porch_size = 8;
        int porches_per_street = 12;
    } buurt;

    struct Profiles {
        double share_non_users = 0.50;
        double share_zorgmisser_of_non_users = 0.70;
        std::array<double, kProfiles> awareness{0.80, 0.25, 0.50};
        std::array<double, kProfiles> trust{0.70, 0.60, 0.20};
        std::array<double, kProfiles> stigma{0.15, 0.25, 0.50};
        double concentration = 8.0;
        double ties_mean = 0.40;
    } profiles;

    struct Availability {
        // [group][slot]: groups are the three compositions plus seniors (index 3).
        std::array<std::array<double, kSlotKinds>, 4> mean{
            {{0.25, 0.50, 0.40}, {0.25, 0.55, 0.45}, {0.35, 0.60, 0.50}, {0.60, 0.60, 0.55}}};
        double spread = 1.0;
        double public_space_children_factor = 2.0;
        double public_space_shape = 0.5;
        double phone_known = 0.60;
        double online = 0.85;
        double online_senior = 0.50;
    } availability;

    struct Needs {
        std::array<double, kDomains> prevalence{0.15, 0.06, 0.10, 0.12, 0.05};
        std::array<double, kDomains> resolution_per_year{0.20, 0.50, 0.50, 0.50, 0.30};
        std::array<double, kDomains> growth_per_year{0.5, 0.5, 1.0, 0.6, 1.0};
        double relative_risk_minimum_income = 3.0;
        double help_halving_weeks = 8.0;
        double resolved_below = 0.5;
        double escalation_threshold = 3.0;
        double self_referral_per_year = 2.0;
    } needs;

    struct Signals {
        double debt_signals_per_1000 = 200.0;
        double share_zorgverzekeraar = 0.45;
        double share_woningcorporatie = 0.30;
        double huisarts_per_year = 0.20;
        double school_per_year = 0.50;
        double buren_per_year = 0.10;
        double politie_per_year = 0.10;
        double follow_up_threshold_eur = 75.0;
        double arrears_eur_at_onset = 150.0;
        double arrears_sigma = 0.8;
        int reopen_after_days = 90;
    } signals;

    struct Contact {
        double door_conversation_per_pass = 0.30;
        double letter_response = 0.05;
        double phone_conversation = 0.40;
        double street_follow_up = 0.15;
        double session_follow_up = 0.15;
        double online_follow_up = 0.10;
        std::array<double, kProfiles> session_attendance_profile{1.0, 1.0, 0.1};
        double acceptance = 0.39;
        std::array<double, kProfiles> engage_profile{0.0, 0.0, -1.0};
        double engage_trust = 3.0;
        double engage_stigma = 1.5;
        double engage_limited_dutch = -0.7;
        std::array<double, kProfiles> accept_profile{0.3, 0.3, -0.5};
        double accept_trust = 2.5;
        double accept_awareness = 0.5;
        double accept_stigma = 1.0;
        double awareness_gain_conversation = 0.5;
        double awareness_gain_session = 0.3;
        double trust_loss_refusal = 0.03;
        double handover_failure = 0.15;
        double help_dropout_per_year = 0.5;
        int days_between_steps = 3;
    } contact;

    struct Time {
        double letter_hours = 0.25;
        double phone_hours = 0.25;
        double visit_hours = 1.5;
        double visit_not_home_hours = 0.5;
        double doors_per_hour = 8.0;
        double conversation_hours = 0.75;
        double street_contacts_per_shift = 10.0;
        double street_shift_hours = 2.0;
        double session_attendance = 12.0;
        double session_hours = 4.0;
        double online_contacts_per_hour = 3.0;
        double handover_hours = 4.0;
    } time;

    struct Escalations {
        std::array<double, kEscalationKinds> hazard_per_year{0.10, 0.25, 0.40, 0.0};
        std::array<int, kEscalationKinds> duration_days{120, 180, 30, 365};
        double homeless_after_eviction = 0.25;
        double prevention_while_helped = 0.30;
        double trust_loss = 0.10;
        // [kind][perspective] in euros per escalation.
        std::array<std::array<double, kPerspectives>, kEscalationKinds> cost{{
            {100000.0, 15000.0, 10000.0},
            {17500.0, 17500.0, 0.0},
            {3000.0, 0.0, 0.0},
            {57500.0, 46000.0, 0.0},
        }};
        double debt_help_case_eur = 2300.0;
    } escalations;
};

// The value of one parameter: where it lives in Parameters and what kind of number it is.
using ParamRef =
    std::variant<std::function<double&(Parameters&)>, std::function<int&(Parameters&)>>;

struct ParamSpec {
    std::string path;  // dotted key path in the scenario file, e.g. "buurt.households"
    ParamRef ref;
    double default_value;
    double min;
    double max;
    std::string unit;
    std::string description;
    std::string source;  // EVIDENCE.md id(s), or "A: ..." for an assumption

    bool is_integer() const { return ref.index() == 1; }
    bool is_assumption() const;
    double get(const Parameters& p) const;
    void set(Parameters& p, double value) const;
};

// True when a source is an assumption tag: "A" alone, or "A" followed by a space, ':', ';' or '('
// ("A: no source found", "A (...)"), as python/buurtbereik/scenario.py's is_assumption reads it.
// A source that cites evidence and qualifies it ("P15 (A: ...)") is not one.
bool is_assumption_source(const std::string& source);

// All scalar parameters, in documentation order. Built once; never changes.
const std::vector<ParamSpec>& parameter_specs();

// The spec with this path, or nullptr.
const ParamSpec* find_parameter(const std::string& path);

}  // namespace bb
