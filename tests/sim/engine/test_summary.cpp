// Aggregates agree with records: the Summary equals sums over the per-household records, the event
// log, the ledger and the daily time series, and the ledger books exactly the scheduled hours.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "tests/support/test_scenarios.hpp"

namespace bb {
namespace {

bool is_conversation(Outcome o) {
    return o == Outcome::gesprek || o == Outcome::hulp_afgewezen || o == Outcome::geaccepteerd;
}

// Scheduled hours over the horizon, from the scenario alone: a weekday has the weekday slots'
// weekly hours / 5, a weekend day the weekend hours / 2.
double scheduled_hours(const Scenario& sc) {
    double total = 0;
    for (int d = 0; d < sc.horizon_days; ++d) {
        const bool weekend = (sc.start_weekday + d) % 7 >= 5;
        for (const WorkerSpec& w : sc.workers) {
            const double day = weekend ? w.schedule_hours[2] / 2.0
                                       : w.schedule_hours[0] / 5.0 + w.schedule_hours[1] / 5.0;
            total += w.count * day;
        }
    }
    return total;
}

class Agreement : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        const std::string workers =
            test::worker_yaml("team", 2, 22, 4, 2) +
            "  - id: straat\n    contract_hours_per_week: 24\n"
            "    hourly_cost_eur: 60\n"
            "    schedule: {weekdag_dag: 8, weekdag_avond: 8, weekend: 7.5}\n"
            "    allocation: {huisbezoek_alle: 0.6, aanwezig_openbaar: 0.4}\n"
            "    protocol: {duo: false}\n";
        const std::string stress =
            "needs:\n  financien: {growth_per_year: 4}\n  gezondheid: {growth_per_year: 4}\n"
            "escalations:\n  huisuitzetting: {hazard_per_year: 5}\n  crisis: {hazard_per_year: "
            "5}\n";
        scenario_ =
            new Scenario(test::parse(test::small_buurt_yaml(1500, 100, 4242, workers, stress)));
        sim_ = new Simulation(*scenario_);
        sim_->run();
        summary_ = new Summary(sim_->summary());
    }
    static void TearDownTestSuite() {
        delete summary_;
        delete sim_;
        delete scenario_;
    }
    static const Scenario& sc() { return *scenario_; }
    static const Simulation& sim() { return *sim_; }
    static const Summary& s() { return *summary_; }
    static const Households& h() { return sim_->households(); }
    static const Recorder& rec() { return sim_->recorder(); }

  private:
    static Scenario* scenario_;
    static Simulation* sim_;
    static Summary* summary_;
};
Scenario* Agreement::scenario_ = nullptr;
Simulation* Agreement::sim_ = nullptr;
Summary* Agreement::summary_ = nullptr;

TEST_F(Agreement, AttemptsContactsAndConversations) {
    ASSERT_GT(s().attempts, 0);
    EXPECT_EQ(s().days, sc().horizon_days);
    EXPECT_EQ(static_cast<std::size_t>(s().attempts), rec().events().size());
    std::int64_t household_attempts = 0, household_conversations = 0;
    for (int i = 0; i < h().n; ++i) {
        household_attempts += h().attempts[i];
        household_conversations += h().conversations[i];
    }
    EXPECT_EQ(s().attempts, household_attempts);
    std::int64_t contacts = 0, conversations = 0, acceptances = 0;
    for (const Event& e : rec().events()) {
        contacts += e.outcome != Outcome::geen_reactie;
        conversations += is_conversation(e.outcome);
        acceptances += e.outcome == Outcome::geaccepteerd;
    }
    EXPECT_EQ(s().contacts, contacts);
    EXPECT_EQ(s().conversations, conversations);
    EXPECT_EQ(s().conversations, household_conversations);
    std::int64_t row_acceptances = 0, row_handovers = 0;
    for (const DayRow& d : rec().days()) {
        row_acceptances += d.acceptances;
        row_handovers += d.handovers;
    }
    EXPECT_EQ(row_acceptances, acceptances);
    EXPECT_GT(row_handovers, 0);
    EXPECT_LE(row_handovers, row_acceptances);
    EXPECT_LE(s().funnel[kProfiles].toegeleid, row_handovers);
}

