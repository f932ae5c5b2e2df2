// Intercept calibration by bisection on a fixed-seed calibration population.
#include "sim/population/calibration.hpp"

#include <cmath>
#include <sstream>

namespace bb {

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

double engage_terms(const Parameters& p, const Households& h, int i) {
    const auto& c = p.contact;
    double x = c.engage_profile[static_cast<int>(h.profile[i])] +
               c.engage_trust * (h.trust[i] - 0.5) - c.engage_stigma * h.stigma[i];
    if (h.has(i, kLimitedDutch)) x += c.engage_limited_dutch;
    return x;
}

double accept_terms(const Parameters& p, const Households& h, int i) {
    const auto& c = p.contact;
    return c.accept_profile[static_cast<int>(h.profile[i])] + c.accept_trust * (h.trust[i] - 0.5) +
           c.accept_awareness * (h.awareness[i] - 0.5) - c.accept_stigma * (h.stigma[i] - 0.5);
}

double solve_intercept(const std::vector<double>& x, const std::vector<double>& w, double target,
                       const std::string& what, std::vector<std::string>& warnings) {
    // Only points with weight count; most calibrations weight a subset (e.g. households in need).
    std::vector<double> xs, ws;
    double wsum = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (w[i] > 0) {
            xs.push_back(x[i]);
            ws.push_back(w[i]);
            wsum += w[i];
        }
    }
    if (wsum <= 0) {
        warnings.push_back(what + ": no households to calibrate on; intercept set to 0");
        return 0.0;
    }
    // The weighted mean of logistic(b + x) and its derivative in b.
    auto mean_at = [&](double b, double* slope) {
        double m = 0, d = 0;
        for (std::size_t i = 0; i < xs.size(); ++i) {
            const double e = logistic(b + xs[i]);
            m += ws[i] * e;
            d += ws[i] * e * (1.0 - e);
        }
        if (slope != nullptr) *slope = d / wsum;
        return m / wsum;
    };
    double lo = -30, hi = 30;
    const double at_hi = mean_at(hi, nullptr);
    if (target >= at_hi) {
        std::ostringstream o;
        o << what << ": target " << target << " is above the reachable " << at_hi
          << "; using the maximum";
        warnings.push_back(o.str());
        return hi;
    }
    if (target <= mean_at(lo, nullptr)) {
        warnings.push_back(what + ": target below the reachable minimum; using the minimum");
        return lo;
    }
    // Safeguarded Newton: the mean is increasing in b, so [lo, hi] keeps bracketing the root; a
    // Newton step that leaves the bracket is replaced by bisection.
    double b = 0;
    for (int it = 0; it < 200; ++it) {
        double slope = 0;
        const double f = mean_at(b, &slope) - target;
        if (std::abs(f) < 1e-14) break;
        (f < 0 ? lo : hi) = b;
        const double next = slope > 0 ? b - f / slope : 0.5 * (lo + hi);
        b = next > lo && next < hi ? next : 0.5 * (lo + hi);
        if (hi - lo < 1e-13) break;
    }
    return b;
}

