// Calibration of the contact model's intercepts to the evidence targets (D2, D7, D8, S2, S5, F7).
// Each intercept is solved (safeguarded Newton iteration) so that the model reproduces its target
// on a calibration population: households generated with the scenario's statistics but a fixed
// seed, so intercepts depend on the scenario's parameters only, never on the run's seed or on its
// workers.
#pragma once

#include <string>
#include <vector>

#include "sim/population/households.hpp"
#include "sim/scenario/scenario.hpp"

namespace bb {

inline constexpr int kCalibrationHouseholds = 20000;
inline constexpr std::uint64_t kCalibrationSeed = 0x62757572746265ULL;  // "buurtbe"

struct Intercepts {
    double door = 0;     // engagement at a door (home visit or sweep); target D2 with availability
    double letter = 0;   // response to a letter; target D7
    double phone = 0;    // conversation on a call to a known number; target D8 lever
    double street = 0;   // engaged street contact with a household in need; target S2
    double session = 0;  // attendee in need asks for follow-up; target S5
    double online = 0;   // online contact with a household in need leads to follow-up (A)
    double accept = 0;   // acceptance once in conversation; target F7
    // Severity statistics of the calibration population's initial needs (stationary by
    // construction):
    double mean_need_severity = 1;  // mean severity of a need, over all domains
    double mean_financial_severity =
        0;  // E[severity of the financial need], 0 for households without
    std::vector<std::string> warnings;  // targets that could not be met exactly
};

// Household-specific part of the engagement logit (intercept and model shifts excluded).
double engage_terms(const Parameters& p, const Households& h, int i);
// Household-specific part of the acceptance logit (intercept and model shifts excluded).
double accept_terms(const Parameters& p, const Households& h, int i);

double logistic(double x);

// Solves every intercept for the scenario's parameters.
Intercepts calibrate(const Scenario& scenario);

// The intercept b for which sum_i w_i * logistic(b + x_i) / sum_i w_i equals target; if the
// target is out of reach, the closest bound, with a warning appended.
double solve_intercept(const std::vector<double>& x, const std::vector<double>& w, double target,
                       const std::string& what, std::vector<std::string>& warnings);

}  // namespace bb
