// Writes one run to a self-describing HDF5 file (layout documented in results/README.md).
// The file is written under a temporary name in the same folder and renamed into place only when
// complete, so an interrupted run never leaves a file that looks finished; the root attribute
// `complete` = 1 is written last as a second guard.
#pragma once

#include <string>

#include "sim/engine/simulation.hpp"

namespace bb {

inline constexpr const char* kRunFileType = "buurtbereik-run";
inline constexpr int kRunFormatVersion = 1;

// Throws IoError when the file cannot be written; no file is left at `path` then.
void write_run(const std::string& path, const Simulation& simulation);

}  // namespace bb