Intercepts calibrate(const Scenario& sc) {
    const Parameters& p = sc.params;
    const Households h = generate_households(sc, kCalibrationSeed, 0, kCalibrationHouseholds);
    Intercepts out;
    const auto n = static_cast<std::size_t>(h.n);
    std::vector<double> x(n), w(n);

    // Door: door opened and a conversation = availability x engagement, averaged over households
    // and the three slots. Engagement does not depend on the slot, so one point per household
    // weighted by its summed availability: the weighted mean of engagement must equal
    // target * (3 n) / sum of availability.
    double asum = 0;
    for (int i = 0; i < h.n; ++i) {
        x[i] = engage_terms(p, h, i);
        w[i] = h.availability.row(i).sum();
        asum += w[i];
    }
    out.door = solve_intercept(
        x, w, p.contact.door_conversation_per_pass * kSlotKinds * static_cast<double>(h.n) / asum,
        "contact.door_conversation_per_pass (D2)", out.warnings);

    for (int i = 0; i < h.n; ++i) {
        x[i] = engage_terms(p, h, i);
        w[i] = 1.0;
    }
    out.letter = solve_intercept(x, w, p.contact.letter_response, "contact.letter_response (D7)",
                                 out.warnings);

    for (int i = 0; i < h.n; ++i) w[i] = h.has(i, kPhoneKnown) ? 1.0 : 0.0;
    out.phone = solve_intercept(x, w, p.contact.phone_conversation,
                                "contact.phone_conversation (D8)", out.warnings);

    // Street: P(engaged and in need | met), met in proportion to public-space use. Households not
    // in need contribute weight but cannot count as a follow-up, so the target is rescaled to those
    // in need.
    double wall = 0, wneed = 0;
    for (int i = 0; i < h.n; ++i) {
        wall += h.public_space[i];
        if (h.in_need(i)) wneed += h.public_space[i];
        w[i] = h.in_need(i) ? h.public_space[i] : 0.0;
    }
    out.street = solve_intercept(x, w, wneed > 0 ? p.contact.street_follow_up * wall / wneed : 1.0,
                                 "contact.street_follow_up (S2)", out.warnings);

    // Sessions: attendees are members, weighted by their mean availability and their profile's
    // attendance.
    wall = wneed = 0;
    for (int i = 0; i < h.n; ++i) {
        const double a =
            h.locations[i] != 0
                ? h.availability.row(i).mean() *
                      p.contact.session_attendance_profile[static_cast<int>(h.profile[i])]
                : 0.0;
        wall += a;
        if (h.in_need(i)) wneed += a;
        w[i] = h.in_need(i) ? a : 0.0;
    }
    if (!sc.locations.empty()) {
        out.session =
            solve_intercept(x, w, wneed > 0 ? p.contact.session_follow_up * wall / wneed : 1.0,
                            "contact.session_follow_up (S5)", out.warnings);
    }

    // Online: households that can be met online are met uniformly; target among those in need.
    wall = wneed = 0;
    for (int i = 0; i < h.n; ++i) {
        const double a = h.has(i, kOnline) ? 1.0 : 0.0;
        wall += a;
        if (h.in_need(i)) wneed += a;
        w[i] = h.in_need(i) ? a : 0.0;
    }
    out.online = solve_intercept(x, w, wneed > 0 ? p.contact.online_follow_up * wall / wneed : 1.0,
                                 "contact.online_follow_up", out.warnings);

    // Acceptance: F7 is measured among conversations that took place, so households in need are
    // weighted by their chance of a conversation at the door (availability x engagement), and their
    // awareness is the one after the conversation's gain (the models' trust changes are theirs).
    const double gain = p.contact.awareness_gain_conversation;
    for (int i = 0; i < h.n; ++i) {
        const double w_after = h.awareness[i] + gain * (1.0 - h.awareness[i]);
        x[i] = accept_terms(p, h, i) + p.contact.accept_awareness * (w_after - h.awareness[i]);
        w[i] = h.in_need(i)
                   ? h.availability.row(i).mean() * logistic(out.door + engage_terms(p, h, i))
                   : 0.0;
    }
    out.accept =
        solve_intercept(x, w, p.contact.acceptance, "contact.acceptance (F7)", out.warnings);
    double severity_sum = 0, needs = 0, financial_sum = 0;
    for (int i = 0; i < h.n; ++i) {
        for (int k = 0; k < kDomains; ++k) {
            if (h.needs(i, k) > 0) {
                severity_sum += h.needs(i, k);
                ++needs;
            }
        }
        financial_sum += h.needs(i, static_cast<int>(Domain::financien));
    }
    out.mean_need_severity = needs > 0 ? severity_sum / needs : 1.0;
    out.mean_financial_severity = financial_sum / h.n;
    return out;
}

}  // namespace bb
