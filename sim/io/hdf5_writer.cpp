// HDF5 output of one run: columns as 1-D datasets (or days x k matrices), each with `unit` and
// `description` attributes; enum-coded columns carry a `labels` attribute with the Dutch ids.
#include "sim/io/hdf5_writer.hpp"

#include <H5Cpp.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <type_traits>

#include "sim/core/build_info.hpp"
#include "sim/core/errors.hpp"
#include "sim/engine/recorder.hpp"
#include "sim/population/households.hpp"

namespace bb {

namespace {

template <typename T>
H5::PredType h5_type() {
    if constexpr (std::is_same_v<T, double>) return H5::PredType::NATIVE_DOUBLE;
    if constexpr (std::is_same_v<T, float>) return H5::PredType::NATIVE_FLOAT;
    if constexpr (std::is_same_v<T, std::int64_t>) return H5::PredType::NATIVE_INT64;
    if constexpr (std::is_same_v<T, std::int32_t>) return H5::PredType::NATIVE_INT32;
    if constexpr (std::is_same_v<T, std::int16_t>) return H5::PredType::NATIVE_INT16;
    if constexpr (std::is_same_v<T, std::uint16_t>) return H5::PredType::NATIVE_UINT16;
    if constexpr (std::is_same_v<T, std::uint8_t>) return H5::PredType::NATIVE_UINT8;
    if constexpr (std::is_same_v<T, std::uint64_t>) return H5::PredType::NATIVE_UINT64;
}

void attr_string(H5::H5Object& obj, const std::string& name, const std::string& value) {
    const H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
    H5::Attribute a = obj.createAttribute(name, type, H5::DataSpace(H5S_SCALAR));
    const char* c = value.c_str();
    a.write(type, &c);
}

template <typename T>
void attr_scalar(H5::H5Object& obj, const std::string& name, T value) {
    H5::Attribute a = obj.createAttribute(name, h5_type<T>(), H5::DataSpace(H5S_SCALAR));
    a.write(h5_type<T>(), &value);
}

void attr_strings(H5::H5Object& obj, const std::string& name,
                  const std::vector<std::string>& values) {
    const H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
    const hsize_t dims[1] = {values.size()};
    H5::Attribute a = obj.createAttribute(name, type, H5::DataSpace(1, dims));
    std::vector<const char*> ptrs;
    for (const auto& v : values) ptrs.push_back(v.c_str());
    if (!ptrs.empty()) a.write(type, ptrs.data());
}

template <typename E>
std::vector<std::string> labels() {
    return {EnumIds<E>::ids.begin(), EnumIds<E>::ids.end()};
}

// Dataset creation without timestamps (so that identical runs give identical objects), chunked
// and compressed when large.
H5::DSetCreatPropList dataset_props(hsize_t rows, hsize_t cols) {
    H5::DSetCreatPropList props;
    H5Pset_obj_track_times(props.getId(), 0);
    if (rows >= 4096) {
        const hsize_t chunk[2] = {std::min<hsize_t>(rows, 65536), cols};
        props.setChunk(cols > 1 ? 2 : 1, chunk);
        props.setShuffle();
        props.setDeflate(1);
    }
    return props;
}

// The file is built in memory (HDF5's core driver, no backing store) and written to disk by
// write_durably(): HDF5 itself never does disk I/O, so a full disk is an ordinary write error.
// (HDF5 1.10 crashes at exit after a failed H5Fclose, e.g. on a full disk: h5py#914.)
H5::FileAccPropList in_memory() {
    H5::FileAccPropList fapl;
    H5Pset_fapl_core(fapl.getId(), std::size_t{4} << 20, /*backing_store=*/0);
    return fapl;
}

class Writer {
  public:
    explicit Writer(const std::string& name)
        : file_(name, H5F_ACC_TRUNC, H5::FileCreatPropList::DEFAULT, in_memory()) {}
    H5::H5File& file() { return file_; }

    // The complete file's bytes.
    std::vector<char> image() {
        file_.flush(H5F_SCOPE_GLOBAL);
        const ssize_t size = H5Fget_file_image(file_.getId(), nullptr, 0);
        if (size < 0) throw H5::FileIException("H5Fget_file_image", "cannot size the file image");
        std::vector<char> bytes(static_cast<std::size_t>(size));
        if (H5Fget_file_image(file_.getId(), bytes.data(), bytes.size()) != size)
            throw H5::FileIException("H5Fget_file_image", "cannot copy the file image");
        return bytes;
    }

    H5::Group group(const std::string& name) { return file_.createGroup(name); }

    template <typename T>
    void column(H5::Group& g, const std::string& name, const std::vector<T>& data,
                const std::string& unit, const std::string& description,
                const std::vector<std::string>& label_ids = {}) {
        const hsize_t dims[1] = {data.size()};
        H5::DataSet ds = g.createDataSet(name, h5_type<T>(), H5::DataSpace(1, dims),
                                         dataset_props(data.size(), 1));
        if (!data.empty()) ds.write(data.data(), h5_type<T>());
        annotate(ds, unit, description, label_ids);
    }

