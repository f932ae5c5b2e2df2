// Engine invariants of the daily step: conservation of households over funnel states, zero in gives
// zero out, more worker hours never give fewer contacts (statistical), and determinism.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/random/streams.hpp"
#include "tests/support/test_scenarios.hpp"

namespace bb {
namespace {

// Needs grow fast and escalate easily, so that short runs pass through every funnel state.
const std::string kStress =
    "needs:\n"
    "  financien: {growth_per_year: 4}\n"
    "  gezondheid: {growth_per_year: 4}\n"
    "  opvoeding: {growth_per_year: 4}\n"
    "escalations:\n"
    "  huisuitzetting: {hazard_per_year: 5}\n"
    "  kinderbeschermingsmaatregel: {hazard_per_year: 5}\n"
    "  crisis: {hazard_per_year: 5}\n";

TEST(Simulation, EveryHouseholdIsInExactlyOneStateEveryDay) {
    const Scenario sc = test::parse(
        test::small_buurt_yaml(1500, 120, 31, test::worker_yaml("w", 2, 22, 6, 2), kStress));
    Simulation sim(sc);
    const Households& h = sim.households();
    std::array<bool, kFunnelStates> seen{};
    while (!sim.done()) {
        sim.step();
        ASSERT_EQ(static_cast<int>(sim.recorder().days().size()), sim.day());
        const auto& row = sim.recorder().days().back();
        ASSERT_EQ(std::accumulate(row.states.begin(), row.states.end(), 0), h.n)
            << "day " << sim.day();
        ASSERT_EQ(row.states, sim.recount_states()) << "day " << sim.day();
        for (int i = 0; i < h.n; ++i) {
            const bool no_need = (h.needs.row(i) == 0.0).all();
            ASSERT_TRUE((h.needs.row(i) >= 0.0).all()) << "household " << i;
            ASSERT_EQ(h.state[i] == FunnelState::geen_nood, no_need)
                << "household " << i << " on day " << sim.day() << " in state "
                << id_of(h.state[i]);
            seen[static_cast<int>(h.state[i])] = true;
        }
    }
    // The run was not trivial: every state was visited.
    for (int s = 0; s < kFunnelStates; ++s)
        EXPECT_TRUE(seen[s]) << "never in state " << id_of(static_cast<FunnelState>(s));
    EXPECT_THROW(sim.step(), std::logic_error);
}

void expect_no_outreach(const Simulation& sim) {
    const Summary s = sim.summary();
    const Households& h = sim.households();
    EXPECT_EQ(s.attempts, 0);
    EXPECT_EQ(s.contacts, 0);
    EXPECT_EQ(s.conversations, 0);
    EXPECT_TRUE(sim.recorder().events().empty());
    EXPECT_TRUE(sim.recorder().ledger().empty());
    EXPECT_EQ(s.worker_cost_eur, 0.0);
    EXPECT_EQ(s.hours_total, 0.0);
    EXPECT_EQ(s.hours_unused, 0.0);
    EXPECT_EQ(s.funnel[kProfiles].attempted, 0);
    EXPECT_EQ(s.funnel[kProfiles].contacted, 0);
    EXPECT_EQ(s.funnel[kProfiles].toegeleid, 0);
    EXPECT_EQ(s.debt_help_cases, 0);
    EXPECT_TRUE(std::isnan(s.cost_per_toegeleid_eur));
    for (int i = 0; i < h.n; ++i) {
        ASSERT_EQ(h.attempts[i], 0) << i;
        ASSERT_EQ(h.conversations[i], 0) << i;
        ASSERT_EQ(h.worker_hours[i], 0.0F) << i;
        ASSERT_EQ(h.reach[i] & (kReachAttempted | kReachContacted | kReachConversation |
                                kReachAccepted | kReachToegeleid),
                  0)
            << i;
        ASSERT_NE(h.state[i], FunnelState::toegeleid) << i;
        ASSERT_NE(h.state[i], FunnelState::geaccepteerd) << i;
    }
    for (const DayRow& d : sim.recorder().days()) {
        for (double hours : d.hours) ASSERT_EQ(hours, 0.0);
        ASSERT_EQ(d.cost_eur, 0.0);
        ASSERT_EQ(d.handovers, 0);
    }
    // The buurt lives on without outreach: needs arise, signals arrive and wait in the queue.
    EXPECT_GT(s.signals, 0);
    EXPECT_EQ(static_cast<std::size_t>(s.signals), sim.recorder().signals().size());
    EXPECT_GT(s.signals_followed_up, 0);
    EXPECT_GT(sim.recount_states()[static_cast<int>(FunnelState::gesignaleerd)], 0);
    EXPECT_GT(s.funnel[kProfiles].in_need, 0);
}

TEST(Simulation, NoWorkersMeansNoOutreach) {
    const Scenario sc = test::parse(test::small_buurt_yaml(1000, 60, 5, ""));
    ASSERT_TRUE(sc.workers.empty());
    Simulation sim(sc);
    sim.run();
    EXPECT_TRUE(sim.worker_ids().empty());
    expect_no_outreach(sim);
}

TEST(Simulation, WorkersWithoutScheduledHoursDoNothing) {
    const Scenario sc =
        test::parse(test::small_buurt_yaml(1000, 60, 5, test::worker_yaml("nul", 2, 0, 0, 0)));
    Simulation sim(sc);
    sim.run();
    EXPECT_EQ(sim.worker_ids(), (std::vector<std::string>{"nul-1", "nul-2"}));
    expect_no_outreach(sim);
}

// Statistical: mean contacts over kReplications replications (common random numbers: replication
// r of every schedule shares its household draws) for one worker at 5, 10 and 20 hours a week.
// More hours may never lower the mean by more than 4 standard errors of the paired differences,
// and the extremes must differ by more than 4 standard errors.
TEST(Simulation, MoreWorkerHoursNeverGiveFewerContacts) {
    constexpr int kReplications = 20;
    const std::array<double, 3> hours{5, 10, 20};
    std::array<std::vector<double>, 3> contacts;
    for (std::size_t k = 0; k < hours.size(); ++k) {
        const Scenario sc = test::parse(
            test::small_buurt_yaml(600, 56, 2024, test::worker_yaml("w", 1, hours[k], 0, 0)));
        for (int r = 0; r < kReplications; ++r) {
            Simulation sim(sc, {static_cast<std::uint32_t>(r), false});
            sim.run();
            contacts[k].push_back(static_cast<double>(sim.summary().contacts));
        }
    }
    auto paired = [&](std::size_t lo, std::size_t hi) {
        std::vector<double> d;
        for (int r = 0; r < kReplications; ++r) d.push_back(contacts[hi][r] - contacts[lo][r]);
        return std::pair{test::mean_of(d), test::sd_of(d) / std::sqrt(kReplications)};
    };
    for (std::size_t k = 0; k + 1 < hours.size(); ++k) {
        const auto [diff, se] = paired(k, k + 1);
        EXPECT_GE(diff, -4.0 * se) << hours[k] << " -> " << hours[k + 1] << " hours/week";
    }
    const auto [diff, se] = paired(0, hours.size() - 1);
    EXPECT_GT(diff, 4.0 * se) << "mean contacts at 5 h/week " << test::mean_of(contacts[0])
                              << ", at 20 h/week " << test::mean_of(contacts[2]);
    EXPECT_GT(test::mean_of(contacts[0]), 0.0);
}

TEST(Simulation, ReplicationBeyondTheKeyRangeIsRejected) {
    const Scenario sc = test::parse(test::small_buurt_yaml(100, 10, 1, ""));
    EXPECT_THROW(Simulation(sc, {kMaxReplications, false}), std::invalid_argument);
}

// Same scenario and seed: identical households, events, ledger and time series.
void expect_identical(const Simulation& a, const Simulation& b, bool compare_events = true) {
    const Households &x = a.households(), &y = b.households();
    ASSERT_EQ(x.n, y.n);
    EXPECT_TRUE((x.needs == y.needs).all());
    EXPECT_TRUE((x.trust == y.trust).all());
    EXPECT_TRUE((x.awareness == y.awareness).all());
    EXPECT_TRUE((x.stigma == y.stigma).all());
    EXPECT_TRUE((x.availability == y.availability).all());
    EXPECT_EQ(x.state, y.state);
    EXPECT_EQ(x.reach, y.reach);
    EXPECT_EQ(x.attempts, y.attempts);
    EXPECT_EQ(x.conversations, y.conversations);
    EXPECT_EQ(x.signals, y.signals);
    EXPECT_EQ(x.escalations, y.escalations);
    EXPECT_EQ(x.first_need_day, y.first_need_day);
    EXPECT_EQ(x.first_contact_day, y.first_contact_day);
    EXPECT_EQ(x.first_toegeleid_day, y.first_toegeleid_day);
    EXPECT_EQ(x.worker_hours, y.worker_hours);

    const Recorder &ra = a.recorder(), &rb = b.recorder();
    if (compare_events) {
        ASSERT_EQ(ra.events().size(), rb.events().size());
        for (std::size_t k = 0; k < ra.events().size(); ++k) {
            const Event &e = ra.events()[k], &f = rb.events()[k];
            ASSERT_TRUE(e.day == f.day && e.slot == f.slot && e.worker == f.worker &&
                        e.household == f.household && e.method == f.method &&
                        e.action == f.action && e.outcome == f.outcome && e.reason == f.reason &&
                        e.in_need == f.in_need && e.hours == f.hours)
                << "event " << k;
        }
    }
    ASSERT_EQ(ra.ledger().size(), rb.ledger().size());
    for (std::size_t k = 0; k < ra.ledger().size(); ++k) {
        const LedgerRow &l = ra.ledger()[k], &m = rb.ledger()[k];
        ASSERT_TRUE(l.day == m.day && l.worker == m.worker && l.method == m.method &&
                    l.activity == m.activity && l.hours == m.hours && l.cost_eur == m.cost_eur)
            << "ledger row " << k;
    }
    ASSERT_EQ(ra.days().size(), rb.days().size());
    for (std::size_t d = 0; d < ra.days().size(); ++d) {
        const DayRow &p = ra.days()[d], &q = rb.days()[d];
        ASSERT_TRUE(p.states == q.states && p.new_needs == q.new_needs && p.signals == q.signals &&
                    p.signals_followed_up == q.signals_followed_up && p.attempts == q.attempts &&
                    p.contacts == q.contacts && p.conversations == q.conversations &&
                    p.acceptances == q.acceptances && p.handovers == q.handovers &&
                    p.self_help == q.self_help && p.debt_help_cases == q.debt_help_cases &&
                    p.escalations == q.escalations && p.hours == q.hours &&
                    p.hours_unused == q.hours_unused && p.cost_eur == q.cost_eur)
            << "day " << d;
    }
    ASSERT_EQ(ra.signals().size(), rb.signals().size());
    for (std::size_t k = 0; k < ra.signals().size(); ++k) {
        const SignalRecord &s = ra.signals()[k], &t = rb.signals()[k];
        ASSERT_TRUE(s.day == t.day && s.household == t.household && s.source == t.source &&
                    s.arrears_eur == t.arrears_eur && s.followed_up == t.followed_up)
            << "signal " << k;
    }
    ASSERT_EQ(ra.escalations().size(), rb.escalations().size());
    for (std::size_t k = 0; k < ra.escalations().size(); ++k) {
        const EscalationRecord &s = ra.escalations()[k], &t = rb.escalations()[k];
        ASSERT_TRUE(s.day == t.day && s.household == t.household && s.kind == t.kind &&
                    s.cost_eur == t.cost_eur)
            << "escalation " << k;
    }
}

bool same_events(const Simulation& a, const Simulation& b) {
    const auto &x = a.recorder().events(), &y = b.recorder().events();
    if (x.size() != y.size()) return false;
    for (std::size_t k = 0; k < x.size(); ++k) {
        if (x[k].household != y[k].household || x[k].outcome != y[k].outcome) return false;
    }
    return true;
}

TEST(Simulation, SameScenarioAndSeedGiveIdenticalRuns) {
    const std::string workers = test::worker_yaml("w", 2, 20, 4, 2);
    const Scenario sc = test::parse(test::small_buurt_yaml(800, 90, 77, workers, kStress));
    Simulation a(sc), b(sc);
    a.run();
    // Stepping by hand and running with a progress callback are the same.
    int calls = 0;
    b.run([&](int day, int days) {
        ++calls;
        EXPECT_EQ(day, calls);
        EXPECT_EQ(days, sc.horizon_days);
    });
    EXPECT_EQ(calls, sc.horizon_days);
    ASSERT_FALSE(a.recorder().events().empty());
    expect_identical(a, b);

    // Keeping the event log or not changes nothing else.
    Simulation quiet(sc, {0, false});
    quiet.run();
    EXPECT_TRUE(quiet.recorder().events().empty());
    expect_identical(a, quiet, false);

    // Another seed, or another replication of the same seed, gives another run.
    const Scenario other = test::parse(test::small_buurt_yaml(800, 90, 78, workers, kStress));
    Simulation c(other), d(sc, {1, true});
    c.run();
    d.run();
    for (const Simulation* s : {&c, &d}) {
        EXPECT_FALSE((s->households().needs == a.households().needs).all());
        EXPECT_FALSE((s->households().trust == a.households().trust).all());
        EXPECT_FALSE(same_events(*s, a));
    }
}

// Interventions change the team from a given week: before it the run is the run without it
// (common random numbers), from it the scheduled hours follow the new team, every scheduled hour is
// still booked exactly once, a stopped worker books nothing more, and the states stay consistent.
TEST(Simulation, InterventionsChangeTheTeamFromTheirWeek) {
    const std::string team =
        test::worker_yaml("w", 2, 20, 4, 0) + "    protocol: {max_visits: 3}\n";
    const std::string base_text = test::small_buurt_yaml(1500, 140, 77, team, kStress);
    const std::string with_text =
        base_text +
        "interventions:\n"
        "  - from_week: 6\n"
        "    workers: [{id: w, count: 3, schedule: {weekdag_dag: 10, weekdag_avond: 10, "
        "weekend: 4}}]\n"
        "    add_workers:\n"
        "      - {id: extra, schedule: {weekdag_dag: 16, weekdag_avond: 0, weekend: 0}}\n"
        "  - from_week: 12\n"
        "    remove_workers: [extra]\n"
        "    campaign: {weeks: 4, hours_per_week: 6, slot: weekdag_avond, locations: [school]}\n";
    const Scenario base = test::parse(base_text);
    const Scenario with = test::parse(with_text);
    ASSERT_EQ(with.interventions.size(), 3u);  // the campaign's end is an intervention of its own
    EXPECT_EQ(with.interventions[2].from_week, 16);
    EXPECT_EQ(with.interventions[2].remove_workers, std::vector<std::string>{"campagne"});

    Simulation a(base), b(with);
    a.run();
    b.run();
    const auto& da = a.recorder().days();
    const auto& db = b.recorder().days();
    for (int d = 0; d < 42; ++d) {  // before week 6: identical
        ASSERT_EQ(da[d].states, db[d].states) << d;
        ASSERT_EQ(da[d].attempts, db[d].attempts) << d;
    }
    // Every hour scheduled by the team of each day is booked exactly once (credit carries over
    // between days, so the check is on totals: per worker, and for the whole run).
    auto daily = [](double dag, double avond, double weekend, bool weekday) {
        return weekday ? dag / 5 + avond / 5 : weekend / 2;
    };
    std::vector<double> scheduled(5, 0.0);  // w-1, w-2, w-3, extra, campagne
    for (int d = 0; d < 140; ++d) {
        const bool weekday = (2 + d) % 7 < 5;  // day 0 is a woensdag
        for (int w = 0; w < 2; ++w) {
            scheduled[w] += d < 42 ? daily(20, 4, 0, weekday) : daily(10, 10, 4, weekday);
        }
        if (d >= 42) scheduled[2] += daily(10, 10, 4, weekday);
        if (d >= 42 && d < 84) scheduled[3] += daily(16, 0, 0, weekday);
        if (d >= 84 && d < 112) scheduled[4] += daily(0, 6, 0, weekday);
    }
    std::vector<double> booked(5, 0.0);
    for (const LedgerRow& row : b.recorder().ledger()) booked[row.worker] += row.hours;
    for (int w = 0; w < 5; ++w) EXPECT_NEAR(booked[w], scheduled[w], 1e-6) << "worker " << w;
    // Workers: w-1, w-2, extra, then w-3 (added at week 6) and the campaign.
    const auto ids = b.worker_ids();
    ASSERT_EQ(ids, (std::vector<std::string>{"w-1", "w-2", "w-3", "extra", "campagne"}));
    for (const LedgerRow& row : b.recorder().ledger()) {
        if (row.worker == 3) {
            EXPECT_LE(row.day, 84) << "extra worked after it stopped";
        }
        if (row.worker == 4) {
            EXPECT_GE(row.day, 84);
            EXPECT_LE(row.day, 112);
            EXPECT_TRUE(row.method == Method::voorlichting_collectief ||
                        row.activity == Activity::niet_besteed);
        }
    }
    EXPECT_EQ(b.recount_states(), db.back().states);
    // And the same again: interventions keep runs reproducible.
    Simulation c(with);
    c.run();
    EXPECT_EQ(c.recorder().days().back().states, db.back().states);
    EXPECT_EQ(c.summary().worker_cost_eur, b.summary().worker_cost_eur);
}

}  // namespace
}  // namespace bb
