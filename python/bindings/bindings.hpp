// The pybind11 module `_buurtbereik`: the engine for Python, bound area by area (errors,
// scenarios, simulations, studies). Every binding is a thin translation; no logic lives here that
// the CLI would also need.
#pragma once

#include <pybind11/pybind11.h>

namespace bb::python {

void bind_errors(pybind11::module_& m);
void bind_scenario(pybind11::module_& m);
void bind_simulation(pybind11::module_& m);
void bind_study(pybind11::module_& m);

}  // namespace bb::python
