// Stylised facts about the six outreach models (models/*.cpp) and the effective factors
// (models/factors.cpp), at equal worker hours.
//
// Set-up: the example scenarios scenarios/examples/<model>.yaml (the default buurt of
// scenarios/waterlandpleinbuurt.yaml, 6,095 households, a team of three with the default schedule,
// allocation and hourly cost, every worker by that one model), with horizon_days set to 1095
// (three years). The variants of facts 8 and 9 change only the team's factors or its mix of models.
// Every variant has the same workers, schedules and allocation, so the same scheduled hours; only
// the model or factor differs. All variants run on the scenario's seed with replications
// 0..n-1 (common random numbers), and every claim is a paired comparison over replications: "A >
// B" passes when the 95% t-interval of A - B lies above 0. An ensemble stops at its last
// checkpoint (run_ensemble), so a variant observed up to day 730 is the same run as the first two
// years of a three-year one.
//
// Every run is observed after every day by a ModelObserver (below), which keeps what the facts
// need from day to day (crisis cases, stigma at year ends) and reports these metrics at the
// checkpoints (day D: after days 0..D-1):
//   helped.zorgmijder        households of profile zorgmijder handed over to help by outreach
//                            (kReachToegeleid, first_toegeleid_day < D).
//   conversation.zorgmijder  households of profile zorgmijder that had a conversation with a worker
//                            while in need (kReachConversation).
//   contacts                 contact events that met the household (DayRow::contacts), in need or
//                            not.
//   conversations            conversations (DayRow::conversations), in need or not.
//   hours                    worker hours booked (DayRow::hours, unused scheduled hours included).
//   hours_per_conversation   hours / conversations.
//   provision_signals        signals about provisions recorded (Recorder::provision_signals()).
//   mean_stigma              mean over households of Households::stigma.
// and, for every whole year y (days 365(y-1) .. 365y-1) within the checkpoint:
//   referrals.y<y>           referrals by connected residents (sum of DayRow::referrals).
//   new_contacted.y<y>       households first met while in need that year (first_contact_day in
//                            the year), per quarter (the year's count / 4).
//   hours.y<y>               worker hours booked that year (DayRow::hours).
//   accept_rate.y<y>         acceptances / offers of help, from the event log: an offer is a
//                            conversation with a household in need that could accept (event
//                            outcome hulp_afgewezen or geaccepteerd), an acceptance one with
//                            outcome geaccepteerd.
//   engage_rate.y<y>         conversations / contact events that met a household in need
//                            (outcome other than geen_reactie and geweigerd over outcome other
//                            than geen_reactie), printed to read fact 6.
//   stigma.y<y>              mean stigma at the end of the year; stigma.start: after day 0 (the
//                            buurt levers first act on day 1).
//   ntu.y<y>h2               non-take-up in the second half of the year (days 365(y-1)+182 ..
//                            365y-1): households in need (DayRow::states other than geen_nood and
//                            geescaleerd) that are neither toegeleid nor zelf_hulp, as a share of
//                            those in need, averaged over the days.
// and crisis.* (fact 4), defined there.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/study/study.hpp"
#include "tests/facts/fact_harness.hpp"
#include "tests/support/test_scenarios.hpp"

namespace bb::facts {
namespace {

constexpr int kYear = 365;
constexpr int kDays = 3 * kYear;         // horizon of the model ensembles: three years
constexpr int kReplications = 40;        // per ensemble of the model comparisons
constexpr int kEarlyReplications = 100;  // fact 1, first three months (a small difference)
constexpr int kCrisisWindow = 180;       // fact 4: days a crisis case is followed after its signal

const std::array<std::string, 6> kModels{"hulp",       "presentie",     "dwang_drang",
                                         "verbindend", "kwartiermaken", "politiserend"};

// ---------------------------------------------------------------------------------------------
// Observation day by day

double count_reach(const Households& h, std::uint8_t bit, Profile profile) {
    double n = 0;
    for (int i = 0; i < h.n; ++i) n += h.profile[i] == profile && (h.reach[i] & bit) != 0;
    return n;
}

// A need other than sociaal above the escalation threshold (the engine's crisis, contacts.cpp).
bool in_crisis(const Households& h, int i, double threshold) {
    for (int k = 0; k < kDomains; ++k) {
        if (static_cast<Domain>(k) != Domain::sociaal && h.needs(i, k) > threshold) return true;
    }
    return false;
}

// Fact 4's crisis cases: a household in crisis at the end of the day on which its first
// followed-up signal arrived (signals arrive in the household pass, before the workers act, and
// contacts do not change needs, so this is its state when the signal came). A case is followed
// for kCrisisWindow days from its signal day d0 (d0 .. d0 + kCrisisWindow - 1); only cases whose
// window ends within the run are counted.
struct CrisisCase {
    int household;
    int signal_day;
    double hours_before;       // worker hours on the household up to the end of day d0 - 1
    int attempt_day = kNever;  // first event on or after d0 while in need (met or not)
    int contact_day = kNever;  // first event on or after d0 that met it while in need
    double measure_cost = 0;   // statutory measures imposed on it in the window (maatschappij)
    int measures = 0;
    bool closed = false;
    double hours = 0;  // worker hours on it in the window
    double trust = 0;  // its trust at the end of the window
};

// Observes one replication after every day; reports the metrics at checkpoints.
class ModelObserver {
  public:
    explicit ModelObserver(int last_day) : last_day_(last_day) {}

