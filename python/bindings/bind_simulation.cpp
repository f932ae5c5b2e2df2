// Simulation: stepped day by day from Python, with numpy views of the household arrays.
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <unordered_set>

#include "python/bindings/bindings.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/io/hdf5_writer.hpp"
#include "sim/population/households.hpp"

namespace py = pybind11;

namespace bb::python {

namespace {

// Simulations that run() or write() with the GIL released: other calls on them raise instead of
// racing with the engine.
std::mutex g_busy_mutex;
std::unordered_set<const Simulation*> g_busy;

class Busy {
  public:
    explicit Busy(const Simulation& s) : sim_(&s) {
        std::lock_guard<std::mutex> lock(g_busy_mutex);
        if (!g_busy.insert(sim_).second)
            throw std::runtime_error("this Simulation is busy in another thread");
    }
    ~Busy() {
        std::lock_guard<std::mutex> lock(g_busy_mutex);
        g_busy.erase(sim_);
    }
    Busy(const Busy&) = delete;
    Busy& operator=(const Busy&) = delete;

  private:
    const Simulation* sim_;
};

const Simulation& idle(const Simulation& s) {
    std::lock_guard<std::mutex> lock(g_busy_mutex);
    if (g_busy.count(&s) != 0)
        throw std::runtime_error("this Simulation is running in another thread; wait for it");
    return s;
}

// A read-only numpy view of `count` x `cols` elements of T at `data` (row stride `row_bytes`,
// column stride `col_bytes`), kept alive by `owner` (the Simulation's Python object).
template <typename T>
py::array view(const T* data, py::ssize_t count, py::ssize_t cols, py::ssize_t row_bytes,
               py::ssize_t col_bytes, const py::object& owner) {
    py::array a = cols == 1 ? py::array_t<T>({count}, {row_bytes}, data, owner)
                            : py::array_t<T>({count, cols}, {row_bytes, col_bytes}, data, owner);
    a.attr("setflags")(py::arg("write") = false);
    return a;
}

template <typename T>
py::array column(const std::vector<T>& v, const py::object& owner) {
    return view(v.data(), static_cast<py::ssize_t>(v.size()), 1, sizeof(T), 0, owner);
}

// Enum columns are viewed as their underlying integer codes.
template <typename E>
py::array codes(const std::vector<E>& v, const py::object& owner) {
    using U = std::underlying_type_t<E>;
    return view(reinterpret_cast<const U*>(v.data()), static_cast<py::ssize_t>(v.size()), 1,
                sizeof(E), 0, owner);
}

py::array eigen_vector(const Eigen::ArrayXd& a, const py::object& owner) {
    return view(a.data(), a.size(), 1, sizeof(double), 0, owner);
}

// Eigen is column-major: row i, column k at data[k * rows + i].
py::array eigen_matrix(const Eigen::ArrayXXd& a, const py::object& owner) {
    return view(a.data(), a.rows(), a.cols(), sizeof(double),
                static_cast<py::ssize_t>(sizeof(double)) * a.rows(), owner);
}

template <typename E>
py::list labels() {
    py::list out;
    for (const auto& id : EnumIds<E>::ids) out.append(std::string(id));
    return out;
}

py::dict households_views(const Simulation& sim, const py::object& owner) {
    const Households& h = sim.households();
    py::dict d;
    d["profile"] = codes(h.profile, owner);
    d["composition"] = codes(h.composition, owner);
    d["size"] = column(h.size, owner);
    d["traits"] = column(h.traits, owner);
    d["porch"] = column(h.porch, owner);
    d["street"] = column(h.street, owner);
    d["locations"] = column(h.locations, owner);
    d["availability"] = eigen_matrix(h.availability, owner);
    d["public_space"] = eigen_vector(h.public_space, owner);
    d["ties"] = eigen_vector(h.ties, owner);
    d["needs"] = eigen_matrix(h.needs, owner);
    d["awareness"] = eigen_vector(h.awareness, owner);
    d["trust"] = eigen_vector(h.trust, owner);
    d["stigma"] = eigen_vector(h.stigma, owner);
    d["state"] = codes(h.state, owner);
    d["reach"] = column(h.reach, owner);
    d["first_need_day"] = column(h.first_need_day, owner);
    d["first_signal_day"] = column(h.first_signal_day, owner);
    d["first_contact_day"] = column(h.first_contact_day, owner);
    d["first_conversation_day"] = column(h.first_conversation_day, owner);
    d["first_toegeleid_day"] = column(h.first_toegeleid_day, owner);
    d["signals"] = column(h.signals, owner);
    d["attempts"] = column(h.attempts, owner);
    d["conversations"] = column(h.conversations, owner);
    d["escalations"] = view(reinterpret_cast<const std::uint8_t*>(h.escalations.data()),
                            static_cast<py::ssize_t>(h.escalations.size()), kEscalationKinds,
                            sizeof(h.escalations[0]), 1, owner);
    d["worker_hours"] = column(h.worker_hours, owner);
    return d;
}

py::dict summary_dict(const Summary& s) {
    py::dict d;
    d["scenario"] = s.scenario;
    d["seed"] = s.seed;
    d["replication"] = s.replication;
    d["days"] = s.days;
    py::dict funnel;
    for (int p = 0; p <= kProfiles; ++p) {
        const FunnelCounts& f = s.funnel[p];
        py::dict row;
        row["households"] = f.households;
        row["in_need"] = f.in_need;
        row["signalled"] = f.signalled;
        row["attempted"] = f.attempted;
        row["contacted"] = f.contacted;
        row["conversation"] = f.conversation;
        row["accepted"] = f.accepted;
        row["toegeleid"] = f.toegeleid;
        row["self_help"] = f.self_help;
        funnel[p < kProfiles ? py::str(std::string(id_of(static_cast<Profile>(p))))
                             : py::str("totaal")] = row;
    }
    d["funnel"] = funnel;
    py::dict esc, cost, hours;
    for (int e = 0; e < kEscalationKinds; ++e)
        esc[py::str(std::string(id_of(static_cast<EscalationKind>(e))))] = s.escalations[e];
    for (int v = 0; v < kPerspectives; ++v)
        cost[py::str(std::string(id_of(static_cast<Perspective>(v))))] = s.escalation_cost_eur[v];
    for (int m = 0; m < kMethods; ++m)
        hours[py::str(std::string(id_of(static_cast<Method>(m))))] = s.hours_by_method[m];
    d["escalations"] = esc;
    d["escalation_cost_eur"] = cost;
    d["hours_by_method"] = hours;
    d["hours_total"] = s.hours_total;
    d["hours_unused"] = s.hours_unused;
    d["worker_cost_eur"] = s.worker_cost_eur;
    d["attempts"] = s.attempts;
    d["contacts"] = s.contacts;
    d["conversations"] = s.conversations;
    d["signals"] = s.signals;
    d["signals_followed_up"] = s.signals_followed_up;
    d["debt_help_cases"] = s.debt_help_cases;
    d["debt_help_cost_eur"] = s.debt_help_cost_eur;
    d["cost_per_toegeleid_eur"] = s.cost_per_toegeleid_eur;
    return d;
}

}  // namespace

void bind_simulation(py::module_& m) {
    py::class_<Simulation>(m, "Simulation",
                           "One scenario and replication, simulated day by day. Building it "
                           "generates the households and calibrates the contact model.")
        .def(py::init([](const Scenario& sc, std::uint32_t replication, bool record_events) {
                 py::gil_scoped_release release;
                 return std::make_unique<Simulation>(sc,
                                                     SimulationOptions(replication, record_events));
             }),
             py::arg("scenario"), py::arg("replication") = 0, py::arg("record_events") = true)
        .def(
            "step",
            [](Simulation& s) {
                idle(s);
                s.step();
            },
            "Simulates one day; raises RuntimeError past the horizon.")
        .def(
            "run",
            [](Simulation& s) {
                const Busy busy(s);
                py::gil_scoped_release release;
                s.run();
            },
            "Simulates the remaining days (the GIL is released meanwhile).")
        .def_property_readonly("day", &Simulation::day, "Days simulated so far.")
        .def_property_readonly("done", &Simulation::done)
        .def_property_readonly("replication", &Simulation::replication)
        .def_property_readonly("scenario", &Simulation::scenario,
                               py::return_value_policy::reference_internal)
        .def(
            "summary", [](const Simulation& s) { return summary_dict(idle(s).summary()); },
            "The run's aggregates as a dict (what `buurtbereik run` prints).")
        .def(
            "households",
            [](const py::object& self) {
                return households_views(idle(self.cast<const Simulation&>()), self);
            },
            "The household arrays as read-only numpy VIEWS (no copy): they change as the "
            "simulation steps and keep the simulation alive. Copy them (np.array(v)) to keep a "
            "day's state. Codes: see `labels`.")
        .def(
            "state_counts",
            [](const Simulation& s) {
                const auto c = idle(s).recount_states();
                py::dict d;
                for (int k = 0; k < kFunnelStates; ++k)
                    d[py::str(std::string(id_of(static_cast<FunnelState>(k))))] = c[k];
                return d;
            },
            "Households per funnel state now.")
        .def(
            "write",
            [](const Simulation& s, const std::filesystem::path& path) {
                const Busy busy(s);
                py::gil_scoped_release release;
                write_run(path.string(), s);
            },
            py::arg("path"), "Writes the run's HDF5 file (results/README.md), atomically.");

    py::dict l;
    l["profile"] = labels<Profile>();
    l["composition"] = labels<Composition>();
    l["state"] = labels<FunnelState>();
    l["domain"] = labels<Domain>();
    l["slot"] = labels<SlotKind>();
    l["escalation"] = labels<EscalationKind>();
    m.attr("labels") = l;
}

}  // namespace bb::python
