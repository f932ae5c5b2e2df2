// Helpers of the generated Markdown references (docs/scenario-reference.md, docs/models.md,
// docs/quick-scan.md): one place for how a value becomes a table cell.
#pragma once

#include <sstream>
#include <string>

namespace bb {

// Text for a table cell: a '|' would end the cell, so it becomes '/'.
inline std::string markdown_cell(std::string s) {
    for (auto& c : s) {
        if (c == '|') c = '/';
    }
    return s;
}

// A number as the reference shows it (shortest default stream form: 0.15, 1e+06).
inline std::string markdown_number(double v) {
    std::ostringstream o;
    o << v;
    return o.str();
}

}  // namespace bb
