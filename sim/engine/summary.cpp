// The run's aggregates, from the per-household records and the ledger (never from separate
// counters), and their readable form for the terminal.
#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>

#include "sim/engine/simulation.hpp"
#include "sim/engine/world.hpp"

namespace bb {

Summary Simulation::summary() const {
    const World& world = *world_;
    const Households& h = world.h;
    Summary s;
    s.scenario = scenario_.name;
    s.seed = scenario_.seed;
    s.replication = world.replication;
    s.days = world.day;
    for (int i = 0; i < h.n; ++i) {
        for (FunnelCounts* f : {&s.funnel[static_cast<int>(h.profile[i])], &s.funnel[kProfiles]}) {
            const std::uint8_t r = h.reach[i];
            ++f->households;
            f->in_need += (r & kReachInNeed) != 0;
            f->signalled += (r & kReachSignalled) != 0;
            f->attempted += (r & kReachAttempted) != 0;
            f->contacted += (r & kReachContacted) != 0;
            f->conversation += (r & kReachConversation) != 0;
            f->accepted += (r & kReachAccepted) != 0;
            f->toegeleid += (r & kReachToegeleid) != 0;
            f->self_help += (r & kReachSelfHelp) != 0;
        }
        for (int e = 0; e < kEscalationKinds; ++e) s.escalations[e] += h.escalations[i][e];
    }
    for (const auto& e : world.recorder.escalations()) {
        for (int v = 0; v < kPerspectives; ++v) s.escalation_cost_eur[v] += e.cost_eur[v];
        s.measures_imposed += e.imposed ? 1 : 0;
    }
    for (const auto& ps : world.recorder.provision_signals()) {
        ++s.provision_signals[static_cast<int>(ps.barrier)];
    }
    for (const auto& row : world.recorder.ledger()) {
        s.hours_by_method[static_cast<int>(row.method)] += row.hours;
        s.hours_total += row.hours;
        s.worker_cost_eur += row.cost_eur;
        if (row.activity == Activity::niet_besteed) s.hours_unused += row.hours;
        if (row.activity == Activity::collectief_werk) s.hours_collective += row.hours;
    }
    for (const auto& d : world.recorder.days()) {
        s.attempts += d.attempts;
        s.contacts += d.contacts;
        s.conversations += d.conversations;
        s.signals += d.signals;
        s.signals_followed_up += d.signals_followed_up;
        s.debt_help_cases += d.debt_help_cases;
        s.referrals += d.referrals;
        s.connected += d.connected;
    }
    s.debt_help_cost_eur =
        static_cast<double>(s.debt_help_cases) * scenario_.params.escalations.debt_help_case_eur;
    const auto helped = s.funnel[kProfiles].toegeleid;
    s.cost_per_toegeleid_eur = helped > 0 ? s.worker_cost_eur / static_cast<double>(helped)
                                          : std::numeric_limits<double>::quiet_NaN();
    return s;
}

namespace {
std::string euros(double v) {
    if (std::isnan(v)) return "-";
    std::ostringstream o;
    const auto whole = static_cast<long long>(std::llround(v));
    std::string digits = std::to_string(whole < 0 ? -whole : whole);
    for (int pos = static_cast<int>(digits.size()) - 3; pos > 0; pos -= 3)
        digits.insert(static_cast<std::size_t>(pos), ".");
    o << "EUR " << (whole < 0 ? "-" : "") << digits;
    return o.str();
}
}  // namespace

std::string format_summary(const Summary& s) {
    std::ostringstream o;
    o << "Buurtbereik - " << s.scenario << " (seed " << s.seed << ", replication " << s.replication
      << ", " << s.days << " days)\n\n";
    o << "Funnel: households in need during the run, and what reached them (ever)\n";
    o << std::left << std::setw(16) << "profile" << std::right;
    const char* cols[] = {"households", "in need",   "signalled", "contacted",
                          "in gesprek", "toegeleid", "zelf hulp"};
    for (const char* c : cols) o << std::setw(11) << c;
    o << "\n";
    for (int k = 0; k <= kProfiles; ++k) {
        const FunnelCounts& f = s.funnel[k];
        o << std::left << std::setw(16)
          << (k < kProfiles ? std::string(id_of(static_cast<Profile>(k))) : "totaal") << std::right
          << std::setw(11) << f.households << std::setw(11) << f.in_need << std::setw(11)
          << f.signalled << std::setw(11) << f.contacted << std::setw(11) << f.conversation
          << std::setw(11) << f.toegeleid << std::setw(11) << f.self_help << "\n";
    }
    o << "\nContact: " << s.attempts << " attempts, " << s.contacts << " contacts, "
      << s.conversations << " conversations; signals: " << s.signals << " ("
      << s.signals_followed_up << " followed up)\n";
    o << "\nEscalations\n";
    for (int e = 0; e < kEscalationKinds; ++e) {
        o << "  " << std::left << std::setw(30) << id_of(static_cast<EscalationKind>(e))
          << std::right << std::setw(8) << s.escalations[e] << "\n";
    }
    o << "  cost: ";
    for (int v = 0; v < kPerspectives; ++v) {
        o << (v ? ", " : "") << id_of(static_cast<Perspective>(v)) << " "
          << euros(s.escalation_cost_eur[v]);
    }
    if (s.measures_imposed > 0) {
        o << "\n  of which statutory measures imposed at contacts: " << s.measures_imposed;
    }
    std::int64_t provision = 0;
    for (auto c : s.provision_signals) provision += c;
    o << "\n\nSignals about provisions: " << provision;
    if (provision > 0) {
        o << " (";
        bool first = true;
        for (int b = 0; b < kBarriers; ++b) {
            if (s.provision_signals[b] == 0) continue;
            o << (first ? "" : ", ") << id_of(static_cast<Barrier>(b)) << " "
              << s.provision_signals[b];
            first = false;
        }
        o << ")";
    }
    if (s.connected > 0 || s.referrals > 0) {
        o << "\nNetwork: " << s.connected << " residents connected, " << s.referrals
          << " referrals by them";
    }
    o << "\n\nWorker hours by contact method (unused hours included)\n";
    for (int m = 0; m < kMethods; ++m) {
        o << "  " << std::left << std::setw(26) << id_of(static_cast<Method>(m)) << std::right
          << std::setw(10) << std::fixed << std::setprecision(1) << s.hours_by_method[m] << " h\n";
    }
    o << "  " << std::left << std::setw(26) << "of which niet besteed" << std::right
      << std::setw(10) << s.hours_unused << " h\n";
    if (s.hours_collective > 0) {
        o << "  " << std::left << std::setw(26) << "of which collectief werk" << std::right
          << std::setw(10) << s.hours_collective << " h\n";
    }
    o << "  " << std::left << std::setw(26) << "total" << std::right << std::setw(10)
      << s.hours_total << " h\n";
    o << "\nCost\n  workers: " << euros(s.worker_cost_eur) << "\n  debt help for "
      << s.debt_help_cases << " households handed over: " << euros(s.debt_help_cost_eur)
      << "\n  worker cost per household toegeleid: " << euros(s.cost_per_toegeleid_eur) << "\n";
    return o.str();
}

}  // namespace bb
