// The daily step. Phase order, fixed for every day:
//   1. Household pass (one sweep over the structure of arrays, one Philox block per household):
//      needs evolve (onset, growth, help, spontaneous resolution), signals arrive, households find
//      help themselves or drop out of help, escalations happen. Escalated households only count
//      down their episode.
//   2. Workers act, slot by slot (weekday: day then evening; weekend: one slot), worker by worker:
//      pending warm hand-overs are paid first, the rest of the slot's hours go to the contact
//      methods by allocation, and each method spends its credit; contacts resolve as they happen.
//   3. Record: funnel-state counts and the day's ledger rows.
// Invariants: every household is in exactly one funnel state; `geen_nood` holds exactly the
// households without a need; every scheduled worker hour is booked once (unused ones as
// `niet_besteed`). All randomness is keyed by (seed, replication, purpose, entity, day): the
// household pass does not depend on the order of households, and the worker phase runs in a fixed
// order (slots, then workers by index), so a run is bit-identical on every machine and thread
// count.
#include "sim/engine/simulation.hpp"

#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <stdexcept>
#include <string>

#include "models/signal_sources.hpp"
#include "sim/engine/world.hpp"

namespace bb {

namespace {

constexpr double kDaysPerYear = 365.25;

void check_replication(std::uint32_t replication) {
    if (replication >= kMaxReplications) {
        throw std::invalid_argument("replication " + std::to_string(replication) +
                                    " is out of range; at most " +
                                    std::to_string(kMaxReplications - 1));
    }
}

// A simulation is of one buurt; a scenario with several runs buurt by buurt.
void check_one_buurt(const Scenario& sc) {
    if (!sc.buurten.empty()) {
        throw std::invalid_argument("scenario '" + sc.name + "' has " +
                                    std::to_string(sc.buurten.size()) +
                                    " buurten: simulate each with buurt_scenario() "
                                    "(sim/scenario/buurten.hpp)");
    }
}

// Whether uniform u falls below p = 1 - exp(-hazard), the chance of at least one event in a day;
// sets p when it might. Since p <= hazard, u >= hazard needs no exponential: the same decision
// as always computing p, for a fraction of the cost (hazards per day are small).
inline bool event_happens(double u, double hazard, double& p) {
    if (u >= hazard) return false;
    p = -std::expm1(-hazard);
    return u < p;
}

int risk_group(const Households& h, int i) {
    return (h.has(i, kMinimumIncome) ? 1 : 0) +
           (h.composition[i] == Composition::met_kinderen ? 2 : 0);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// World

World::World(const Scenario& sc, std::uint32_t rep, const Intercepts* shared)
    : scenario(sc),
      p(sc.params),
      seed(sc.seed),
      replication(rep),
      h(generate_households(sc, rep)),
      intercepts(shared != nullptr ? *shared : calibrate(sc)),
      recorder(0, true) {}

void World::set_state(int i, FunnelState s) {
    --state_counts[static_cast<int>(h.state[i])];
    ++state_counts[static_cast<int>(s)];
    h.state[i] = s;
}

void World::book(int worker, Method m, Activity a, double hours, int household) {
    if (hours <= 0) return;
    recorder.book(worker, m, a, hours, workers[worker].hourly_cost);
    if (household >= 0) h.worker_hours[household] += static_cast<float>(hours);
}

bool World::is_weekend() const { return (scenario.start_weekday + day) % 7 >= 5; }

// ---------------------------------------------------------------------------------------------
// Simulation

Simulation::Simulation(const Scenario& scenario, SimulationOptions options)
    : scenario_(scenario),
      world_((check_replication(options.replication), check_one_buurt(scenario),
              std::make_unique<World>(scenario_, options.replication, options.intercepts.get()))) {
    World& world = *world_;
    const Parameters& p = scenario_.params;

    // One instance of every registered model, with the scenario's parameters.
    for (const auto& info : builtin_models().all()) {
        world.models.push_back(info.make(scenario_.model_params.at(info.id)));
    }
    world.collective_hours.resize(world.models.size());
    world.collective_today.assign(world.models.size(), 0.0);
    world.connected_per_street.assign(static_cast<std::size_t>(world.h.streets()), 0);
    world.unknown_per_street.assign(static_cast<std::size_t>(world.h.streets()), 0);
    for (int i = 0; i < world.h.n; ++i) {
        if (world.h.state[i] == FunnelState::onbekend)
            ++world.unknown_per_street[world.h.street[i]];
    }

    // Collective locations and their members.
    world.location_members.resize(scenario_.locations.size());
    for (int i = 0; i < world.h.n; ++i) {
        for (std::size_t l = 0; l < scenario_.locations.size(); ++l) {
            if ((world.h.locations[i] >> l) & 1u) world.location_members[l].push_back(i);
        }
    }

    // Signal cases.
    const auto n = static_cast<std::size_t>(world.h.n);
    world.cases.worker.assign(n, -1);
    world.cases.step.assign(n, 0);
    world.cases.last_slot.assign(n, -1);
    world.cases.next_day.assign(n, 0);
    world.cases.closed_day.assign(n, kNever);
    world.cases.hours_at_open.assign(n, 0.0F);
    world.cases.follow_ups.assign(n, 0);
    world.cases.follow_ups_allowed.assign(n, 0);
    world.cases.direct.assign(n, 0);
    world.cases.capped.assign(n, 1);

    world.methods[static_cast<int>(Method::huisbezoek_signaal)] = make_huisbezoek_signaal();
    world.methods[static_cast<int>(Method::huisbezoek_alle)] = make_huisbezoek_alle(world);
    world.methods[static_cast<int>(Method::aanwezig_openbaar)] = make_aanwezig_openbaar(world);
    world.methods[static_cast<int>(Method::voorlichting_collectief)] =
        make_voorlichting_collectief(world);
    world.methods[static_cast<int>(Method::online)] = make_online(world);
    // Workers: each entry's `count` workers, with budgets, credit caps, models and factors.
    for (const WorkerSpec& spec : scenario_.workers) add_entry(spec);
    world.recorder = Recorder(static_cast<int>(world.workers.size()), options.record_events);
    world.recorder_ready = true;

    for (int i = 0; i < world.h.n; ++i) ++world.state_counts[static_cast<int>(world.h.state[i])];

    // Per-day rates. The onset hazard keeps each risk group's prevalence stationary when nobody
    // does outreach: prev = onset * T / (1 + onset * T), with T the expected days a need lasts
    // without outreach: until it resolves by itself (rate mu) or the household finds help itself
    // (rate r, from the profile's mean attitudes), and then the help until the need is resolved
    // (from the calibration population's mean need severity down to needs.resolved_below).
    const double help_days =
        7.0 * p.needs.help_halving_weeks *
        std::log2(world.intercepts.mean_need_severity / p.needs.resolved_below);
    for (int pr = 0; pr < kProfiles; ++pr) {
        const double r = self_help_rate_per_year(p, static_cast<Profile>(pr)) / kDaysPerYear;
        for (int k = 0; k < kDomains; ++k) {
            const double mu = p.needs.resolution_per_year[k] / kDaysPerYear;
            const double days =
                mu + r > 0 ? 1.0 / (mu + r) + r / (mu + r) * std::max(help_days, 0.0) : 0.0;
            for (int g = 0; g < 4; ++g) {
                const double prev = initial_need_probability(p, k, (g & 1) != 0, (g & 2) != 0);
                onset_[g][pr][k] = days > 0 && prev < 1.0 ? prev / ((1.0 - prev) * days) : 0.0;
            }
        }
    }
    for (int g = 0; g < 4; ++g) {
        for (int pr = 0; pr < kProfiles; ++pr) {
            for (int k = 0; k < kDomains; ++k) onset_total_[g][pr] += onset_[g][pr][k];
        }
    }

    for (int k = 0; k < kDomains; ++k) {
        resolution_[k] = p.needs.resolution_per_year[k] / kDaysPerYear;
        growth_[k] = p.needs.growth_per_year[k] / kDaysPerYear;
    }
    help_decay_ = std::exp(std::log(0.5) / (7.0 * p.needs.help_halving_weeks));
    self_referral_ = p.needs.self_referral_per_year / kDaysPerYear;
    dropout_ = -std::expm1(-p.contact.help_dropout_per_year / kDaysPerYear);
    signals_ = std::make_unique<SignalModel>(p, world.intercepts.mean_financial_severity);
    for (int e = 0; e < kEscalationKinds; ++e)
        escalation_[e] = p.escalations.hazard_per_year[e] / kDaysPerYear;
}

Simulation::~Simulation() = default;

// Sets worker w's settings from its scenario entry (at the start, and when an intervention
// changes the entry); credit already earned is kept.
void Simulation::configure_worker(int w, const WorkerSpec& spec) {
    World& world = *world_;
    WorkerState& wk = world.workers[static_cast<std::size_t>(w)];
    wk.hourly_cost = spec.hourly_cost_eur;
    wk.hours_per_day[static_cast<int>(SlotKind::weekdag_dag)] = spec.schedule_hours[0] / 5.0;
    wk.hours_per_day[static_cast<int>(SlotKind::weekdag_avond)] = spec.schedule_hours[1] / 5.0;
    wk.hours_per_day[static_cast<int>(SlotKind::weekend)] = spec.schedule_hours[2] / 2.0;
    wk.allocation = spec.allocation;
    wk.protocol = spec.protocol;
    wk.caseload_cap = spec.caseload_cap;
    wk.client_hours_cap = spec.client_hours_cap;
    wk.models = ModelMix();
    for (const auto& [id, weight] : spec.models) {
        const int index = builtin_models().index_of(id);
        wk.models.add(weight, index, world.models[static_cast<std::size_t>(index)]);
    }
    wk.factors = make_worker_factors(spec.factors, scenario_.factor_params);
    wk.session_locations.clear();
    for (std::size_t l = 0; l < scenario_.locations.size(); ++l) {
        const auto& listed = spec.session_locations;
        if (listed.empty() ||
            std::find(listed.begin(), listed.end(), scenario_.locations[l].id) != listed.end()) {
            wk.session_locations.push_back(static_cast<int>(l));
        }
    }
    const double weekly =
        wk.hours_per_day[0] * 5 + wk.hours_per_day[1] * 5 + wk.hours_per_day[2] * 2;
    for (int m = 0; m < kMethods; ++m) {
        wk.credit_cap[m] =
            std::max(weekly * wk.allocation[m], world.methods[m]->max_action_hours(world, w));
    }
}

// Adds one worker to entry `spec` (named id, or id-k when the entry has more than one).
void Simulation::add_worker(const WorkerSpec& spec) {
    World& world = *world_;
    auto& entry = world.entries[spec.id];
    const int k = ++entry.made;
    WorkerState w;
    w.id = spec.count > 1 || k > 1 ? spec.id + "-" + std::to_string(k) : spec.id;
    world.workers.push_back(std::move(w));
    const int index = static_cast<int>(world.workers.size()) - 1;
    entry.active.push_back(index);
    configure_worker(index, spec);
    if (world.recorder_ready) world.recorder.add_worker();
}

void Simulation::add_entry(const WorkerSpec& spec) {
    for (int c = 0; c < spec.count; ++c) add_worker(spec);
}

// Worker w stops: its unspent credit is booked as unused, its open cases close (households that
// were never attempted go back to the queue), its pending hand-overs pass to the first worker
// still working with scheduled hours (or, with nobody left, the accepted households are not
// handed over).
void Simulation::retire_worker(int w) {
    World& world = *world_;
    WorkerState& wk = world.workers[static_cast<std::size_t>(w)];
    for (int m = 0; m < kMethods; ++m) {
        world.book(w, static_cast<Method>(m), Activity::niet_besteed, wk.credit[m]);
        wk.credit[m] = 0;
    }
    wk.hours_per_day = {};
    wk.retired = true;
    for (const std::int32_t i : wk.cases) {
        world.cases.worker[i] = -1;
        world.cases.closed_day[i] = world.day;
        world.cases.follow_ups[i] = 0;
        if (world.h.state[i] == FunnelState::gesignaleerd) world.cases.queue.push_front(i);
    }
    wk.cases.clear();
    int heir = -1;  // the first worker still working who has hours to pay hand-overs from
    for (int v = 0; v < static_cast<int>(world.workers.size()) && heir < 0; ++v) {
        const WorkerState& other = world.workers[static_cast<std::size_t>(v)];
        for (double h : other.hours_per_day) {
            if (!other.retired && h > 0) heir = v;
        }
    }
    for (const PendingHandover& ho : wk.handovers) {
        if (heir >= 0) {
            world.workers[static_cast<std::size_t>(heir)].handovers.push_back(ho);
        } else if (world.h.state[ho.household] == FunnelState::geaccepteerd) {
            world.set_state(ho.household, world.idle_need_state(ho.household));
        }
    }
    wk.handovers.clear();
}

// The interventions of today (from_week x 7 == day), in order.
void Simulation::apply_interventions() {
    World& world = *world_;
    for (const Intervention& iv : scenario_.interventions) {
        if (7 * iv.from_week != world.day) continue;
        for (const auto& id : iv.remove_workers) {
            auto& entry = world.entries[id];
            for (const int w : entry.active) retire_worker(w);
            entry.active.clear();
        }
        for (const WorkerSpec& spec : iv.change_workers) {
            auto& entry = world.entries[spec.id];
            while (static_cast<int>(entry.active.size()) > spec.count) {
                retire_worker(entry.active.back());
                entry.active.pop_back();
            }
            for (const int w : entry.active) configure_worker(w, spec);
            while (static_cast<int>(entry.active.size()) < spec.count) add_worker(spec);
        }
        for (const WorkerSpec& spec : iv.add_workers) add_entry(spec);
    }
}

bool Simulation::done() const { return world_->day >= scenario_.horizon_days; }
int Simulation::day() const { return world_->day; }
const Scenario& Simulation::scenario() const { return scenario_; }
const Households& Simulation::households() const { return world_->h; }
const Recorder& Simulation::recorder() const { return world_->recorder; }
const Intercepts& Simulation::intercepts() const { return world_->intercepts; }
std::uint32_t Simulation::replication() const { return world_->replication; }

std::vector<std::string> Simulation::worker_ids() const {
    std::vector<std::string> ids;
    for (const auto& w : world_->workers) ids.push_back(w.id);
    return ids;
}

std::array<std::int32_t, kFunnelStates> Simulation::recount_states() const {
    std::array<std::int32_t, kFunnelStates> counts{};
    for (FunnelState s : world_->h.state) ++counts[static_cast<int>(s)];
    return counts;
}

void Simulation::step() {
    if (done()) throw std::logic_error("Simulation::step past the horizon");
    World& world = *world_;
    world.recorder.begin_day(world.day);
    if (!scenario_.interventions.empty()) apply_interventions();
    update_buurt_levers();
    household_pass();
    workers_act();
    if (world.day + 1 == scenario_.horizon_days) close_unused_credit();
    close_collective_day();
    world.recorder.end_day(world.state_counts);
    ++world.day;
}

void Simulation::run(const std::function<void(int, int)>& progress) {
    while (!done()) {
        step();
        if (progress) progress(world_->day, scenario_.horizon_days);
    }
}

void Simulation::household_pass() {
    World& world = *world_;
    Households& h = world.h;
    const Parameters& p = scenario_.params;
    const SignalModel& signals = *signals_;
    const int n = h.n;
    double* needs = h.needs.data();  // column-major: needs[i + k * n]
    const double thr = p.needs.escalation_threshold;
    const auto day = static_cast<std::uint32_t>(world.day);
    DayRow& today = world.recorder.today();
    std::array<double, kSignalSources> src{};
    const BuurtLevers& levers = world.levers;
    const double self_referral = self_referral_ * levers.self_help_factor;
    const double referral_rate = levers.referrals_per_connected_per_year / kDaysPerYear;
    const bool referrals = referral_rate > 0 && world.any_connected;
    if (referrals) {  // households unknown to outreach at the start of the day, per street
        std::fill(world.unknown_per_street.begin(), world.unknown_per_street.end(), 0);
        for (int i = 0; i < n; ++i) {
            if (h.state[i] == FunnelState::onbekend) ++world.unknown_per_street[h.street[i]];
        }
    }

    for (int i = 0; i < n; ++i) {
        const FunnelState s = h.state[i];
        if (s == FunnelState::geescaleerd) {
            if (world.day > h.state_until[i]) end_escalation(i);
            continue;
        }
        const auto bits = philox_block(world.seed, world.replication, Purpose::daily,
                                       static_cast<std::uint32_t>(i), day, 0);
        double* nd = needs + i;
        const int group = risk_group(h, i);
        const int profile = static_cast<int>(h.profile[i]);
        const auto& onset = onset_[group][profile];

        // 1. Needs evolve. One competing-risks draw: at most one onset or resolution per day.
        if (s == FunnelState::geen_nood) {
            const double total = onset_total_[group][profile];
            const double u = to_unit(bits[0]);
            double p_onset = 0;
            if (!event_happens(u, total, p_onset)) continue;
            double acc = 0;
            const double target = u / p_onset * total;
            int k = 0;
            for (; k < kDomains - 1; ++k) {
                acc += onset[k];
                if (target < acc) break;
            }
            nd[k * n] = 1.0;
            world.set_state(i, world.idle_need_state(i));
            h.reach[i] |= kReachInNeed;
            if (h.first_need_day[i] == kNever) h.first_need_day[i] = world.day;
            ++today.new_needs;
            continue;
        }
        const bool helped = s == FunnelState::toegeleid || s == FunnelState::zelf_hulp;
        const double growth = h.connected[i] != 0 ? 1.0 - levers.informal_support : 1.0;
        std::array<double, kDomains> event{};
        double total = 0;
        bool any = false;
        for (int k = 0; k < kDomains; ++k) {
            double v = nd[k * n];
            if (v > 0) {
                v = helped ? v * help_decay_ : v + growth_[k] * growth;
                if (helped && v < p.needs.resolved_below) v = 0;
                nd[k * n] = v;
            }
            event[k] = v > 0 ? resolution_[k] : onset[k];
            total += event[k];
            any = any || v > 0;
        }
        const double u0 = to_unit(bits[0]);
        double p_event = 0;
        if (event_happens(u0, total, p_event)) {
            const double target = u0 / p_event * total;
            double acc = 0;
            int k = 0;
            for (; k < kDomains - 1; ++k) {
                acc += event[k];
                if (target < acc) break;
            }
            if (nd[k * n] > 0) {
                nd[k * n] = 0;
            } else {
                nd[k * n] = 1.0;
                ++today.new_needs;
            }
            any = false;
            for (int d = 0; d < kDomains; ++d) any = any || nd[d * n] > 0;
        }
        if (!any) {  // every need resolved: help (if any) ends
            world.set_state(i, FunnelState::geen_nood);
            continue;
        }

        // 2. Signals.
        signals.rates(nd, n, h.ties[i], src);
        double s_total = 0;
        for (double r : src) s_total += r;
        const double u1 = to_unit(bits[1]);
        double p_signal = 0;
        if (event_happens(u1, s_total, p_signal)) {
            const double target = u1 / p_signal * s_total;
            double acc = 0;
            int k = 0;
            for (; k < kSignalSources - 1; ++k) {
                acc += src[k];
                if (target < acc) break;
            }
            handle_signal(i, static_cast<SignalSource>(k));
        }
        // A referral by a connected resident on the street (verbindend): each connected resident
        // refers referral_rate households per day, spread over the street's unknown households.
        if (referrals && h.state[i] == FunnelState::onbekend) {
            const int street = h.street[i];
            const double hazard = referral_rate * world.connected_per_street[street] /
                                  std::max(1, world.unknown_per_street[street]);
            const auto extra = philox_block(world.seed, world.replication, Purpose::daily,
                                            static_cast<std::uint32_t>(i), day, 2);
            double p_referral = 0;
            if (hazard > 0 && event_happens(to_unit(extra[0]), hazard, p_referral)) refer(i);
        }

        // 3. Finding help oneself, or dropping out of help.
        const FunnelState now = h.state[i];
        const double u2 = to_unit(bits[2]);
        if (now == FunnelState::toegeleid || now == FunnelState::zelf_hulp) {
            if (u2 < dropout_ * h.dropout_factor[i]) {  // dropout_: probability per day
                world.set_state(i, world.idle_need_state(i));
                h.dropout_factor[i] = 1.0F;  // a worker's effect ends with the help it led to
            }
        } else if (now != FunnelState::geaccepteerd) {
            double p_self = 0;
            if (event_happens(u2, self_referral * h.awareness[i] * h.trust[i] * (1.0 - h.stigma[i]),
                              p_self)) {
                world.set_state(i, FunnelState::zelf_hulp);
                h.dropout_factor[i] = 1.0F;  // help found oneself: no worker's coaching
                h.reach[i] |= kReachSelfHelp;
                ++today.self_help;
            }
        }

        // 4. Escalations, from needs above the threshold.
        const double over_housing = std::max(nd[static_cast<int>(Domain::financien) * n],
                                             nd[static_cast<int>(Domain::wonen) * n]) -
                                    thr;
        const double over_parenting = nd[static_cast<int>(Domain::opvoeding) * n] - thr;
        const double over_health = nd[static_cast<int>(Domain::gezondheid) * n] - thr;
        if (over_housing <= 0 && over_parenting <= 0 && over_health <= 0) continue;
        const double protect =
            (h.state[i] == FunnelState::toegeleid || h.state[i] == FunnelState::zelf_hulp)
                ? 1.0 - p.escalations.prevention_while_helped
                : 1.0;
        const std::array<double, 3> hz{escalation_[0] * std::max(0.0, over_housing) * protect,
                                       escalation_[1] * std::max(0.0, over_parenting) * protect,
                                       escalation_[2] * std::max(0.0, over_health) * protect};
        const double e_total = hz[0] + hz[1] + hz[2];
        const double u3 = to_unit(bits[3]);
        double p_esc = 0;
        if (event_happens(u3, e_total, p_esc)) {
            const double target = u3 / p_esc * e_total;
            const int kind = target < hz[0] ? 0 : target < hz[0] + hz[1] ? 1 : 2;
            escalate(world, i, static_cast<EscalationKind>(kind), false);
        }
    }
}

void Simulation::handle_signal(int i, SignalSource source) {
    World& world = *world_;
    Households& h = world.h;
    const Parameters& p = scenario_.params;
    float arrears = 0;
    bool followed = world.scenario.signal_sources[static_cast<int>(source)];
    if (is_debt_source(source)) {
        Stream rng(world.seed, world.replication, Purpose::signal, static_cast<std::uint32_t>(i),
                   static_cast<std::uint32_t>(world.day));
        const double z = boost::random::normal_distribution<double>(0.0, 1.0)(rng);
        arrears = static_cast<float>(p.signals.arrears_eur_at_onset *
                                     h.needs(i, static_cast<int>(Domain::financien)) *
                                     std::exp(p.signals.arrears_sigma * z));
        followed = followed && arrears >= p.signals.follow_up_threshold_eur;
    }
    world.recorder.signal({world.day, i, source, arrears, followed});
    if (h.signals[i] < UINT16_MAX) ++h.signals[i];
    if (!followed) return;
    h.reach[i] |= kReachSignalled;
    if (h.first_signal_day[i] == kNever) h.first_signal_day[i] = world.day;
    const FunnelState s = h.state[i];
    const bool reopen = (s == FunnelState::benaderd || s == FunnelState::in_gesprek) &&
                        world.cases.worker[i] < 0 &&
                        (world.cases.closed_day[i] == kNever ||
                         world.day - world.cases.closed_day[i] >= p.signals.reopen_after_days);
    if (s == FunnelState::onbekend || reopen) {
        world.set_state(i, FunnelState::gesignaleerd);
        world.cases.queue.push_back(i);
    }
}

void Simulation::refer(int i) {
    World& world = *world_;
    Households& h = world.h;
    // The neighbour tells the household about the provisions, and the team about the household.
    h.awareness[i] += scenario_.params.contact.awareness_gain_session * (1.0 - h.awareness[i]);
    handle_signal(i, SignalSource::netwerk);
    ++world.recorder.today().referrals;
}

// The buurt levers of today, from every model's collective hours up to yesterday. A change of the
// stigma factor rescales every household's stigma (relative changes, so individual differences
// stay).
void Simulation::update_buurt_levers() {
    World& world = *world_;
    BuurtLevers next;
    for (std::size_t m = 0; m < world.models.size(); ++m) {
        world.models[m]->buurt_levers(world.collective_hours[m], world.day - 1, next);
    }
    if (next.stigma_factor != world.levers.stigma_factor && world.levers.stigma_factor > 0) {
        world.h.stigma *= next.stigma_factor / world.levers.stigma_factor;
    }
    world.levers = next;
    world.recorder.today().stigma_factor = next.stigma_factor;
    world.recorder.today().self_help_factor = next.self_help_factor;
}

// Closes today's collective-work hours into each model's cumulative record.
void Simulation::close_collective_day() {
    World& world = *world_;
    const double per_1000 = world.h.n > 0 ? 1000.0 / world.h.n : 0.0;
    for (std::size_t m = 0; m < world.models.size(); ++m) {
        world.collective_hours[m].close_day(world.day, world.collective_today[m] * per_1000);
        world.collective_today[m] = 0.0;
    }
}

void escalate(World& world, int i, EscalationKind kind, bool imposed) {
    Households& h = world.h;
    const auto& e = world.p.escalations;
    auto record = [&](EscalationKind k) {
        std::array<double, kPerspectives> cost = e.cost[static_cast<int>(k)];
        if (!h.has(i, kSocialRent)) cost[static_cast<int>(Perspective::woningcorporatie)] = 0.0;
        world.recorder.escalation({world.day, i, k, cost, imposed});
        ++h.escalations[i][static_cast<int>(k)];
    };
    record(kind);
    EscalationKind episode = kind;
    if (kind == EscalationKind::huisuitzetting) {
        Stream rng(world.seed, world.replication, Purpose::daily, static_cast<std::uint32_t>(i),
                   static_cast<std::uint32_t>(world.day), 1);
        if (rng.uniform() < e.homeless_after_eviction) {
            record(EscalationKind::dakloosheid);
            episode = EscalationKind::dakloosheid;
        }
    }
    h.trust[i] = std::max(0.0, h.trust[i] - e.trust_loss);
    h.escalation[i] = episode;
    h.state_until[i] = world.day + e.duration_days[static_cast<int>(episode)] - 1;
    world.set_state(i, FunnelState::geescaleerd);
}

void Simulation::end_escalation(int i) {
    World& world = *world_;
    Households& h = world.h;
    // Statutory services dealt with the crisis: the need behind it drops back to onset level.
    auto reset = [&](Domain d) {
        double& v = h.needs(i, static_cast<int>(d));
        if (v > 1.0) v = 1.0;
    };
    switch (h.escalation[i]) {
        case EscalationKind::huisuitzetting:
        case EscalationKind::dakloosheid:
            reset(Domain::financien);
            reset(Domain::wonen);
            break;
        case EscalationKind::kinderbeschermingsmaatregel:
            reset(Domain::opvoeding);
            break;
        case EscalationKind::crisis:
            reset(Domain::gezondheid);
            break;
    }
    h.state_until[i] = kNever;
    world.set_state(i, h.in_need(i) ? world.idle_need_state(i) : FunnelState::geen_nood);
}

void Simulation::workers_act() {
    World& world = *world_;
    static constexpr std::array<SlotKind, 2> kWeekday{SlotKind::weekdag_dag,
                                                      SlotKind::weekdag_avond};
    static constexpr std::array<SlotKind, 1> kWeekend{SlotKind::weekend};
    const bool weekend = world.is_weekend();
    const SlotKind* slots = weekend ? kWeekend.data() : kWeekday.data();
    const int slot_count = weekend ? 1 : 2;
    for (int s = 0; s < slot_count; ++s) {
        world.slot = slots[s];
        for (int w = 0; w < static_cast<int>(world.workers.size()); ++w) {
            WorkerState& wk = world.workers[w];
            double budget = wk.hours_per_day[static_cast<int>(world.slot)];
            if (budget <= 0) continue;
            budget = pay_handovers(world, w, budget);
            // The models' collective work takes its share of every method's hours.
            const double collective = budget * wk.models.traits().collective_share;
            if (collective > 0) {
                for (int m = 0; m < kMethods; ++m) {
                    world.book(w, static_cast<Method>(m), Activity::collectief_werk,
                               collective * wk.allocation[m]);
                }
                for (const auto& [model, share] : wk.models.collective_shares()) {
                    world.collective_today[static_cast<std::size_t>(model)] += collective * share;
                }
                budget -= collective;
            }
            for (int m = 0; m < kMethods; ++m) wk.credit[m] += budget * wk.allocation[m];
            for (int m = 0; m < kMethods; ++m) {
                if (wk.credit[m] > 0) world.methods[m]->act(world, w, wk.credit[m]);
                if (wk.credit[m] > wk.credit_cap[m]) {
                    world.book(w, static_cast<Method>(m), Activity::niet_besteed,
                               wk.credit[m] - wk.credit_cap[m]);
                    wk.credit[m] = wk.credit_cap[m];
                }
            }
        }
    }
}

void Simulation::close_unused_credit() {
    World& world = *world_;
    for (int w = 0; w < static_cast<int>(world.workers.size()); ++w) {
        WorkerState& wk = world.workers[w];
        for (int m = 0; m < kMethods; ++m) {
            world.book(w, static_cast<Method>(m), Activity::niet_besteed, wk.credit[m]);
            wk.credit[m] = 0;
        }
    }
}

}  // namespace bb
