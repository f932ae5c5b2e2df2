// The engine's internal state, shared by the simulation phases and the contact methods. Not part of
// the public API: front doors use Simulation (sim/engine/simulation.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/factors.hpp"
#include "models/outreach_model.hpp"
#include "sim/engine/recorder.hpp"
#include "sim/population/calibration.hpp"
#include "sim/population/households.hpp"
#include "sim/random/streams.hpp"
#include "sim/scenario/scenario.hpp"

namespace bb {

struct World;

// Work a worker owes after an acceptance: the warm hand-over, paid from the next slot budgets.
struct PendingHandover {
    std::int32_t household;
    Method method;
    double hours_left;
};

struct WorkerState {
    std::string id;
    double hourly_cost = 0;
    std::array<double, kSlotKinds> hours_per_day{};  // budget on a day of that slot kind
    std::array<double, kMethods> allocation{};
    std::array<double, kMethods> credit{};      // hours available to each method now
    std::array<double, kMethods> credit_cap{};  // at most a week of hours (or one action)
    Protocol protocol;
    int caseload_cap = 0;
    double client_hours_cap = 0;
    ModelMix models;
    WorkerFactors factors;
    std::vector<std::int32_t> cases;  // open signal cases (households)
    std::deque<PendingHandover> handovers;
    std::uint32_t sessions_held = 0;
    std::uint32_t presence_shifts = 0;
    std::uint32_t online_shifts = 0;
    bool retired = false;                // stopped by an intervention
    int next_location = 0;               // position in session_locations
    std::vector<int> session_locations;  // indices of the locations it holds sessions at
    // Whether the worker also works some slot other than s (so varied times are possible).
    bool works_other_slot(SlotKind s) const {
        for (int k = 0; k < kSlotKinds; ++k) {
            if (k != static_cast<int>(s) && hours_per_day[k] > 0) return true;
        }
        return false;
    }
};

// A contact method: spends a worker's credit for that method in the current slot.
// One virtual call per worker, slot and method: never per household.
class ContactMethod {
  public:
    virtual ~ContactMethod() = default;
    virtual Method id() const = 0;
    // The largest number of hours one action of this method can cost the worker (so that an
    // action is only started when the credit covers it).
    virtual double max_action_hours(const World& world, int worker) const = 0;
    // Spends up to `credit` hours; must leave credit >= 0.
    virtual void act(World& world, int worker, double& credit) = 0;
};

std::unique_ptr<ContactMethod> make_huisbezoek_signaal();
std::unique_ptr<ContactMethod> make_huisbezoek_alle(World& world);
std::unique_ptr<ContactMethod> make_aanwezig_openbaar(World& world);
std::unique_ptr<ContactMethod> make_voorlichting_collectief(World& world);
std::unique_ptr<ContactMethod> make_online(World& world);

// Signal cases: per-household protocol progress, in the structure-of-arrays style.
struct Cases {
    std::vector<std::int16_t> worker;      // owning worker, -1 when no case is open
    std::vector<std::uint8_t> step;        // next protocol step
    std::vector<std::int8_t> last_slot;    // slot of the last visit, -1 when none
    std::vector<std::int32_t> next_day;    // earliest day of the next step
    std::vector<std::int32_t> closed_day;  // day the last case closed, kNever when none
    std::vector<float> hours_at_open;      // the household's worker_hours when its case opened
    std::vector<std::uint8_t> follow_ups;  // further contacts made after a talk without acceptance
    std::vector<std::uint8_t> follow_ups_allowed;  // drawn when the case opened
    std::vector<std::uint8_t> direct;  // 1: a crisis case worked straight by visits (dwang_drang)
    std::vector<std::uint8_t> capped;  // 1: the per-client time cap applies to the case
    std::deque<std::int32_t> queue;    // signalled households waiting for a worker (FIFO)
};

struct World {
    World(const Scenario& scenario, std::uint32_t replication, const Intercepts* intercepts);

    const Scenario& scenario;
    const Parameters& p;
    std::uint64_t seed;
    std::uint32_t replication;
    Households h;
    Intercepts intercepts;
    std::vector<WorkerState> workers;
    std::array<std::unique_ptr<ContactMethod>, kMethods> methods;
    Cases cases;
    std::vector<std::vector<std::int32_t>> location_members;
    // One instance per registered model (builtin_models() order), shared by the workers' mixes.
    std::vector<std::shared_ptr<const OutreachModel>> models;
    std::vector<CollectiveHours> collective_hours;   // per model, per 1000 households
    std::vector<double> collective_today;            // per model, hours booked today
    BuurtLevers levers;                              // as of the start of today
    std::vector<std::int32_t> connected_per_street;  // connected residents (verbindend)
    std::vector<std::int32_t> unknown_per_street;    // households onbekend at the end of yesterday
    bool any_connected = false;                      // some household is a connected resident
    // The workers of each scenario entry (interventions change, add and stop them by entry id).
    struct Entry {
        std::vector<int> active;  // workers working now
        int made = 0;             // workers made so far (for their ids)
    };
    std::map<std::string, Entry> entries;
    bool recorder_ready = false;  // the recorder exists and grows with added workers
    std::array<std::int32_t, kFunnelStates> state_counts{};
    Recorder recorder;

    std::int32_t day = 0;
    SlotKind slot = SlotKind::weekdag_dag;

    // Moves household i to funnel state s, keeping the state counts.
    void set_state(int i, FunnelState s);
    // Books worker hours of method m on activity a; `household` (or -1) is charged against the
    // per-client time cap.
    void book(int worker, Method m, Activity a, double hours, int household = -1);
    // Whether a household was ever in conversation with a worker (known to outreach).
    bool known(int i) const { return (h.reach[i] & kReachConversation) != 0; }
    // The funnel state of a household in need that is not in any process.
    FunnelState idle_need_state(int i) const {
        return known(i) ? FunnelState::in_gesprek : FunnelState::onbekend;
    }
    bool is_weekend() const;
};

struct AttemptResult {
    Outcome outcome;
    double hours;  // worker hours booked for the attempt, its conversation included
};

// One contact attempt by `worker` on `household` through `action`. Decides availability,
// engagement and acceptance with the household's contact stream, books the hours, updates trust,
// awareness, funnel state and record, and logs the event.
AttemptResult attempt_contact(World& world, int worker, int household, Method method, Action action,
                              Reason reason);

// The most hours attempt_contact can book for this action and worker.
double max_attempt_hours(const World& world, int worker, Action action);

// Hours of a conversation held by this worker (model factor and duo included where applicable).
double conversation_hours(const World& world, int worker, bool duo);

// Household i escalates (kind): recorded with its costs per perspective (an eviction may lead to
// homelessness), trust falls, and the household is away for the episode. `imposed`: a statutory
// measure imposed at a contact (dwang_drang) rather than the need's own escalation.
void escalate(World& world, int i, EscalationKind kind, bool imposed);

// Presence (in public space, online): spends all of a method's credit in the slot, booked as
// `activity`. The households met are Poisson with mean contacts_per_hour x hours, drawn from the
// worker's presence stream (purpose, worker, day, `shifts`, which is counted up); `draw(u1, u2)`
// picks each one. Escalated households are away and skipped; every other meeting is a contact
// attempt.
void hold_presence(World& world, int worker, double& credit, Method method, Activity activity,
                   Action action, Reason reason, Purpose purpose, std::uint32_t& shifts,
                   double contacts_per_hour, const std::function<int(double, double)>& draw);

// Pays pending hand-overs from a slot budget; completes those paid in full. Returns the budget
// left.
double pay_handovers(World& world, int worker, double budget);

}  // namespace bb
