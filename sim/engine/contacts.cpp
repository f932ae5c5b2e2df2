// One contact attempt, start to end: reached? engaged? accepted? Hours, trust, awareness, funnel
// state, the household's record and the event log are all updated here, in one place, for every
// contact method.
#include <algorithm>
#include <boost/random/poisson_distribution.hpp>
#include <optional>

#include "sim/engine/world.hpp"

namespace bb {

namespace {

Activity activity_of(Action a) {
    switch (a) {
        case Action::brief:
            return Activity::brief;
        case Action::telefoon:
            return Activity::telefoon;
        case Action::huisbezoek:
            return Activity::huisbezoek;
        case Action::deur:
            return Activity::deur;
        case Action::straatcontact:
            return Activity::aanwezigheid;
        case Action::voorlichting:
            return Activity::voorlichting;
        case Action::online:
            return Activity::online;
    }
    return Activity::gesprek;
}

bool uses_duo(const WorkerState& w, Action a) {
    return w.protocol.duo && (a == Action::huisbezoek || a == Action::deur);
}

double intercept_of(const Intercepts& ic, Action a) {
    switch (a) {
        case Action::brief:
            return ic.letter;
        case Action::telefoon:
            return ic.phone;
        case Action::huisbezoek:
        case Action::deur:
            return ic.door;
        case Action::straatcontact:
            return ic.street;
        case Action::voorlichting:
            return ic.session;
        case Action::online:
            return ic.online;
    }
    return 0.0;
}

// States in which a household in need can accept help offered in a conversation.
bool open_to_offer(FunnelState s) {
    return s == FunnelState::onbekend || s == FunnelState::gesignaleerd ||
           s == FunnelState::benaderd || s == FunnelState::in_gesprek;
}

// A need above the escalation threshold in a domain that can escalate (all but sociaal).
bool in_crisis(const Households& h, int i, double threshold) {
    for (int k = 0; k < kDomains; ++k) {
        if (static_cast<Domain>(k) != Domain::sociaal && h.needs(i, k) > threshold) return true;
    }
    return false;
}

constexpr std::uint32_t kHandoverBlock =
    0xFFFF;  // stream block of hand-over draws, apart from attempts

// Records, for each barrier household i meets, a signal about provisions with probability p.
// (One draw per barrier present, from the household's provision stream of this attempt.)
void record_barriers(World& world, int worker, int i, double awareness_before, double p) {
    const Households& h = world.h;
    // A stream of its own, so that recording (an output) never shifts the contact's other draws.
    Stream rng(world.seed, world.replication, Purpose::provision, static_cast<std::uint32_t>(i),
               static_cast<std::uint32_t>(world.day), h.attempts[i]);
    const std::array<bool, kBarriers> present{
        awareness_before < 0.5,
        h.has(i, kLimitedDutch),
        h.trust[i]<0.3, h.stigma[i]> 0.5,
        h.availability(i, static_cast<int>(SlotKind::weekdag_dag)) < 0.3,
        false,  // aansluiting: recorded when a hand-over fails
    };
    for (int b = 0; b < kBarriers; ++b) {
        if (present[b] && rng.uniform() < p) {
            world.recorder.provision_signal(
                {world.day, static_cast<std::int16_t>(worker), i, static_cast<Barrier>(b)});
        }
    }
}

// Links household i to a collective location it may join and is not yet a member of (the
// worker's next location first), if there is one.
void link_to_location(World& world, int worker, int i) {
    const auto& locations = world.scenario.locations;
    const int count = static_cast<int>(locations.size());
    for (int k = 0; k < count; ++k) {
        const WorkerState& wk = world.workers[worker];
        const int start = wk.session_locations.empty()
                              ? 0
                              : wk.session_locations[static_cast<std::size_t>(wk.next_location) %
                                                     wk.session_locations.size()];
        const int l = (start + k) % count;
        if (((world.h.locations[i] >> l) & 1u) != 0 || !eligible(world.h, i, locations[l].eligible))
            continue;
        world.h.locations[i] |= static_cast<std::uint16_t>(1u << l);
        world.location_members[static_cast<std::size_t>(l)].push_back(i);
        return;
    }
}

// The statutory measure a crisis of household i calls for, if any: child protection for a
// parenting crisis, a crisis measure for a health crisis.
std::optional<EscalationKind> statutory_measure(const Households& h, int i, double threshold) {
    if (h.needs(i, static_cast<int>(Domain::opvoeding)) > threshold)
        return EscalationKind::kinderbeschermingsmaatregel;
    if (h.needs(i, static_cast<int>(Domain::gezondheid)) > threshold) return EscalationKind::crisis;
    return std::nullopt;
}

}  // namespace

double conversation_hours(const World& world, int worker, bool duo) {
    return world.p.time.conversation_hours * (duo ? 2.0 : 1.0) *
           world.workers[worker].models.traits().conversation_hours_factor;
}

double max_attempt_hours(const World& world, int worker, Action action) {
    const WorkerState& w = world.workers[worker];
    const auto& t = world.p.time;
    const double duo = uses_duo(w, action) ? 2.0 : 1.0;
    const double extra_talk =
        std::max(0.0, w.models.traits().conversation_hours_factor - 1.0) * t.conversation_hours;
    switch (action) {
        case Action::brief:
            return t.letter_hours + conversation_hours(world, worker, false);
        case Action::telefoon:
            return t.phone_hours + conversation_hours(world, worker, false);
        case Action::huisbezoek:
            return std::max(t.visit_hours + extra_talk, t.visit_not_home_hours) * duo;
        case Action::deur:
            return duo / t.doors_per_hour + conversation_hours(world, worker, duo > 1.0);
        case Action::straatcontact:
        case Action::voorlichting:
        case Action::online:
            return 0.0;
    }
    return 0.0;
}

AttemptResult attempt_contact(World& world, int worker, int i, Method method, Action action,
                              Reason reason) {
    Households& h = world.h;
    const Parameters& p = world.p;
    const WorkerState& wk = world.workers[worker];
    const bool duo = uses_duo(wk, action);
    const bool in_need = h.in_need(i);
    const FunnelState before = h.state[i];
    Stream rng(world.seed, world.replication, Purpose::contact, static_cast<std::uint32_t>(i),
               static_cast<std::uint32_t>(world.day),
               std::min<std::uint32_t>(h.attempts[i], kHandoverBlock - 1));

    const ModelTraits& traits = wk.models.traits();
    const ContactFacts facts{method,
                             action,
                             h.profile[i],
                             h.trust[i],
                             h.awareness[i],
                             h.stigma[i],
                             in_need,
                             in_crisis(h, i, p.needs.escalation_threshold),
                             h.has(i, kMigration),
                             h.has(i, kLimitedDutch),
                             best_slot(h, i) == static_cast<int>(world.slot),
                             h.attempts[i],
                             h.conversations[i]};

    // 1. Is the household reached at all?
    bool met = true;
    double hours = 0;
    switch (action) {
        case Action::brief:
            hours = p.time.letter_hours;
            break;
        case Action::telefoon:
            hours = p.time.phone_hours;
            break;
        case Action::huisbezoek:
            met = rng.uniform() < h.availability(i, static_cast<int>(world.slot));
            // A longer conversation (model factor) lengthens the visit by the extra talk.
            hours = (met ? p.time.visit_hours +
                               (traits.conversation_hours_factor - 1.0) * p.time.conversation_hours
                         : p.time.visit_not_home_hours) *
                    (duo ? 2.0 : 1.0);
            break;
        case Action::deur:
            met = rng.uniform() < h.availability(i, static_cast<int>(world.slot));
            hours = (duo ? 2.0 : 1.0) / p.time.doors_per_hour;
            break;
        case Action::straatcontact:
        case Action::voorlichting:
        case Action::online:
            break;  // hours are booked by the method (shift, session, online presence)
    }
    world.book(worker, method, activity_of(action), hours, i);

    // 2. Does the household engage? (A letter or call without engagement is unanswered.)
    bool engaged = false;
    if (met) {
        const double x = intercept_of(world.intercepts, action) + engage_terms(p, h, i) +
                         wk.models.engage_shift(facts) +
                         wk.factors.engage_shift(facts, p.contact.engage_limited_dutch);
        engaged = rng.uniform() < logistic(x);
    }
    const bool remote = action == Action::brief || action == Action::telefoon;
    if (remote && !engaged) met = false;
    if (action == Action::voorlichting) {
        h.awareness[i] += p.contact.awareness_gain_session * (1.0 - h.awareness[i]);
    }

    // 3. Conversation and, for a household in need, the offer of help.
    Outcome out = Outcome::geen_reactie;
    double talk_hours = 0;
    bool no_offer = false;  // a conversation in which help could have been offered but was not
    if (met && !engaged) {
        out = Outcome::geweigerd;
        // Felt pressure: refusing a repeated approach at the door costs trust. (Not asking a
        // question after a session, or passing by in the street, does not; an unanswered letter or
        // call is geen_reactie, not a refusal.)
        const bool pressing = action == Action::huisbezoek || action == Action::deur;
        if (pressing && h.attempts[i] > 0 && !wk.factors.no_refusal_trust_loss) {
            h.trust[i] = std::max(
                0.0, h.trust[i] - p.contact.trust_loss_refusal * traits.refusal_trust_loss_factor);
        }
        // Presence: being met, even without a talk, builds a little trust.
        h.trust[i] = std::min(1.0, h.trust[i] + traits.trust_gain_meeting);
    } else if (engaged) {
        out = Outcome::gesprek;
        const double awareness_before = h.awareness[i];
        h.awareness[i] += p.contact.awareness_gain_conversation * (1.0 - h.awareness[i]);
        h.trust[i] = std::clamp(h.trust[i] + wk.models.trust_change_after_conversation(facts) +
                                    wk.factors.trust_change(facts),
                                0.0, 1.0);
        if (h.conversations[i] < UINT16_MAX) ++h.conversations[i];
        if (in_need && open_to_offer(before)) {
            // The acceptance draw comes first, so that every model pairs its decisions on the
            // same uniform (common random numbers); the draws that only some models make follow.
            const double u_accept = rng.uniform();
            // Is help offered? (Presence waits for trust; most models always offer.)
            const double p_offer = wk.models.offer_probability(facts);
            const bool offered = p_offer >= 1.0 || (p_offer > 0.0 && rng.uniform() < p_offer);
            if (action == Action::brief || action == Action::telefoon || action == Action::deur) {
                talk_hours = conversation_hours(world, worker, duo);
            }
            // Under pressure, a crisis may end in a statutory measure instead of an offer.
            const auto measure = offered && facts.crisis && traits.statutory_measure_probability > 0
                                     ? statutory_measure(h, i, p.needs.escalation_threshold)
                                     : std::nullopt;
            const double y = world.intercepts.accept + accept_terms(p, h, i) +
                             wk.models.accept_shift(facts) + wk.factors.accept_shift(facts);
            if (!offered) {
                // A conversation without an offer: known to outreach, no decision on help.
                if (before != FunnelState::in_gesprek) world.set_state(i, FunnelState::in_gesprek);
                no_offer = true;
            } else if (measure && rng.uniform() < traits.statutory_measure_probability) {
                out = Outcome::hulp_afgewezen;
                escalate(world, i, *measure, true);
            } else if (u_accept < logistic(y)) {
                out = Outcome::geaccepteerd;
                world.set_state(i, FunnelState::geaccepteerd);
                h.reach[i] |= kReachAccepted;
                world.workers[worker].handovers.push_back(
                    {i, method, p.time.handover_hours * traits.handover_hours_factor});
            } else {
                out = Outcome::hulp_afgewezen;
                world.set_state(i, FunnelState::in_gesprek);
            }
            if (traits.provision_signal_probability > 0) {
                record_barriers(world, worker, i, awareness_before,
                                traits.provision_signal_probability);
            }
        }
        // What the models do with every conversation: ties, the network, community places.
        if (traits.tie_gain > 0) h.ties[i] += traits.tie_gain * (1.0 - h.ties[i]);
        if (traits.connect_probability > 0 && h.connected[i] == 0 &&
            rng.uniform() < traits.connect_probability) {
            h.connected[i] = 1;
            ++world.connected_per_street[h.street[i]];
            world.any_connected = true;
            ++world.recorder.today().connected;
        }
        if (traits.link_probability > 0 && rng.uniform() < traits.link_probability) {
            link_to_location(world, worker, i);
        }
    }
    world.book(worker, method, Activity::gesprek, talk_hours, i);

    // 4. Funnel state and the household's record.
    if (in_need) {
        if (out != Outcome::geaccepteerd && out != Outcome::hulp_afgewezen && !no_offer &&
            (before == FunnelState::onbekend || before == FunnelState::gesignaleerd)) {
            world.set_state(i, FunnelState::benaderd);
        }
        h.reach[i] |= kReachAttempted;
        if (h.first_attempt_day[i] == kNever) h.first_attempt_day[i] = world.day;
        if (out != Outcome::geen_reactie) {
            h.reach[i] |= kReachContacted;
            if (h.first_contact_day[i] == kNever) h.first_contact_day[i] = world.day;
        }
        if (out == Outcome::gesprek || out == Outcome::hulp_afgewezen ||
            out == Outcome::geaccepteerd) {
            h.reach[i] |= kReachConversation;
            if (h.first_conversation_day[i] == kNever) h.first_conversation_day[i] = world.day;
        }
    }
    if (h.attempts[i] < UINT16_MAX) ++h.attempts[i];
    world.recorder.event({world.day, world.slot, static_cast<std::int16_t>(worker), i, method,
                          action, out, reason, in_need, static_cast<float>(hours + talk_hours)});
    return {out, hours + talk_hours};
}

void hold_presence(World& world, int worker, double& credit, Method method, Activity activity,
                   Action action, Reason reason, Purpose purpose, std::uint32_t& shifts,
                   double contacts_per_hour, const std::function<int(double, double)>& draw) {
    if (credit <= 0) return;
    const double hours = credit;
    credit = 0;
    world.book(worker, method, activity, hours);
    Stream rng(world.seed, world.replication, purpose, static_cast<std::uint32_t>(worker),
               static_cast<std::uint32_t>(world.day), shifts++);
    const double mean = contacts_per_hour * hours;
    const int contacts = mean > 0 ? boost::random::poisson_distribution<int>(mean)(rng) : 0;
    for (int c = 0; c < contacts; ++c) {
        const double u1 = rng.uniform();
        const double u2 = rng.uniform();
        const int i = draw(u1, u2);
        if (i < 0 || world.h.state[i] == FunnelState::geescaleerd) continue;  // away
        attempt_contact(world, worker, i, method, action, reason);
    }
}

double pay_handovers(World& world, int worker, double budget) {
    WorkerState& wk = world.workers[worker];
    while (budget > 0 && !wk.handovers.empty()) {
        PendingHandover& ho = wk.handovers.front();
        const double pay = std::min(budget, ho.hours_left);
        world.book(worker, ho.method, Activity::toeleiding, pay, ho.household);
        ho.hours_left -= pay;
        budget -= pay;
        if (ho.hours_left > 1e-9) break;
        const int i = ho.household;
        wk.handovers.pop_front();
        // The household may have escalated or recovered meanwhile: then there is nobody to hand
        // over.
        if (world.h.state[i] != FunnelState::geaccepteerd) continue;
        Stream rng(world.seed, world.replication, Purpose::contact, static_cast<std::uint32_t>(i),
                   static_cast<std::uint32_t>(world.day), kHandoverBlock);
        if (rng.uniform() < world.p.contact.handover_failure) {
            world.set_state(i, world.idle_need_state(i));
            // The provision did not fit: a signal about provisions, as often as the worker
            // records barriers.
            if (rng.uniform() < wk.models.traits().provision_signal_probability) {
                world.recorder.provision_signal(
                    {world.day, static_cast<std::int16_t>(worker), i, Barrier::aansluiting});
            }
            continue;
        }
        world.set_state(i, FunnelState::toegeleid);
        world.h.dropout_factor[i] = static_cast<float>(wk.factors.dropout_factor);
        world.h.reach[i] |= kReachToegeleid;
        if (world.h.first_toegeleid_day[i] == kNever) world.h.first_toegeleid_day[i] = world.day;
        DayRow& r = world.recorder.today();
        ++r.handovers;
        if (world.h.needs(i, static_cast<int>(Domain::financien)) > 0) ++r.debt_help_cases;
    }
    return budget;
}

}  // namespace bb
