// Running a study over MPI ranks (mpirun, srun): rank 0 runs the study as usual on an MPI
// executor, which hands (variant, replication) tasks one at a time to whichever rank asks next
// and computes tasks itself on one local thread; ranks > 0 only serve tasks. A task's result
// does not depend on where it ran, so the study file equals a single-process one (except
// run_info). A plain `buurtbereik` never initialises MPI: only launched_by_mpi() processes do.
//
// Protocol (tags in mpi.cpp): a worker sends REQUEST once, then loops: TASK {variant,
// replication} -> RESULT (doubles: variant, replication, outcomes, series; a result is also the
// next request), or ERROR (text) when the task threw. Rank 0 keeps workers that asked while no
// task was available and serves them at the next execute(). At the end rank 0 sends STOP {exit
// code} to every worker and drains their messages until each answered STOPPED (or FAILED: a
// worker that could not start, e.g. could not read the study file).
#pragma once

#include <memory>
#include <string>

#include "sim/core/errors.hpp"
#include "sim/study/executor.hpp"

namespace bb {

// Whether this binary was built with MPI support (BUURTBEREIK_MPI and an MPI library found).
bool mpi_available();

// Whether the process was started by an MPI launcher (mpirun, mpiexec, srun) with more than one
// process, judged from the environment only (no MPI call): OMPI_COMM_WORLD_SIZE or PMI_SIZE
// above 1, or PMIX_RANK / PMI_RANK set where no size is known.
bool launched_by_mpi();

// MPI_Init_thread (MPI_THREAD_FUNNELED: only the main thread calls MPI) for the lifetime of the
// object, MPI_Finalize at its end. One per process; create it on the main thread. Throws Error
// in a build without MPI, or when the library cannot provide the thread level.
class MpiSession {
  public:
    MpiSession();
    ~MpiSession();
    MpiSession(const MpiSession&) = delete;
    MpiSession& operator=(const MpiSession&) = delete;
    int rank() const { return rank_; }
    int size() const { return size_; }

  private:
    int rank_ = 0;
    int size_ = 1;
};

// Rank 0's executor: tasks go to the other ranks (dynamic load balancing: one task at a time to
// whichever rank asks) and to one local thread. execute() may be called many times (once per
// round); the workers wait in between. Only the calling (main) thread calls MPI.
class MpiExecutor : public Executor {
  public:
    // Ends the study on every worker: they return `exit_code` from serve_mpi_tasks. Waits until
    // each worker has acknowledged (or reported that it failed). Idempotent; the destructor calls
    // it (with 0, or 1 while an exception unwinds) when it was not called.
    virtual void shutdown(int exit_code) = 0;
};

// On rank 0. Throws Error in a build without MPI.
std::unique_ptr<MpiExecutor> make_mpi_executor(MpiSession& session);

// On ranks > 0: serves tasks of `study` (the same study as rank 0's) until rank 0 sends STOP and
// returns the exit code rank 0 sent. A task that throws is reported to rank 0 (which rethrows it
// as std::runtime_error) and the worker keeps waiting for STOP.
int serve_mpi_tasks(MpiSession& session, const PreparedStudy& study);

// On ranks > 0 that fail before or while serving (e.g. the study file cannot be read): tells rank
// 0, which then fails with `what` instead of waiting for this rank. Never throws.
void report_mpi_failure(MpiSession& session, const std::string& what) noexcept;

}  // namespace bb
