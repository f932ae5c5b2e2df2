// The study file: every replication of every variant of a study in one HDF5 file, with the
// study's provenance, estimates and comparisons (layout in results/README-study-files.md). It is
// written atomically at each checkpoint (`complete` = 0, `status` = running or interrupted) and at
// the end
// (`complete` = 1); resuming reads a checkpoint back.
#pragma once

#include <functional>
#include <string>

#include "sim/study/runner.hpp"
#include "sim/study/study.hpp"

namespace bb {

inline constexpr const char* kStudyFileType = "buurtbereik-study";
inline constexpr int kStudyFormatVersion = 1;

namespace h5 {
class Writer;
}

// `extra`, when given, adds groups of its own (a plan's /plan) before the file is written.
void write_study(const std::string& path, const StudySpec& spec, const StudyResults& results,
                 bool complete, const std::function<void(h5::Writer&)>& extra = {});

struct StudyFileInfo {
    bool exists = false;
    bool is_study = false;  // an HDF5 file with filetype buurtbereik-study
    bool complete = false;
    std::string fingerprint;
    std::string status;
};

// What is at `path`, without throwing for a missing or foreign file.
StudyFileInfo inspect_study_file(const std::string& path);

// Loads the finished replications of a checkpoint into `results` (growing its slots as needed).
// Throws IoError when the file cannot be read or does not belong to this study.
void read_checkpoint(const std::string& path, const StudySpec& spec, StudyResults& results);

}  // namespace bb