    void on_day(const Simulation& sim) {
        const int d = sim.day() - 1;  // the day just simulated
        const Households& h = sim.households();
        const Recorder& rec = sim.recorder();
        const double threshold = sim.scenario().params.needs.escalation_threshold;
        if (hours_.empty()) hours_.assign(static_cast<std::size_t>(h.n), 0.0F);
        if (d == 0) stigma_start_ = h.n > 0 ? h.stigma.mean() : kStatNaN;
        if ((d + 1) % kYear == 0) {
            stigma_year_end_.push_back(h.n > 0 ? h.stigma.mean() : kStatNaN);
            propensity_year_end_.push_back(accept_propensity(sim));
        }

        // New crisis cases: first followed-up signals of today.
        const auto& signals = rec.signals();
        for (; signal_seen_ < signals.size(); ++signal_seen_) {
            const SignalRecord& s = signals[signal_seen_];
            if (!s.followed_up || s.day != d || h.first_signal_day[s.household] != d) continue;
            if (d + kCrisisWindow - 1 > last_day_) continue;  // window would outlast the run
            if (case_of_.count(s.household) != 0) continue;   // a second followed signal today
            if (!in_crisis(h, s.household, threshold)) continue;
            case_of_[s.household] = cases_.size();
            cases_.push_back({s.household, d, hours_[static_cast<std::size_t>(s.household)]});
        }
        // Contacts of today.
        const auto& events = rec.events();
        for (; event_seen_ < events.size(); ++event_seen_) {
            const Event& e = events[event_seen_];
            if (!e.in_need) continue;
            const auto it = case_of_.find(e.household);
            if (it == case_of_.end()) continue;
            CrisisCase& c = cases_[it->second];
            if (c.closed) continue;
            if (c.attempt_day == kNever) c.attempt_day = e.day;
            if (c.contact_day == kNever && e.outcome != Outcome::geen_reactie)
                c.contact_day = e.day;
        }
        // Statutory measures imposed today.
        const auto& escalations = rec.escalations();
        for (; escalation_seen_ < escalations.size(); ++escalation_seen_) {
            const EscalationRecord& e = escalations[escalation_seen_];
            if (!e.imposed) continue;
            const auto it = case_of_.find(e.household);
            if (it == case_of_.end() || cases_[it->second].closed) continue;
            cases_[it->second].measure_cost +=
                e.cost_eur[static_cast<int>(Perspective::maatschappij)];
            ++cases_[it->second].measures;
        }
        // Windows ending today.
        for (CrisisCase& c : cases_) {
            if (c.closed || c.signal_day + kCrisisWindow - 1 != d) continue;
            c.closed = true;
            c.hours = h.worker_hours[c.household] - c.hours_before;
            c.trust = h.trust[c.household];
        }
        hours_ = h.worker_hours;
    }