    // A rows x cols matrix, row-major.
    template <typename T>
    void matrix(H5::Group& g, const std::string& name, const std::vector<T>& data, hsize_t cols,
                const std::string& unit, const std::string& description,
                const std::vector<std::string>& col_ids) {
        const hsize_t dims[2] = {cols ? data.size() / cols : 0, cols};
        H5::DataSet ds = g.createDataSet(name, h5_type<T>(), H5::DataSpace(2, dims),
                                         dataset_props(dims[0], cols));
        if (!data.empty()) ds.write(data.data(), h5_type<T>());
        annotate(ds, unit, description, {});
        attr_strings(ds, "columns", col_ids);
    }

    void strings(H5::Group& g, const std::string& name, const std::vector<std::string>& values,
                 const std::string& description) {
        const H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
        const hsize_t dims[1] = {values.size()};
        H5::DataSet ds = g.createDataSet(name, type, H5::DataSpace(1, dims), dataset_props(0, 1));
        std::vector<const char*> ptrs;
        for (const auto& v : values) ptrs.push_back(v.c_str());
        if (!ptrs.empty()) ds.write(ptrs.data(), type);
        annotate(ds, "", description, {});
    }

    void text(H5::Group& g, const std::string& name, const std::string& value,
              const std::string& description) {
        const H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
        H5::DataSet ds =
            g.createDataSet(name, type, H5::DataSpace(H5S_SCALAR), dataset_props(0, 1));
        const char* c = value.c_str();
        ds.write(&c, type);
        annotate(ds, "", description, {});
    }

  private:
    static void annotate(H5::DataSet& ds, const std::string& unit, const std::string& description,
                         const std::vector<std::string>& label_ids) {
        attr_string(ds, "unit", unit);
        attr_string(ds, "description", description);
        if (!label_ids.empty()) attr_strings(ds, "labels", label_ids);
    }

    H5::H5File file_;
};

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

std::string utc_now() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

void write_provenance(Writer& w, const Simulation& sim) {
    const Scenario& sc = sim.scenario();
    H5::Group g = w.group("provenance");
    const BuildInfo& b = build_info();
    attr_string(g, "engine_version", b.engine_version);
    attr_string(g, "git_revision", b.git_revision);
    attr_string(g, "build_type", b.build_type);
    attr_string(g, "compiler", b.compiler);
    attr_string(g, "platform", b.platform);
    attr_string(g, "created_utc", utc_now());
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
    for (const auto& d : days) {
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
    auto col = [&](const char* name, auto f, const char* unit, const char* desc) {
        w.column(g, name, pluck<std::int32_t>(days, f), unit, desc);
    };
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
             "5 phone number known.");
    w.column(g, "porch", h.porch, "", "Porch (portiek) index.");
    w.column(g, "street", h.street, "", "Street index.");
    w.column(g, "locations", h.locations, "bits",
             "Bit l: member of collective location l (provenance/collective_locations).");
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
    w.column(g, "ties", eig(h.ties), "index (0-1)", "Ties with neighbours and community (fixed).");
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
}

// Writes `bytes` to `path` and syncs them to disk. Throws IoError naming `target` (and removes
// `path`) on failure.
void write_durably(const std::filesystem::path& path, const std::vector<char>& bytes,
                   const std::string& target) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw IoError("cannot write " + target + ": " + std::strerror(errno));
    std::size_t done = 0;
    int err = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            err = n < 0 ? errno : EIO;
            break;
        }
        done += static_cast<std::size_t>(n);
    }
    if (err == 0 && ::fsync(fd) != 0) err = errno;
    if (::close(fd) != 0 && err == 0) err = errno;
    if (err != 0) {
        ::unlink(path.c_str());
        throw IoError("cannot write " + target + ": " + std::strerror(err));
    }
}

}  // namespace

void write_run(const std::string& path, const Simulation& sim) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path tmp = target.parent_path() /
                         (target.filename().string() + ".partial-" + std::to_string(::getpid()));
    try {
        H5::Exception::dontPrint();
        std::vector<char> image;
        {
            Writer w(tmp.string());
            H5::Group root = w.file().openGroup("/");
            attr_string(root, "filetype", kRunFileType);
            attr_scalar<std::int32_t>(root, "format_version", kRunFormatVersion);
            write_provenance(w, sim);
            write_timeseries(w, sim.recorder());
            write_households(w, sim.households());
            write_events(w, sim.recorder());
            write_ledger(w, sim.recorder());
            write_escalations(w, sim.recorder());
            write_signals(w, sim.recorder());
            write_summary(w, sim.summary());
            attr_scalar<std::int32_t>(root, "complete", 1);
            image = w.image();
        }
        write_durably(tmp, image, path);
        fs::rename(tmp, target);
    } catch (const H5::Exception& e) {
        std::error_code ec;
        fs::remove(tmp, ec);
        throw IoError("cannot write " + path + ": " + e.getDetailMsg());
    } catch (const fs::filesystem_error& e) {
        std::error_code ec;
        fs::remove(tmp, ec);
        throw IoError("cannot write " + path + ": " + e.what());
    }
}

}  // namespace bb
