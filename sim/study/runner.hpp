// Running a study: replications in rounds on an executor, the precision stopping rule,
// checkpoints into the study file, and resuming an interrupted study.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/core/errors.hpp"
#include "sim/study/executor.hpp"
#include "sim/study/study.hpp"

namespace bb {

enum class StopReason : std::uint8_t {
    cap,          // max_replications reached
    precision,    // every precision target met
    interrupted,  // cancelled (Ctrl-C); the study file is a checkpoint to resume from
};
std::string_view id_of(StopReason r);

// Everything a study produced; results are stored by (variant, replication), never by arrival.
struct StudyResults {
    std::uint32_t rows = 0;  // replication slots per variant so far (grown a round at a time)
    int days = 0;
    std::vector<std::vector<std::uint8_t>> done;  // [variant][replication]
    std::vector<std::vector<double>> outcomes;    // [variant][replication * outcomes + k]
    std::vector<std::vector<double>> series;      // [variant][(replication * days + d) * cols + c]
    StopReason reason = StopReason::cap;
    std::uint32_t replications = 0;  // completed prefix common to every variant
    double wall_seconds = 0;         // this invocation only (not part of the results)
    std::string executor;            // e.g. "2 threads" (not part of the results)
    std::string command_line;        // this invocation's (not part of the results)

    // The values of outcome k of variant v over replications [0, n).
    std::vector<double> outcome(int v, int k, std::uint32_t n) const;
    std::uint64_t tasks_done() const;
    // Grows every variant's slots to `n` replications (new ones not done, NaN).
    void ensure_rows(std::uint32_t n);
};

struct Progress {
    std::uint64_t done = 0;   // tasks finished (this invocation and earlier ones)
    std::uint64_t total = 0;  // tasks planned (the cap; a precision stop may end earlier)
    std::uint64_t resumed = 0;
    double elapsed_seconds = 0;  // this invocation
};

struct RunOptions {
    std::string output;        // study file (HDF5)
    std::string command_line;  // recorded in run_info (not part of the results)
    bool resume = false;
    bool force = false;
    double checkpoint_seconds = 30;  // write a checkpoint at most this often
    std::function<void(const Progress&)> progress;
    const std::atomic<bool>* cancel = nullptr;  // set to true to stop (e.g. from SIGINT)
};

// Thrown when the output exists and may not be overwritten (without --force / --resume).
class OverwriteError : public Error {
  public:
    using Error::Error;
};

// Runs the study on `executor` and writes the study file (checkpoints while running, the final
// file at the end; see results/README-study-files.md). On interruption returns with reason
// `interrupted` after writing a checkpoint. Throws OverwriteError, IoError, or ScenarioError.
StudyResults run_study(const StudySpec& spec, Executor& executor, const RunOptions& options);

}  // namespace bb
