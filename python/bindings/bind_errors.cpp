// Engine errors as Python exceptions, with the CLI's messages: ScenarioError (a ValueError) carries
// every issue; ResultFileError (an OSError) and OutputExistsError (a FileExistsError) for files.
#include <pybind11/stl.h>

#include "python/bindings/bindings.hpp"
#include "sim/core/errors.hpp"
#include "sim/study/runner.hpp"

namespace py = pybind11;

namespace bb::python {

void bind_errors(py::module_& m) {
    static py::exception<ScenarioError> scenario_error(m, "ScenarioError", PyExc_ValueError);
    static py::exception<OverwriteError> overwrite_error(m, "OutputExistsError",
                                                         PyExc_FileExistsError);
    static py::exception<IoError> io_error(m, "ResultFileError", PyExc_OSError);
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const ScenarioError& e) {
            // The message is the CLI's; `issues` lists them as dicts for programs.
            py::list issues;
            for (const auto& i : e.issues()) {
                py::dict d;
                d["file"] = i.file;
                d["line"] = i.line;
                d["column"] = i.column;
                d["key_path"] = i.key_path;
                d["found"] = i.found;
                d["expected"] = i.expected;
                d["hint"] = i.hint;
                issues.append(d);
            }
            const py::object cls = py::reinterpret_borrow<py::object>(scenario_error);
            py::object exc = cls(e.what());
            exc.attr("issues") = issues;
            PyErr_SetObject(cls.ptr(), exc.ptr());
        } catch (const OverwriteError& e) {
            overwrite_error(e.what());
        } catch (const IoError& e) {
            io_error(e.what());
        }
    });
}

}  // namespace bb::python