    Metrics report(const Simulation& sim) const {
        const Households& h = sim.households();
        const Recorder& rec = sim.recorder();
        const auto& days = rec.days();
        const int day = sim.day();
        Metrics m;
        m["helped.zorgmijder"] = households_helped(sim, Profile::zorgmijder);
        m["contacted.zorgmijder"] = households_contacted(sim, Profile::zorgmijder);
        m["conversation.zorgmijder"] = count_reach(h, kReachConversation, Profile::zorgmijder);
        double contacts = 0, conversations = 0, hours = 0;
        for (const DayRow& r : days) {
            contacts += r.contacts;
            conversations += r.conversations;
            for (double x : r.hours) hours += x;
        }
        m["contacts"] = contacts;
        m["conversations"] = conversations;
        m["hours"] = hours;
        m["hours_per_conversation"] = ratio(hours, conversations);
        m["provision_signals"] = static_cast<double>(rec.provision_signals().size());
        m["mean_stigma"] = h.n > 0 ? h.stigma.mean() : kStatNaN;
        m["stigma.start"] = stigma_start_;

        // Per whole year.
        const int years = day / kYear;
        std::vector<double> new_contacted(static_cast<std::size_t>(years), 0.0);
        for (int i = 0; i < h.n; ++i) {
            const int c = h.first_contact_day[i];
            if (c != kNever && c / kYear < years) new_contacted[c / kYear] += 0.25;
        }
        std::vector<double> offers(static_cast<std::size_t>(years), 0.0);
        std::vector<double> accepts(static_cast<std::size_t>(years), 0.0);
        std::vector<double> met(static_cast<std::size_t>(years), 0.0);
        std::vector<double> talks(static_cast<std::size_t>(years), 0.0);
        for (const Event& e : rec.events()) {
            if (!e.in_need || e.day / kYear >= years) continue;
            if (e.outcome != Outcome::geen_reactie) {
                met[e.day / kYear] += 1;
                talks[e.day / kYear] += e.outcome != Outcome::geweigerd;
            }
            if (e.outcome == Outcome::hulp_afgewezen || e.outcome == Outcome::geaccepteerd) {
                offers[e.day / kYear] += 1;
                accepts[e.day / kYear] += e.outcome == Outcome::geaccepteerd;
            }
        }
        for (int y = 0; y < years; ++y) {
            const std::string tag = ".y" + std::to_string(y + 1);
            double referrals = 0, year_hours = 0, ntu = 0;
            int ntu_days = 0;
            for (int d = y * kYear; d < (y + 1) * kYear; ++d) {
                const DayRow& r = days[static_cast<std::size_t>(d)];
                referrals += r.referrals;
                for (double x : r.hours) year_hours += x;
                if (d >= y * kYear + kYear / 2) {
                    const auto& s = r.states;
                    const double need = h.n - s[static_cast<int>(FunnelState::geen_nood)] -
                                        s[static_cast<int>(FunnelState::geescaleerd)];
                    const double taken = s[static_cast<int>(FunnelState::toegeleid)] +
                                         s[static_cast<int>(FunnelState::zelf_hulp)];
                    ntu += ratio(need - taken, need);
                    ++ntu_days;
                }
            }
            m["referrals" + tag] = referrals;
            m["hours" + tag] = year_hours;
            m["new_contacted" + tag] = new_contacted[static_cast<std::size_t>(y)];
            m["accept_rate" + tag] =
                ratio(accepts[static_cast<std::size_t>(y)], offers[static_cast<std::size_t>(y)]);
            m["engage_rate" + tag] =
                ratio(talks[static_cast<std::size_t>(y)], met[static_cast<std::size_t>(y)]);
            m["ntu" + tag + "h2"] = ntu / ntu_days;
            m["stigma" + tag] = stigma_year_end_[static_cast<std::size_t>(y)];
            m["accept_propensity" + tag] = propensity_year_end_[static_cast<std::size_t>(y)];
        }
        // Changes between years, per replication (the paired quantities of facts 5-7).
        if (years >= 2) {
            m["referrals.y2-y1"] = m["referrals.y2"] - m["referrals.y1"];
            m["new_contacted.y2-y1"] = m["new_contacted.y2"] - m["new_contacted.y1"];
        }
        if (years >= 3) {
            m["accept_rate.y3-y1"] = m["accept_rate.y3"] - m["accept_rate.y1"];
            m["accept_propensity.y3-y1"] = m["accept_propensity.y3"] - m["accept_propensity.y1"];
            m["engage_rate.y3-y1"] = m["engage_rate.y3"] - m["engage_rate.y1"];
            m["ntu.y3h2-y1h2"] = m["ntu.y3h2"] - m["ntu.y1h2"];
            m["stigma.y3-start"] = m["stigma.y3"] - m["stigma.start"];
        }
        for (int y = 0; y < years; ++y) {
            const std::string now = "stigma.y" + std::to_string(y + 1);
            const std::string before = y == 0 ? "stigma.start" : "stigma.y" + std::to_string(y);
            m[now + "-" + before.substr(7)] = m[now] - m[before];
        }

        // Fact 4: crisis cases whose window has closed.
        const double hourly = sim.scenario().workers.front().hourly_cost_eur;
        double cases = 0, contacted = 0, days_to_contact = 0, worker_cost = 0, measure_cost = 0,
               measures = 0, trust = 0, trust_contacted = 0, within_week = 0, attempted = 0,
               days_to_attempt = 0;
        for (const CrisisCase& c : cases_) {
            if (!c.closed) continue;
            cases += 1;
            worker_cost += c.hours * hourly;
            measure_cost += c.measure_cost;
            measures += c.measures;
            trust += c.trust;
            if (c.attempt_day != kNever) {
                attempted += 1;
                days_to_attempt += c.attempt_day - c.signal_day;
            }
            if (c.contact_day != kNever) {
                contacted += 1;
                days_to_contact += c.contact_day - c.signal_day;
                within_week += c.contact_day - c.signal_day < 7;
                trust_contacted += c.trust;
            }
        }
        m["crisis.cases"] = cases;
        m["crisis.contacted_share"] = ratio(contacted, cases);
        m["crisis.days_to_contact"] = ratio(days_to_contact, contacted);
        m["crisis.met_within_week_share"] = ratio(within_week, cases);
        m["crisis.days_to_attempt"] = ratio(days_to_attempt, attempted);
        m["crisis.worker_cost_per_case"] = ratio(worker_cost, cases);
        m["crisis.measures_per_case"] = ratio(measures, cases);
        m["crisis.cost_per_case"] = ratio(worker_cost + measure_cost, cases);
        m["crisis.trust_after"] = ratio(trust, cases);
        m["crisis.trust_after_contacted"] = ratio(trust_contacted, contacted);
        return m;
    }