TEST_F(Agreement, EventsAgreeWithEachHouseholdsRecord) {
    std::vector<int> attempts(static_cast<std::size_t>(h().n), 0);
    std::vector<std::int32_t> first_attempt(static_cast<std::size_t>(h().n), kNever),
        first_contact(static_cast<std::size_t>(h().n), kNever),
        first_conversation(static_cast<std::size_t>(h().n), kNever);
    auto first = [](std::int32_t& slot, std::int32_t day) {
        if (slot == kNever) slot = day;
    };
    for (const Event& e : rec().events()) {
        const auto i = static_cast<std::size_t>(e.household);
        ++attempts[i];
        if (!e.in_need) continue;
        first(first_attempt[i], e.day);
        if (e.outcome != Outcome::geen_reactie) first(first_contact[i], e.day);
        if (is_conversation(e.outcome)) first(first_conversation[i], e.day);
    }
    for (int i = 0; i < h().n; ++i) {
        const auto k = static_cast<std::size_t>(i);
        ASSERT_EQ(h().attempts[i], attempts[k]) << i;
        ASSERT_EQ(h().first_attempt_day[i], first_attempt[k]) << i;
        ASSERT_EQ(h().first_contact_day[i], first_contact[k]) << i;
        ASSERT_EQ(h().first_conversation_day[i], first_conversation[k]) << i;
        ASSERT_EQ((h().reach[i] & kReachAttempted) != 0, first_attempt[k] != kNever) << i;
        ASSERT_EQ((h().reach[i] & kReachContacted) != 0, first_contact[k] != kNever) << i;
        ASSERT_EQ((h().reach[i] & kReachConversation) != 0, first_conversation[k] != kNever) << i;
        ASSERT_EQ((h().reach[i] & kReachInNeed) != 0, h().first_need_day[i] != kNever) << i;
        ASSERT_EQ((h().reach[i] & kReachToegeleid) != 0, h().first_toegeleid_day[i] != kNever) << i;
        ASSERT_EQ((h().reach[i] & kReachSignalled) != 0, h().first_signal_day[i] != kNever) << i;
    }
}

