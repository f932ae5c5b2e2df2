// HDF5 output of one run: columns as 1-D datasets (or days x k matrices), each with `unit` and
// `description` attributes; enum-coded columns carry a `labels` attribute with the Dutch ids.
#include "sim/io/hdf5_writer.hpp"

#include "models/factors.hpp"
#include "models/outreach_model.hpp"
#include "sim/core/errors.hpp"
#include "sim/engine/recorder.hpp"
#include "sim/io/h5_file.hpp"
#include "sim/population/households.hpp"

namespace bb {

namespace {

using h5::attr_scalar;
using h5::attr_string;
using h5::attr_strings;
using h5::labels;
using h5::Writer;

template <typename T, typename Row, typename F>
std::vector<T> pluck(const std::vector<Row>& rows, F f) {
    std::vector<T> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(static_cast<T>(f(r)));
    return out;
}

template <typename E>
std::vector<std::uint8_t> codes(const std::vector<E>& v) {
    return pluck<std::uint8_t>(v, [](E e) { return static_cast<std::uint8_t>(e); });
}

void write_provenance(Writer& w, const Simulation& sim) {
    const Scenario& sc = sim.scenario();
    H5::Group g = w.group("provenance");
    h5::attr_build_info(g);
    attr_string(g, "created_utc", h5::utc_now());
    attr_string(g, "scenario_file", sc.file);
    attr_string(g, "scenario_name", sc.name);
    attr_scalar<std::uint64_t>(g, "seed", sc.seed);
    attr_scalar<std::uint64_t>(g, "replication", sim.replication());
    w.text(g, "scenario_verbatim", sc.verbatim, "The scenario file's text as read.");
    w.text(g, "scenario_resolved", resolved_yaml(sc),
           "The scenario with every default filled in, as YAML.");

    std::vector<std::string> paths, units, sources, origins;
    std::vector<double> values;
    for (const auto& spec : parameter_specs()) {
        paths.push_back(spec.path);
        values.push_back(spec.get(sc.params));
        units.push_back(spec.unit);
        const auto it = sc.sources.find(spec.path);
        origins.push_back(it == sc.sources.end() ? "default" : "scenario");
        sources.push_back(it == sc.sources.end() ? spec.source : it->second);
    }
    // The outreach models' and effective factors' parameters, as models.<id>.<key> and
    // factors.<id>.<key> (their definitions: docs/models.md).
    auto behaviour = [&](const std::string& group, const std::string& id,
                         const ModelParams& values_, const std::vector<ModelParamSpec>& specs) {
        for (const ModelParamSpec& p : specs) {
            const std::string path = group + "." + id + "." + p.key;
            paths.push_back(path);
            values.push_back(values_.at(p.key));
            units.push_back(p.unit);
            const auto it = sc.sources.find(path);
            origins.push_back(it == sc.sources.end() ? "default" : "scenario");
            sources.push_back(it == sc.sources.end() ? p.source : it->second);
        }
    };
    for (const auto& info : builtin_models().all()) {
        behaviour("models", info.id, sc.model_params.at(info.id), info.params);
    }
    for (const auto& info : builtin_factors()) {
        behaviour("factors", info.id, sc.factor_params.at(info.id), info.params);
    }
    H5::Group pg = g.createGroup("parameters");
    w.strings(pg, "path", paths, "Key path of the parameter in the scenario file.");
    w.column(pg, "value", values, "see unit", "Value used in this run.");
    w.strings(pg, "unit", units, "Unit of the value.");
    w.strings(pg, "source", sources, "Source (EVIDENCE.md id) or assumption tag (A: ...).");
    w.strings(pg, "origin", origins, "'default' or 'scenario' (set in the scenario file).");

    const Intercepts& ic = sim.intercepts();
    H5::Group cg = g.createGroup("calibration");
    attr_string(cg, "description",
                "Intercepts solved so the contact model meets its evidence targets on a "
                "fixed-seed calibration population (sim/population/calibration.hpp).");
    attr_scalar(cg, "door", ic.door);
    attr_scalar(cg, "letter", ic.letter);
    attr_scalar(cg, "phone", ic.phone);
    attr_scalar(cg, "street", ic.street);
    attr_scalar(cg, "session", ic.session);
    attr_scalar(cg, "online", ic.online);
    attr_scalar(cg, "accept", ic.accept);
    attr_scalar(cg, "mean_need_severity", ic.mean_need_severity);
    attr_scalar(cg, "mean_financial_severity", ic.mean_financial_severity);
    w.strings(cg, "warnings", ic.warnings, "Targets that could not be met exactly.");
    w.strings(g, "workers", sim.worker_ids(), "Worker ids; the `worker` columns index this list.");
    w.strings(
        g, "collective_locations",
        [&] {
            std::vector<std::string> ids;
            for (const auto& l : sc.locations) ids.push_back(l.id);
            return ids;
        }(),
        "Collective location ids; bit l of households/locations is membership of location l.");
}

void write_timeseries(Writer& w, const Recorder& r) {
    H5::Group g = w.group("timeseries");
    const auto& days = r.days();
    std::vector<std::int32_t> day(days.size());
    for (std::size_t d = 0; d < days.size(); ++d) day[d] = static_cast<std::int32_t>(d);
    w.column(g, "day", day, "day", "Day number, 0 = the first simulated day.");
    std::vector<std::int32_t> states;
    std::vector<std::int32_t> esc;
    std::vector<double> hours;
    std::vector<std::int32_t> provision;
    for (const auto& d : days) {
        provision.insert(provision.end(), d.provision_signals.begin(), d.provision_signals.end());
        states.insert(states.end(), d.states.begin(), d.states.end());
        esc.insert(esc.end(), d.escalations.begin(), d.escalations.end());
        hours.insert(hours.end(), d.hours.begin(), d.hours.end());
    }
    w.matrix(g, "funnel_state", states, kFunnelStates, "households",
             "Households in each funnel state at the end of the day (rows sum to the households).",
             labels<FunnelState>());
    w.matrix(g, "escalations", esc, kEscalationKinds, "escalations/day",
             "New escalations per kind.", labels<EscalationKind>());
    w.matrix(g, "hours", hours, kMethods, "hours/day",
             "Worker hours booked per contact method, unused included.", labels<Method>());
    w.matrix(g, "provision_signals", provision, kBarriers, "signals/day",
             "Signals about provisions recorded by workers, per barrier.", labels<Barrier>());
    auto col = [&](const char* name, auto f, const char* unit, const char* desc) {
        w.column(g, name, pluck<std::int32_t>(days, f), unit, desc);
    };
    col(
        "referrals", [](const DayRow& d) { return d.referrals; }, "signals/day",
        "Referrals by connected residents (netwerk signals, verbindend).");
    col(
        "connected", [](const DayRow& d) { return d.connected; }, "households/day",
        "Households that became connected residents (verbindend).");
    w.column(g, "stigma_factor",
             pluck<double>(days, [](const DayRow& d) { return d.stigma_factor; }), "factor",
             "Buurt lever: every household's stigma relative to the start (kwartiermaken).");
    w.column(g, "self_help_factor",
             pluck<double>(days, [](const DayRow& d) { return d.self_help_factor; }), "factor",
             "Buurt lever: the rate of finding help oneself relative to the start "
             "(politiserend).");
    col(
        "new_needs", [](const DayRow& d) { return d.new_needs; }, "needs/day",
        "New needs (onsets) in any domain.");
    col(
        "signals", [](const DayRow& d) { return d.signals; }, "signals/day",
        "Signals from all sources.");
    col(
        "signals_followed_up", [](const DayRow& d) { return d.signals_followed_up; }, "signals/day",
        "Signals that fed the team's queue (threshold passed, source feeds the team).");
    col(
        "attempts", [](const DayRow& d) { return d.attempts; }, "attempts/day",
        "Contact attempts.");
    col(
        "contacts", [](const DayRow& d) { return d.contacts; }, "contacts/day",
        "Attempts that met the household.");
    col(
        "conversations", [](const DayRow& d) { return d.conversations; }, "conversations/day",
        "Conversations.");
    col(
        "acceptances", [](const DayRow& d) { return d.acceptances; }, "households/day",
        "Help accepted.");
    col(
        "handovers", [](const DayRow& d) { return d.handovers; }, "households/day",
        "Completed warm hand-overs (toeleidingen).");
    col(
        "self_help", [](const DayRow& d) { return d.self_help; }, "households/day",
        "Households that found help themselves.");
    w.column(g, "hours_unused", pluck<double>(days, [](const DayRow& d) { return d.hours_unused; }),
             "hours/day", "Scheduled hours no method could use (booked as niet_besteed).");
    w.column(g, "cost_eur", pluck<double>(days, [](const DayRow& d) { return d.cost_eur; }),
             "euro/day", "Worker cost of the day's booked hours.");
}

void write_households(Writer& w, const Households& h) {
    H5::Group g = w.group("households");
    std::vector<std::int32_t> id(static_cast<std::size_t>(h.n));
    for (int i = 0; i < h.n; ++i) id[i] = i;
    w.column(g, "id", id, "",
             "Household id (address order); `household` columns elsewhere refer to it.");
    w.column(g, "profile", codes(h.profile), "", "Help-seeking profile.", labels<Profile>());
    w.column(g, "composition", codes(h.composition), "", "Household composition.",
             labels<Composition>());
    w.column(g, "size", h.size, "persons", "Persons in the household.");
    w.column(g, "traits", h.traits, "bits",
             "Bit 0 minimum income, 1 migration background, 2 limited Dutch, 3 senior (65+), 4 "
             "social rent, "
             "5 phone number known, 6 online (can be met online).");
    w.column(g, "porch", h.porch, "", "Porch (portiek) index.");
    w.column(g, "street", h.street, "", "Street index.");
    w.column(g, "locations", h.locations, "bits",
             "Bit l: member of collective location l (provenance/collective_locations) at the "
             "end.");
    auto eig = [](const auto& a) { return std::vector<double>(a.data(), a.data() + a.size()); };
    auto rows = [&](const Eigen::ArrayXXd& m) {  // column-major Eigen -> row-major file
        std::vector<double> v;
        v.reserve(static_cast<std::size_t>(m.size()));
        for (Eigen::Index i = 0; i < m.rows(); ++i) {
            for (Eigen::Index k = 0; k < m.cols(); ++k) v.push_back(m(i, k));
        }
        return v;
    };
    w.matrix(g, "availability", rows(h.availability), kSlotKinds, "probability",
             "Chance to be home and open the door, per slot (fixed).", labels<SlotKind>());
    w.column(g, "public_space", eig(h.public_space), "relative use",
             "Use of public space (fixed).");
    w.column(g, "ties", eig(h.ties), "index (0-1)",
             "Ties with neighbours and community at the end (models may raise them).");
    w.matrix(g, "needs", rows(h.needs), kDomains, "severity",
             "Need severity per domain at the end; 0 = none.", labels<Domain>());
    w.column(g, "awareness", eig(h.awareness), "index (0-1)",
             "Awareness of provisions at the end.");
    w.column(g, "trust", eig(h.trust), "index (0-1)", "Trust in professionals at the end.");
    w.column(g, "stigma", eig(h.stigma), "index (0-1)", "Felt stigma of asking for help.");
    w.column(g, "state", codes(h.state), "", "Funnel state at the end.", labels<FunnelState>());
    w.column(
        g, "reach", h.reach, "bits",
        "What happened while in need (ever): bit 0 in need, 1 signalled, 2 attempted, 3 contacted, "
        "4 conversation, 5 accepted, 6 toegeleid, 7 found help itself.");
    w.column(g, "first_need_day", h.first_need_day, "day",
             "First day in need (0 if in need at the start); -1 never.");
    w.column(g, "first_signal_day", h.first_signal_day, "day",
             "First followed-up signal; -1 never.");
    w.column(g, "first_attempt_day", h.first_attempt_day, "day",
             "First contact attempt while in need; -1 never.");
    w.column(g, "first_contact_day", h.first_contact_day, "day",
             "First contact (met) while in need; -1 never.");
    w.column(g, "first_conversation_day", h.first_conversation_day, "day",
             "First conversation while in need; -1 never.");
    w.column(g, "first_toegeleid_day", h.first_toegeleid_day, "day",
             "First completed hand-over; -1 never.");
    w.column(g, "signals", h.signals, "signals", "Signals about the household (all sources).");
    w.column(g, "attempts", h.attempts, "attempts",
             "Contact attempts on the household (all methods).");
    w.column(g, "conversations", h.conversations, "conversations", "Conversations with a worker.");
    std::vector<std::uint8_t> esc;
    for (const auto& e : h.escalations) esc.insert(esc.end(), e.begin(), e.end());
    w.matrix(g, "escalations", esc, kEscalationKinds, "escalations", "Escalations per kind.",
             labels<EscalationKind>());
    w.column(g, "worker_hours", h.worker_hours, "hours", "Worker hours booked on this household.");
    w.column(g, "connected", h.connected, "bool",
             "A connected resident of the buurt's network at the end (verbindend).");
}

void write_events(Writer& w, const Recorder& r) {
    H5::Group g = w.group("events");
    attr_scalar<std::uint8_t>(g, "recorded", r.keeps_events() ? 1 : 0);
    const auto& e = r.events();
    w.column(g, "day", pluck<std::int32_t>(e, [](const Event& x) { return x.day; }), "day",
             "Day of the attempt.");
    w.column(g, "slot", pluck<std::uint8_t>(e, [](const Event& x) { return x.slot; }), "", "Slot.",
             labels<SlotKind>());
    w.column(g, "worker", pluck<std::int16_t>(e, [](const Event& x) { return x.worker; }), "",
             "Worker index (provenance/workers).");
    w.column(g, "household", pluck<std::int32_t>(e, [](const Event& x) { return x.household; }), "",
             "Household id.");
    w.column(g, "method", pluck<std::uint8_t>(e, [](const Event& x) { return x.method; }), "",
             "Contact method.", labels<Method>());
    w.column(g, "action", pluck<std::uint8_t>(e, [](const Event& x) { return x.action; }), "",
             "What was tried.", labels<Action>());
    w.column(g, "outcome", pluck<std::uint8_t>(e, [](const Event& x) { return x.outcome; }), "",
             "How it ended.", labels<Outcome>());
    w.column(g, "reason", pluck<std::uint8_t>(e, [](const Event& x) { return x.reason; }), "",
             "Why it happened this way.", labels<Reason>());
    w.column(g, "in_need", pluck<std::uint8_t>(e, [](const Event& x) { return x.in_need; }), "bool",
             "The household was in need at the attempt.");
    w.column(g, "hours", pluck<float>(e, [](const Event& x) { return x.hours; }), "hours",
             "Worker hours booked for the attempt and its conversation (shift and session hours "
             "are in the ledger).");
}

void write_ledger(Writer& w, const Recorder& r) {
    H5::Group g = w.group("ledger");
    const auto& l = r.ledger();
    w.column(g, "day", pluck<std::int32_t>(l, [](const LedgerRow& x) { return x.day; }), "day",
             "Day.");
    w.column(g, "worker", pluck<std::int16_t>(l, [](const LedgerRow& x) { return x.worker; }), "",
             "Worker index.");
    w.column(g, "method", pluck<std::uint8_t>(l, [](const LedgerRow& x) { return x.method; }), "",
             "Contact method.", labels<Method>());
    w.column(g, "activity", pluck<std::uint8_t>(l, [](const LedgerRow& x) { return x.activity; }),
             "", "What the hours were spent on.", labels<Activity>());
    w.column(g, "hours", pluck<double>(l, [](const LedgerRow& x) { return x.hours; }), "hours",
             "Worker hours.");
    w.column(g, "cost_eur", pluck<double>(l, [](const LedgerRow& x) { return x.cost_eur; }), "euro",
             "Hours times the worker's hourly cost.");
}

void write_escalations(Writer& w, const Recorder& r) {
    H5::Group g = w.group("escalations");
    const auto& e = r.escalations();
    w.column(g, "day", pluck<std::int32_t>(e, [](const EscalationRecord& x) { return x.day; }),
             "day", "Day.");
    w.column(g, "household",
             pluck<std::int32_t>(e, [](const EscalationRecord& x) { return x.household; }), "",
             "Household id.");
    w.column(g, "kind", pluck<std::uint8_t>(e, [](const EscalationRecord& x) { return x.kind; }),
             "", "Escalation.", labels<EscalationKind>());
    std::vector<double> cost;
    for (const auto& x : e) cost.insert(cost.end(), x.cost_eur.begin(), x.cost_eur.end());
    w.matrix(g, "cost_eur", cost, kPerspectives, "euro", "Cost per perspective.",
             labels<Perspective>());
    w.column(g, "imposed",
             pluck<std::uint8_t>(e, [](const EscalationRecord& x) { return x.imposed; }), "bool",
             "A statutory measure imposed at a contact (dwang_drang), not the need's own "
             "escalation.");
}

void write_provision_signals(Writer& w, const Recorder& r) {
    H5::Group g = w.group("provision_signals");
    const auto& s = r.provision_signals();
    w.column(g, "day", pluck<std::int32_t>(s, [](const ProvisionSignal& x) { return x.day; }),
             "day", "Day.");
    w.column(g, "worker", pluck<std::int16_t>(s, [](const ProvisionSignal& x) { return x.worker; }),
             "", "Worker index (provenance/workers).");
    w.column(g, "household",
             pluck<std::int32_t>(s, [](const ProvisionSignal& x) { return x.household; }), "",
             "Household id.");
    w.column(g, "barrier",
             pluck<std::uint8_t>(s, [](const ProvisionSignal& x) { return x.barrier; }), "",
             "The barrier to reaching or using provisions the worker recorded.", labels<Barrier>());
}

void write_signals(Writer& w, const Recorder& r) {
    H5::Group g = w.group("signals");
    const auto& s = r.signals();
    w.column(g, "day", pluck<std::int32_t>(s, [](const SignalRecord& x) { return x.day; }), "day",
             "Day.");
    w.column(g, "household",
             pluck<std::int32_t>(s, [](const SignalRecord& x) { return x.household; }), "",
             "Household id.");
    w.column(g, "source", pluck<std::uint8_t>(s, [](const SignalRecord& x) { return x.source; }),
             "", "Source.", labels<SignalSource>());
    w.column(g, "arrears_eur", pluck<float>(s, [](const SignalRecord& x) { return x.arrears_eur; }),
             "euro", "Arrears of a debt signal; 0 for other sources.");
    w.column(g, "followed_up",
             pluck<std::uint8_t>(s, [](const SignalRecord& x) { return x.followed_up; }), "bool",
             "The signal fed the team's queue.");
}

void write_summary(Writer& w, const Summary& s) {
    H5::Group g = w.group("summary");
    std::vector<std::int64_t> funnel;
    for (const auto& f : s.funnel) {
        funnel.insert(funnel.end(), {f.households, f.in_need, f.signalled, f.attempted, f.contacted,
                                     f.conversation, f.accepted, f.toegeleid, f.self_help});
    }
    w.matrix(g, "funnel", funnel, 9, "households",
             "Rows: zelfredzaam, zorgmisser, zorgmijder, totaal. Households that were ever in each "
             "funnel stage "
             "while in need.",
             {"households", "in_need", "signalled", "attempted", "contacted", "conversation",
              "accepted", "toegeleid", "self_help"});
    attr_strings(g, "funnel_rows", {"zelfredzaam", "zorgmisser", "zorgmijder", "totaal"});
    w.column(g, "escalations",
             std::vector<std::int64_t>(s.escalations.begin(), s.escalations.end()), "escalations",
             "Escalations per kind.", labels<EscalationKind>());
    w.column(g, "escalation_cost_eur",
             std::vector<double>(s.escalation_cost_eur.begin(), s.escalation_cost_eur.end()),
             "euro", "Escalation cost per perspective.", labels<Perspective>());
    w.column(g, "hours_by_method",
             std::vector<double>(s.hours_by_method.begin(), s.hours_by_method.end()), "hours",
             "Worker hours per contact method, unused included.", labels<Method>());
    attr_scalar(g, "hours_total", s.hours_total);
    attr_scalar(g, "hours_unused", s.hours_unused);
    attr_scalar(g, "worker_cost_eur", s.worker_cost_eur);
    attr_scalar(g, "debt_help_cases", s.debt_help_cases);
    attr_scalar(g, "debt_help_cost_eur", s.debt_help_cost_eur);
    attr_scalar(g, "cost_per_toegeleid_eur", s.cost_per_toegeleid_eur);
    attr_scalar(g, "attempts", s.attempts);
    attr_scalar(g, "contacts", s.contacts);
    attr_scalar(g, "conversations", s.conversations);
    attr_scalar(g, "signals", s.signals);
    attr_scalar(g, "signals_followed_up", s.signals_followed_up);
    attr_scalar(g, "measures_imposed", s.measures_imposed);
    attr_scalar(g, "referrals", s.referrals);
    attr_scalar(g, "connected", s.connected);
    attr_scalar(g, "hours_collective", s.hours_collective);
    w.column(g, "provision_signals",
             std::vector<std::int64_t>(s.provision_signals.begin(), s.provision_signals.end()),
             "signals", "Signals about provisions per barrier.", labels<Barrier>());
}

}  // namespace

void write_run(const std::string& path, const Simulation& sim) {
    h5::write_atomically(path, [&](Writer& w) {
        H5::Group root = w.root();
        attr_string(root, "filetype", kRunFileType);
        attr_scalar<std::int32_t>(root, "format_version", kRunFormatVersion);
        write_provenance(w, sim);
        write_timeseries(w, sim.recorder());
        write_households(w, sim.households());
        write_events(w, sim.recorder());
        write_ledger(w, sim.recorder());
        write_escalations(w, sim.recorder());
        write_signals(w, sim.recorder());
        write_provision_signals(w, sim.recorder());
        write_summary(w, sim.summary());
        attr_scalar<std::int32_t>(root, "complete", 1);
    });
}

}  // namespace bb