  private:
    int last_day_;              // the last day the run simulates
    std::vector<float> hours_;  // Households::worker_hours at the end of the previous day
    double stigma_start_ = kStatNaN;
    std::vector<double> stigma_year_end_;
    std::vector<double> propensity_year_end_;
    std::vector<CrisisCase> cases_;

    // Mean acceptance propensity of the households in need (not escalated): the probability that
    // each would accept an offer, from the acceptance equation without model shifts (calibrated
    // intercept + accept_terms, sim/population/calibration.hpp). It moves with trust, awareness
    // and stigma, without the Bernoulli noise of realised acceptances.
    static double accept_propensity(const Simulation& sim) {
        const Households& h = sim.households();
        const Parameters& p = sim.scenario().params;
        double sum = 0;
        int n = 0;
        for (int i = 0; i < h.n; ++i) {
            if (h.state[i] == FunnelState::geen_nood || h.state[i] == FunnelState::geescaleerd)
                continue;
            sum += logistic(sim.intercepts().accept + accept_terms(p, h, i));
            ++n;
        }
        return n > 0 ? sum / n : kStatNaN;
    }
    std::unordered_map<int, std::size_t> case_of_;
    std::size_t signal_seen_ = 0, event_seen_ = 0, escalation_seen_ = 0;
};

// Runs an ensemble observed by a ModelObserver after every day up to the last checkpoint, and
// keeps its reports at `checkpoints`.
Ensemble run_observed(const Scenario& scenario, int replications, std::vector<int> checkpoints) {
    std::sort(checkpoints.begin(), checkpoints.end());
    checkpoints.erase(std::unique(checkpoints.begin(), checkpoints.end()), checkpoints.end());
    const int last = checkpoints.back();
    std::vector<int> every_day;
    for (int d = 1; d <= last; ++d) every_day.push_back(d);
    std::mutex mutex;
    std::map<std::uint32_t, std::unique_ptr<ModelObserver>> observers;  // by replication
    const Observer observe = [&](const Simulation& sim) {
        ModelObserver* o = nullptr;
        {
            const std::lock_guard<std::mutex> lock(mutex);
            auto& slot = observers[sim.replication()];
            if (!slot) slot = std::make_unique<ModelObserver>(last - 1);
            o = slot.get();
        }
        o->on_day(sim);
        if (!std::binary_search(checkpoints.begin(), checkpoints.end(), sim.day()))
            return Metrics{};
        return o->report(sim);
    };
    Ensemble all = run_ensemble(scenario, replications, every_day, observe);
    Ensemble kept;
    kept.label = all.label;
    kept.checkpoints = checkpoints;
    kept.seconds = all.seconds;
    for (const auto& per_day : all.results) {
        std::vector<Metrics> row;
        for (int d : checkpoints) row.push_back(per_day[static_cast<std::size_t>(d - 1)]);
        kept.results.push_back(std::move(row));
    }
    return kept;
}

// ---------------------------------------------------------------------------------------------
// Scenarios and ensembles

Scenario example(const std::string& model) {
    Scenario sc = load_scenario(test::source_path("scenarios/examples/" + model + ".yaml"));
    sc.horizon_days = kDays;
    sc.name = model;
    return sc;
}

Ensemble run_variant(const Scenario& sc, int replications, std::vector<int> checkpoints) {
    Ensemble e = run_observed(sc, replications, std::move(checkpoints));
    std::printf("ensemble %-28s %3d replications x %4d days: %5.1f s\n", e.label.c_str(),
                replications, e.checkpoints.back(), e.seconds);
    std::fflush(stdout);
    return e;
}

// One three-year ensemble per model, run once and shared by the tests of this file.
const std::map<std::string, Ensemble>& model_ensembles() {
    static const std::map<std::string, Ensemble> ensembles = [] {
        std::map<std::string, Ensemble> out;
        for (const auto& model : kModels) {
            out[model] = run_variant(example(model), kReplications, {90, kYear, 2 * kYear, kDays});
        }
        return out;
    }();
    return ensembles;
}

const Ensemble& of(const std::string& model) { return model_ensembles().at(model); }

std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

// Prints the numbers behind the facts, per model: mean +- half-width of the 95% t-interval.
TEST(ModelFacts, NumbersPerModel) {
    const auto& ensembles = model_ensembles();
    const std::vector<std::pair<int, std::string>> rows{
        {90, "helped.zorgmijder"},
        {2 * kYear, "helped.zorgmijder"},
        {2 * kYear, "conversation.zorgmijder"},
        {2 * kYear, "contacts"},
        {2 * kYear, "conversations"},
        {2 * kYear, "hours"},
        {2 * kYear, "hours_per_conversation"},
        {kDays, "crisis.cases"},
        {kDays, "crisis.contacted_share"},
        {kDays, "crisis.days_to_contact"},
        {kDays, "crisis.met_within_week_share"},
        {kDays, "crisis.days_to_attempt"},
        {kDays, "crisis.worker_cost_per_case"},
        {kDays, "crisis.measures_per_case"},
        {kDays, "crisis.cost_per_case"},
        {kDays, "crisis.trust_after"},
        {kDays, "crisis.trust_after_contacted"},
        {kDays, "referrals.y1"},
        {kDays, "referrals.y2"},
        {kDays, "new_contacted.y1"},
        {kDays, "new_contacted.y2"},
        {kDays, "new_contacted.y3"},
        {kDays, "hours.y1"},
        {kDays, "hours.y2"},
        {kDays, "stigma.start"},
        {kDays, "stigma.y1"},
        {kDays, "stigma.y3"},
        {kDays, "accept_rate.y1"},
        {kDays, "accept_rate.y3"},
        {kDays, "accept_propensity.y1"},
        {kDays, "accept_propensity.y3"},
        {kDays, "engage_rate.y1"},
        {kDays, "engage_rate.y3"},
        {kDays, "ntu.y1h2"},
        {kDays, "ntu.y3h2"},
        {kDays, "provision_signals"},
    };
    std::printf("\nPer model, mean +- half-width of the 95%% t-interval (n = %d):\n%-34s",
                kReplications, "metric @day");
    for (const auto& model : kModels) std::printf(" %20s", model.c_str());
    std::printf("\n");
    for (const auto& [day, metric] : rows) {
        std::printf("%-34s", (metric + " @" + std::to_string(day)).c_str());
        for (const auto& model : kModels) {
            const Estimate e = estimate_mean(ensembles.at(model).values(day, metric));
            std::printf(" %20s", (fmt(e.mean) + " +- " + fmt(e.half_width)).c_str());
        }
        std::printf("\n");
    }
    std::printf("\n");
    std::fflush(stdout);
}

// Fact 1: over two years, presentie helps more zorgmijders than hulp, but fewer in the first
// three months. Claims (helped.zorgmijder):
//   (a) at day 730: presentie > hulp (the model ensembles, kReplications);
//   (b) at day 90: presentie < hulp, on kEarlyReplications replications stopped at day 90 (the
//       difference is small, so it needs more replications; the runs are short).
TEST(ModelFacts, Fact1_PresentieHelpsMoreZorgmijdersLate_FewerEarly) {
    const std::string fact = "fact 1";
    const Estimate late =
        claim_greater(fact, of("presentie"), of("hulp"), 2 * kYear, "helped.zorgmijder");
    EXPECT_TRUE(above_zero(late)) << "(a) presentie - hulp at day 730 = " << describe(late);
    const Ensemble hulp = run_variant(example("hulp"), kEarlyReplications, {90});
    const Ensemble presentie = run_variant(example("presentie"), kEarlyReplications, {90});
    const Estimate early = claim_less(fact, presentie, hulp, 90, "helped.zorgmijder");
    EXPECT_TRUE(below_zero(early)) << "(b) presentie - hulp at day 90 = " << describe(early);
}

// Fact 4: in crisis cases, dwang_drang has the shortest time to contact and the highest cost per
// case, and trust afterwards is lower than with hulp. A crisis case is a household in crisis (a
// need other than sociaal above needs.escalation_threshold) on the day its first followed-up
// signal arrives, followed for kCrisisWindow days from that day; cases signalled in days
// 0 .. 1095 - kCrisisWindow. Per replication, the means over its cases:
//   crisis.days_to_contact   days from the signal to the first event that met the household while
//                            in need (on or after the signal day), over the cases met within the
//                            window;
//   crisis.cost_per_case     worker cost in the window (Households::worker_hours gained in the
//                            window x the hourly cost) plus the society cost (perspective
//                            maatschappij) of statutory measures imposed on the household at a
//                            contact in the window; over all cases, met or not;
//                            (crisis.worker_cost_per_case: the worker cost alone, printed);
//   crisis.trust_after       the household's trust at the end of the window, over all cases.
// Printed: crisis.contacted_share (cases met within the window), crisis.met_within_week_share
// (cases met within 7 days of the signal), crisis.days_to_attempt (days from the signal to the
// first attempt on the household while in need, met or not, over the cases attempted in the
// window), crisis.trust_after_contacted (over the cases met).
// Claims:
//   (a) days_to_contact of dwang_drang < that of each other model;
//   (b) cost_per_case of dwang_drang > that of each other model;
//   (c) trust_after of dwang_drang < that of hulp (and, printed, of presentie).
TEST(ModelFacts, Fact4_DwangDrangFastestAndCostliestInCrisis_LowerTrust) {
    const std::string fact = "fact 4";
    const Ensemble& dd = of("dwang_drang");
    for (const auto& model : kModels) {
        if (model == "dwang_drang") continue;
        const Estimate t = claim_less(fact, dd, of(model), kDays, "crisis.days_to_contact");
        EXPECT_TRUE(below_zero(t))
            << "(a) days to contact, dwang_drang - " << model << " = " << describe(t);
    }
    for (const auto& model : kModels) {
        if (model == "dwang_drang") continue;
        const Estimate c = claim_greater(fact, dd, of(model), kDays, "crisis.cost_per_case");
        EXPECT_TRUE(above_zero(c))
            << "(b) cost per case, dwang_drang - " << model << " = " << describe(c);
        difference(fact, of(model), dd, kDays, "crisis.worker_cost_per_case");
    }
    const Estimate trust = claim_less(fact, dd, of("hulp"), kDays, "crisis.trust_after");
    EXPECT_TRUE(below_zero(trust)) << "(c) trust after, dwang_drang - hulp = " << describe(trust);
    difference(fact, of("presentie"), dd, kDays, "crisis.trust_after");
    difference(fact, of("hulp"), dd, kDays, "crisis.trust_after_contacted");
}

// Fact 5: with verbindend, reach keeps growing through neighbour referrals without extra hours.
// Claims (the same team and schedule in both years):
//   (a) referrals by connected residents in year 2 exceed those in year 1, under verbindend:
//       mean of referrals.y2 - referrals.y1 > 0;
//   (b) households newly contacted per quarter grow from year 1 to year 2 more under verbindend
//       than under hulp (difference in differences): new_contacted.y2 - new_contacted.y1 of
//       verbindend > that of hulp.
// Printed: worker hours in years 1 and 2 (equal up to the credit carried between days), and the
// growth of newly contacted households per quarter from year 2 to year 3.
TEST(ModelFacts, Fact5_VerbindendReachGrowsThroughReferrals) {
    const std::string fact = "fact 5";
    const Ensemble& v = of("verbindend");
    const Ensemble& h = of("hulp");
    const Estimate r = claim_mean_above(fact, v, kDays, "referrals.y2-y1", 0.0);
    EXPECT_TRUE(above_zero(r)) << "(a) referrals year 2 - year 1 = " << describe(r);
    mean(fact, v, kDays, "hours.y1");
    mean(fact, v, kDays, "hours.y2");
    const Estimate did = claim_greater(fact, v, h, kDays, "new_contacted.y2-y1");
    EXPECT_TRUE(above_zero(did)) << "(b) difference in differences = " << describe(did);
    mean(fact, v, kDays, "new_contacted.y1");
    mean(fact, v, kDays, "new_contacted.y2");
    mean(fact, h, kDays, "new_contacted.y1");
    mean(fact, h, kDays, "new_contacted.y2");
}

// Fact 6: under kwartiermaken, stigma falls over the years and acceptance rises with it. Claims,
// over three years:
//   (a) mean stigma falls every year: stigma.y1 < stigma.start, stigma.y2 < stigma.y1,
//       stigma.y3 < stigma.y2 (means of the per-replication changes below 0);
//   (b) and more than under hulp: stigma.y3 - stigma.start of kwartiermaken < that of hulp;
//   (c) acceptance rises *with* the fall of stigma: the acceptance propensity of the households in
//       need (accept_propensity: the probability that each would accept an offer, from the
//       acceptance equation) rises more from year 1 to year 3 under kwartiermaken than under
//       kwartiermaken with its stigma lever off (stigma_reduction_max 0: the same collective hours,
//       links and ties, no fall of stigma), the control that isolates what the fall of stigma does
//       (a difference in differences);
//   (d) realised acceptance rises within kwartiermaken: mean of accept_rate.y3 - accept_rate.y1
//       > 0 (acceptances / offers in the event log).
// Printed: the realised acceptance against the lever-off control and against hulp. The fall of
// stigma (about 0.04 over three years) moves acceptance by about one percentage point, which the
// realised rates of 40 replications do not resolve (their difference in differences against the
// lever-off control went from +0.013 [0.002, 0.024] to -0.003 [-0.013, 0.007] when the order of the
// contact draws changed); the propensity measures the same effect without the Bernoulli noise.
// Realised acceptance also rises under every model over the years (those still unhelped are
// reached again with more trust).
TEST(ModelFacts, Fact6_KwartiermakenLowersStigmaRaisesAcceptance) {
    const std::string fact = "fact 6";
    const Ensemble& k = of("kwartiermaken");
    const Ensemble& h = of("hulp");
    for (const char* change : {"stigma.y1-start", "stigma.y2-y1", "stigma.y3-y2"}) {
        const Estimate s = claim_mean_below(fact, k, kDays, change, 0.0);
        EXPECT_TRUE(below_zero(s)) << "(a) " << change << " = " << describe(s);
    }
    const Estimate rel = claim_less(fact, k, h, kDays, "stigma.y3-start");
    EXPECT_TRUE(below_zero(rel)) << "(b) stigma change, kwartiermaken - hulp = " << describe(rel);
    Scenario off = example("kwartiermaken");
    off.model_params.at("kwartiermaken").at("stigma_reduction_max") = 0.0;
    off.name = "kwartiermaken(no stigma lever)";
    const Ensemble k0 = run_variant(off, kReplications, {kDays});
    const Estimate did = claim_greater(fact, k, k0, kDays, "accept_propensity.y3-y1");
    EXPECT_TRUE(above_zero(did)) << "(c) acceptance propensity, difference in differences against "
                                 << "the lever off = " << describe(did);
    difference(fact, k0, k, kDays, "accept_rate.y3-y1");
    const Estimate within = claim_mean_above(fact, k, kDays, "accept_rate.y3-y1", 0.0);
    EXPECT_TRUE(above_zero(within)) << "(d) acceptance year 3 - year 1 = " << describe(within);
    mean(fact, h, kDays, "accept_rate.y3-y1");
    difference(fact, h, k, kDays, "accept_rate.y3-y1");
    difference(fact, k0, k, kDays, "engage_rate.y3-y1");
}

// Fact 7: under politiserend, non-take-up falls after the policy lag (365 days), and it records
// the most signals about provisions. Claims:
//   (a) ntu.y3h2 - ntu.y1h2 (non-take-up in the last half year of year 3 minus that in the second
//       half of year 1) of politiserend < that of hulp;
//   (b) provision_signals over the three years of politiserend > that of each other model.
TEST(ModelFacts, Fact7_PolitiserendLowersNonTakeUpAndSignalsProvisions) {
    const std::string fact = "fact 7";
    const Ensemble& p = of("politiserend");
    const Estimate did = claim_less(fact, p, of("hulp"), kDays, "ntu.y3h2-y1h2");
    EXPECT_TRUE(below_zero(did)) << "(a) non-take-up, difference in differences = "
                                 << describe(did);
    mean(fact, p, kDays, "ntu.y3h2-y1h2");
    mean(fact, of("hulp"), kDays, "ntu.y3h2-y1h2");
    for (const auto& model : kModels) {
        if (model == "politiserend") continue;
        const Estimate s = claim_greater(fact, p, of(model), kDays, "provision_signals");
        EXPECT_TRUE(above_zero(s))
            << "(b) provision signals, politiserend - " << model << " = " << describe(s);
    }
}

// Fact 8: a team with an expert by experience engages more zorgmijders than the same team without
// one. Claim: conversation.zorgmijder at day 730 of the hulp team with factors
// [ervaringsdeskundige] > that of the hulp team without.
TEST(ModelFacts, Fact8_ErvaringsdeskundigeEngagesMoreZorgmijders) {
    const std::string fact = "fact 8";
    Scenario sc = example("hulp");
    for (auto& w : sc.workers) w.factors = {"ervaringsdeskundige"};
    sc.name = "hulp+ervaringsdeskundige";
    const Ensemble with = run_variant(sc, kReplications, {2 * kYear});
    const Estimate d = claim_greater(fact, with, of("hulp"), 2 * kYear, "conversation.zorgmijder");
    EXPECT_TRUE(above_zero(d)) << "zorgmijders in conversation, with - without = " << describe(d);
}

// Fact 9: a mix of models behaves between its parts. The team with models {hulp: 0.5,
// presentie: 0.5} against the pure hulp and pure presentie teams, at day 730, on
// helped.zorgmijder, hours_per_conversation and contacts. For each metric, with lo and hi the
// parts with the lower and higher mean, the claim is that the mix is not significantly outside
// them: the 95% interval of mix - lo does not lie wholly below 0, and that of mix - hi does not
// lie wholly above 0. Printed: whether the mix is significantly inside (above lo and below hi).
TEST(ModelFacts, Fact9_MixBetweenItsParts) {
    const std::string fact = "fact 9";
    Scenario sc = example("hulp");
    for (auto& w : sc.workers) w.models = {{"hulp", 0.5}, {"presentie", 0.5}};
    sc.name = "hulp+presentie";
    const Ensemble mix = run_variant(sc, kReplications, {2 * kYear});
    for (const char* metric : {"helped.zorgmijder", "hours_per_conversation", "contacts"}) {
        const Ensemble& h = of("hulp");
        const Ensemble& p = of("presentie");
        const double mh = estimate_mean(h.values(2 * kYear, metric)).mean;
        const double mp = estimate_mean(p.values(2 * kYear, metric)).mean;
        const Ensemble& lo = mh <= mp ? h : p;
        const Ensemble& hi = mh <= mp ? p : h;
        const Estimate above_lo = difference(fact, lo, mix, 2 * kYear, metric);
        const Estimate below_hi = difference(fact, hi, mix, 2 * kYear, metric);
        const bool outside = below_zero(above_lo) || above_zero(below_hi);
        const bool inside = above_zero(above_lo) && below_zero(below_hi);
        std::printf("[%s] %s @day %d: mix %s between %s and %s: %s\n", fact.c_str(), metric,
                    2 * kYear,
                    outside  ? "significantly OUTSIDE"
                    : inside ? "significantly inside"
                             : "not significantly outside",
                    lo.label.c_str(), hi.label.c_str(), outside ? "FAIL" : "PASS");
        EXPECT_FALSE(outside) << metric << ": mix - " << lo.label << " = " << describe(above_lo)
                              << ", mix - " << hi.label << " = " << describe(below_hi);
    }
}

}  // namespace
}  // namespace bb::facts