TEST_F(Agreement, FunnelCountsAreSumsOfHouseholdRecords) {
    FunnelCounts all;
    std::array<FunnelCounts, kProfiles> by_profile{};
    for (int i = 0; i < h().n; ++i) {
        const std::uint8_t r = h().reach[i];
        for (FunnelCounts* f : {&all, &by_profile[static_cast<int>(h().profile[i])]}) {
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
    }
    auto expect_counts = [](const FunnelCounts& a, const FunnelCounts& b, const char* what) {
        EXPECT_EQ(a.households, b.households) << what;
        EXPECT_EQ(a.in_need, b.in_need) << what;
        EXPECT_EQ(a.signalled, b.signalled) << what;
        EXPECT_EQ(a.attempted, b.attempted) << what;
        EXPECT_EQ(a.contacted, b.contacted) << what;
        EXPECT_EQ(a.conversation, b.conversation) << what;
        EXPECT_EQ(a.accepted, b.accepted) << what;
        EXPECT_EQ(a.toegeleid, b.toegeleid) << what;
        EXPECT_EQ(a.self_help, b.self_help) << what;
    };
    expect_counts(s().funnel[kProfiles], all, "totaal");
    for (int k = 0; k < kProfiles; ++k) expect_counts(s().funnel[k], by_profile[k], "profile");
    EXPECT_EQ(all.households, h().n);
    // The funnel narrows.
    EXPECT_GE(all.in_need, all.attempted);
    EXPECT_GE(all.attempted, all.contacted);
    EXPECT_GE(all.contacted, all.conversation);
    EXPECT_GE(all.conversation, all.accepted);
    EXPECT_GE(all.accepted, all.toegeleid);
    EXPECT_GT(all.toegeleid, 0);
}

TEST_F(Agreement, SignalsAgreeWithRecordsAndTimeSeries) {
    std::int64_t followed = 0, household_signals = 0, row_signals = 0, row_followed = 0;
    for (const SignalRecord& r : rec().signals()) followed += r.followed_up;
    for (int i = 0; i < h().n; ++i) household_signals += h().signals[i];
    for (const DayRow& d : rec().days()) {
        row_signals += d.signals;
        row_followed += d.signals_followed_up;
    }
    ASSERT_GT(s().signals, 0);
    EXPECT_EQ(static_cast<std::size_t>(s().signals), rec().signals().size());
    EXPECT_EQ(s().signals, household_signals);
    EXPECT_EQ(s().signals, row_signals);
    EXPECT_EQ(s().signals_followed_up, followed);
    EXPECT_EQ(s().signals_followed_up, row_followed);
}

TEST_F(Agreement, EscalationsAgreeEverywhere) {
    std::array<std::int64_t, kEscalationKinds> household{}, records{}, rows{};
    std::array<double, kPerspectives> cost{};
    for (int i = 0; i < h().n; ++i) {
        for (int e = 0; e < kEscalationKinds; ++e) household[e] += h().escalations[i][e];
    }
    for (const EscalationRecord& r : rec().escalations()) {
        ++records[static_cast<int>(r.kind)];
        for (int v = 0; v < kPerspectives; ++v) cost[v] += r.cost_eur[v];
    }
    for (const DayRow& d : rec().days()) {
        for (int e = 0; e < kEscalationKinds; ++e) rows[e] += d.escalations[e];
    }
    std::int64_t total = 0;
    for (int e = 0; e < kEscalationKinds; ++e) {
        EXPECT_EQ(s().escalations[e], household[e]) << id_of(static_cast<EscalationKind>(e));
        EXPECT_EQ(s().escalations[e], records[e]) << id_of(static_cast<EscalationKind>(e));
        EXPECT_EQ(s().escalations[e], rows[e]) << id_of(static_cast<EscalationKind>(e));
        total += s().escalations[e];
    }
    EXPECT_GT(total, 0) << "the test scenario should escalate";
    for (int v = 0; v < kPerspectives; ++v) EXPECT_DOUBLE_EQ(s().escalation_cost_eur[v], cost[v]);
}

TEST_F(Agreement, HoursAndCostAgreeAcrossLedgerTimeSeriesAndEvents) {
    double ledger_hours = 0, ledger_cost = 0, ledger_unused = 0, attempt_hours = 0,
           household_hours = 0;
    std::array<double, kMethods> by_method{};
    std::map<std::int16_t, double> cost_by_worker;
    for (const LedgerRow& r : rec().ledger()) {
        ASSERT_GT(r.hours, 0.0);
        ledger_hours += r.hours;
        ledger_cost += r.cost_eur;
        by_method[static_cast<int>(r.method)] += r.hours;
        if (r.activity == Activity::niet_besteed) ledger_unused += r.hours;
        switch (r.activity) {
            case Activity::brief:
            case Activity::telefoon:
            case Activity::huisbezoek:
            case Activity::deur:
            case Activity::gesprek:
                attempt_hours += r.hours;  // booked by contact attempts, as in the event log
                household_hours += r.hours;
                break;
            case Activity::toeleiding:
                household_hours += r.hours;  // charged to the household handed over
                break;
            default:
                break;
        }
    }
    double row_hours = 0, row_cost = 0, row_unused = 0;
    for (const DayRow& d : rec().days()) {
        for (double x : d.hours) row_hours += x;
        row_cost += d.cost_eur;
        row_unused += d.hours_unused;
    }
    const double tol = 1e-9 * ledger_hours;
    EXPECT_NEAR(s().hours_total, ledger_hours, tol);
    EXPECT_NEAR(s().hours_total, row_hours, tol);
    EXPECT_NEAR(s().hours_unused, ledger_unused, tol);
    EXPECT_NEAR(s().hours_unused, row_unused, tol);
    EXPECT_NEAR(s().worker_cost_eur, ledger_cost, 1e-9 * ledger_cost);
    EXPECT_NEAR(s().worker_cost_eur, row_cost, 1e-9 * ledger_cost);
    for (int m = 0; m < kMethods; ++m) EXPECT_NEAR(s().hours_by_method[m], by_method[m], tol);

    // Event and per-household hours are single precision: relative tolerance 1e-5.
    double event_hours = 0;
    for (const Event& e : rec().events()) event_hours += e.hours;
    EXPECT_NEAR(event_hours, attempt_hours, 1e-5 * attempt_hours);
    double recorded = 0;
    for (int i = 0; i < h().n; ++i) recorded += h().worker_hours[i];
    EXPECT_NEAR(recorded, household_hours, 1e-5 * household_hours);
}

TEST_F(Agreement, LedgerBooksExactlyTheScheduledHours) {
    const double scheduled = scheduled_hours(sc());
    ASSERT_GT(scheduled, 0.0);
    double ledger = 0, cost = 0, expected_cost = 0;
    for (const LedgerRow& r : rec().ledger()) {
        ledger += r.hours;
        cost += r.cost_eur;
    }
    EXPECT_NEAR(ledger, scheduled, 1e-6);
    // Cost: each worker's scheduled hours at its own rate.
    Scenario one = sc();
    for (const WorkerSpec& w : sc().workers) {
        one.workers = {w};
        expected_cost += scheduled_hours(one) * w.hourly_cost_eur;
    }
    EXPECT_NEAR(cost, expected_cost, 1e-6 * expected_cost);
    // Per worker: each expanded worker books its own schedule.
    const auto ids = sim().worker_ids();
    ASSERT_EQ(ids, (std::vector<std::string>{"team-1", "team-2", "straat"}));
    std::vector<double> per_worker(ids.size(), 0.0);
    for (const LedgerRow& r : rec().ledger())
        per_worker[static_cast<std::size_t>(r.worker)] += r.hours;
    for (std::size_t w = 0; w < ids.size(); ++w) {
        one.workers = {sc().workers[w < 2 ? 0 : 1]};
        one.workers[0].count = 1;
        EXPECT_NEAR(per_worker[w], scheduled_hours(one), 1e-6) << ids[w];
    }
}

TEST(Summary, FormatSummaryNamesTheScenario) {
    const Scenario sc =
        test::parse(test::small_buurt_yaml(300, 10, 1, test::worker_yaml("w", 1, 10, 0, 0)));
    Simulation sim(sc);
    sim.run();
    const std::string text = format_summary(sim.summary());
    EXPECT_NE(text.find("klein"), std::string::npos);
    EXPECT_NE(text.find("huisbezoek_signaal"), std::string::npos);
}

}  // namespace
}  // namespace bb
