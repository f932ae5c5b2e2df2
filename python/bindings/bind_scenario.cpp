// Scenario: load, validate, the resolved text, and changed copies.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>

#include "python/bindings/bindings.hpp"
#include "sim/core/errors.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/study/study.hpp"

namespace py = pybind11;

namespace bb::python {

namespace {

// A Python value as YAML text for scenario_with_changes: str as written (so "maandag" and
// "{value: 3, source: x}" both work), bool and numbers in YAML form, lists and dicts in flow form.
std::string yaml_text(const py::handle& v) {
    if (py::isinstance<py::bool_>(v)) return v.cast<bool>() ? "true" : "false";
    if (py::isinstance<py::int_>(v) || py::isinstance<py::float_>(v))
        return py::str(py::repr(v)).cast<std::string>();
    if (py::isinstance<py::str>(v)) return v.cast<std::string>();
    if (py::isinstance<py::dict>(v)) {
        std::string s = "{";
        for (const auto& [k, val] : v.cast<py::dict>())
            s +=
                (s.size() > 1 ? ", " : "") + py::str(k).cast<std::string>() + ": " + yaml_text(val);
        return s + "}";
    }
    if (py::isinstance<py::list>(v) || py::isinstance<py::tuple>(v)) {
        std::string s = "[";
        for (const auto& item : v) s += (s.size() > 1 ? ", " : "") + yaml_text(item);
        return s + "]";
    }
    throw py::type_error("cannot put a " + py::str(py::type::of(v)).cast<std::string>() +
                         " into a scenario; use str, int, float, bool, list or dict");
}

}  // namespace

void bind_scenario(py::module_& m) {
    py::class_<Scenario>(m, "Scenario",
                         "A validated scenario (see docs/scenario-reference.md). Create it with "
                         "Scenario.load(path) or Scenario.parse(text).")
        .def_static(
            "load", [](const std::filesystem::path& p) { return load_scenario(p.string()); },
            py::arg("path"),
            "Loads and validates a scenario file; raises ScenarioError listing every "
            "problem (the CLI's message).")
        .def_static(
            "parse",
            [](const std::string& text, const std::string& file) {
                return parse_scenario(text, file);
            },
            py::arg("text"), py::arg("file") = "<text>",
            "Parses scenario text; `file` names it in messages.")
        .def_static(
            "validate",
            [](const std::filesystem::path& path) {
                try {
                    load_scenario(path.string());
                    return py::list();
                } catch (const ScenarioError& e) {
                    py::list out;
                    for (const auto& i : e.issues()) out.append(i.to_string());
                    return out;
                }
            },
            py::arg("path"),
            "Every problem in a scenario file, one message each; an empty list when it is valid.")
        .def_property_readonly("name", [](const Scenario& s) { return s.name; })
        .def_property_readonly("description", [](const Scenario& s) { return s.description; })
        .def_property_readonly("file", [](const Scenario& s) { return s.file; })
        .def_property_readonly("seed", [](const Scenario& s) { return s.seed; })
        .def_property_readonly("horizon_days", [](const Scenario& s) { return s.horizon_days; })
        .def_property_readonly("households",
                               [](const Scenario& s) { return s.params.buurt.households; })
        .def_property_readonly(
            "text", [](const Scenario& s) { return s.verbatim; },
            "The scenario's text as read (or as changed).")
        .def("resolved", &resolved_yaml,
             "The scenario with every default filled in, as YAML (what `buurtbereik show "
             "--resolved` prints).")
        .def(
            "with_changes",
            [](const Scenario& s, const py::dict& changes, const std::optional<std::string>& name) {
                std::vector<std::pair<std::string, std::string>> c;
                for (const auto& [k, v] : changes)
                    c.emplace_back(py::str(k).cast<std::string>(), yaml_text(v));
                if (name) c.emplace_back("name", *name);
                return scenario_with_changes(s, c, "changed from Python");
            },
            py::arg("changes"), py::arg("name") = py::none(),
            "A copy with keys changed, e.g. {'workers.outreachwerker.count': 4, "
            "'buurt.households': 3000}: dotted keys as in a study sweep (docs/studies.md). The "
            "result is validated; raises ScenarioError. `name` renames it (variant names in "
            "compare come from scenario names).")
        .def("__repr__", [](const Scenario& s) {
            return "<Scenario '" + s.name + "' from " + s.file + ": " +
                   std::to_string(s.params.buurt.households) + " households, " +
                   std::to_string(s.horizon_days) + " days, seed " + std::to_string(s.seed) + ">";
        });
}

}  // namespace bb::python
