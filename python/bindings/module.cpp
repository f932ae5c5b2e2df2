#include "python/bindings/bindings.hpp"

#include "sim/core/build_info.hpp"

PYBIND11_MODULE(_buurtbereik, m) {
    m.doc() =
        "Buurtbereik's engine for Python: load scenarios, step simulations with numpy views of "
        "the households, and run studies and comparisons (the GIL is released while they run). "
        "Use it through the `buurtbereik` package.";
    m.attr("engine_version") = bb::build_info().engine_version;
    m.attr("git_revision") = bb::build_info().git_revision;
    bb::python::bind_errors(m);
    bb::python::bind_scenario(m);
    bb::python::bind_simulation(m);
    bb::python::bind_study(m);
}
