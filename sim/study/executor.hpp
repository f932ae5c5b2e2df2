// Executors run a list of (variant, replication) tasks and hand back their results. A task's
// result depends on the task alone (every random stream is keyed by seed and replication), so
// any executor, thread count or rank count gives the same results; only their arrival order
// differs, and the study stores results by index, never by arrival.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/population/calibration.hpp"
#include "sim/study/outcomes.hpp"
#include "sim/study/study.hpp"

namespace bb {

struct Task {
    int variant = 0;
    std::uint32_t replication = 0;
};

// The study's variants ready to simulate: each variant's parts (its buurten, or itself), with
// one calibration per part shared by its replications. A task simulates every part and adds
// their results up (combine_results).
class PreparedStudy {
  public:
    explicit PreparedStudy(const StudySpec& spec);
    const StudySpec& spec() const { return spec_; }
    // Simulates one task (no event log) and collects its result. Thread-safe.
    ReplicationResult run(const Task& task) const;

  private:
    struct Part {
        Scenario scenario;
        std::shared_ptr<const Intercepts> intercepts;
    };
    const StudySpec& spec_;
    std::vector<std::vector<Part>> parts_;  // [variant][part]
};

class Executor {
  public:
    virtual ~Executor() = default;
    // Runs `tasks`, calling `on_result` for each finished one, always from the calling thread.
    // Before starting each task it asks `stop()` (on the calling thread between results); once
    // that returns true no new task starts, running ones finish and are reported, and execute()
    // returns.
    virtual void execute(const PreparedStudy& study, const std::vector<Task>& tasks,
                         const std::function<void(ReplicationResult&&)>& on_result,
                         const std::function<bool()>& stop) = 0;
    // E.g. "2 threads" or "3 MPI ranks".
    virtual std::string describe() const = 0;
    virtual int workers() const = 0;
};

// Runs tasks on `threads` threads of this process (0: one per hardware thread).
std::unique_ptr<Executor> make_thread_executor(int threads);

}  // namespace bb
