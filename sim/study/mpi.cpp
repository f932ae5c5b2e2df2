// MPI executor and worker loop (see mpi.hpp for the protocol). Built with BUURTBEREIK_HAVE_MPI=1
// when CMake found MPI; otherwise a stub whose launched_by_mpi() still works and whose other
// functions throw Error. Only the main thread of a process calls MPI (MPI_THREAD_FUNNELED);
// waiting is done by probing and testing with short sleeps, never by blocking calls that MPI
// libraries implement as busy polling, so a waiting rank leaves its core to the computing ones.
#include "sim/study/mpi.hpp"

#include <cerrno>
#include <cstdlib>
#include <string>

#if BUURTBEREIK_HAVE_MPI
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "sim/study/outcomes.hpp"
#endif

namespace bb {

namespace {

// An environment variable as a non-negative number; -1 when unset or not a number.
long env_number(const char* name) {
    const char* s = std::getenv(name);
    if (s == nullptr || *s == '\0') return -1;
    char* end = nullptr;
    errno = 0;
    const long n = std::strtol(s, &end, 10);
    return (errno != 0 || *end != '\0' || n < 0) ? -1 : n;
}

}  // namespace

bool launched_by_mpi() {
    // Launchers that say how many processes they started: Open MPI's mpirun, and PMI-1/PMI-2
    // (MPICH's mpiexec, srun --mpi=pmi2).
    for (const char* size : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
        const long n = env_number(size);
        if (n >= 0) return n > 1;
    }
    // PMIx (srun --mpi=pmix) gives a rank only; Slurm says how many tasks the step has.
    if (env_number("PMIX_RANK") >= 0 || env_number("PMI_RANK") >= 0) {
        const long n = env_number("SLURM_STEP_NUM_TASKS");
        return n < 0 || n > 1;
    }
    return false;
}

#if !BUURTBEREIK_HAVE_MPI

namespace {
constexpr const char* kNoMpi =
    "this build has no MPI support; rebuild with libopenmpi-dev installed";
}

bool mpi_available() { return false; }
MpiSession::MpiSession() { throw Error(kNoMpi); }
MpiSession::~MpiSession() = default;
std::unique_ptr<MpiExecutor> make_mpi_executor(MpiSession& /*session*/) { throw Error(kNoMpi); }
int serve_mpi_tasks(MpiSession& /*session*/, const PreparedStudy& /*study*/) {
    throw Error(kNoMpi);
}
void report_mpi_failure(MpiSession& /*session*/, const std::string& /*what*/) noexcept {}

#else

bool mpi_available() { return true; }

namespace {

// Message tags. Worker -> rank 0: kRequest (no data), kResult (doubles), kError and kFailed
// (text), kStopped (no data). Rank 0 -> worker: kTask (two ints), kStop (one int).
enum Tag : int {
    kRequest = 1,
    kTask = 2,
    kResult = 3,
    kError = 4,
    kStop = 5,
    kStopped = 6,
    kFailed = 7,
};

using Micros = std::chrono::microseconds;

// Sleeps between polls: from `shortest`, doubling up to `longest`; reset() after activity.
class Backoff {
  public:
    Backoff(Micros shortest, Micros longest)
        : shortest_(shortest), longest_(longest), pause_(shortest) {}
    void wait() {
        std::this_thread::sleep_for(pause_);
        pause_ = std::min(pause_ * 2, longest_);
    }
    void reset() { pause_ = shortest_; }

  private:
    Micros shortest_, longest_, pause_;
};

// Polling intervals. Rank 0 backs off from 100 us to 1 ms after each message (a result arrives
// about once per task duration over the workers, typically tens of ms; at 1 ms the polling main
// thread costs about 4% of a core, at a fixed 200 us about 10%). Workers back off from 50 us to
// 1 ms while they wait for a task, so rank 0's answer to a result is seen at once.
constexpr Micros kRootShortest{100};
constexpr Micros kLongest{1000};
constexpr Micros kWorkerShortest{50};

// Completes a request without busy-waiting. A send completes within about a millisecond
// (rank 0's polling interval), so this polls more often than the waits for a message.
void wait_for(MPI_Request& request) {
    Backoff pause(Micros{20}, Micros{200});
    for (;;) {
        int done = 0;
        MPI_Test(&request, &done, MPI_STATUS_IGNORE);
        if (done != 0) return;
        pause.wait();
    }
}

// Sends and waits for completion by testing (a large message waits for its receiver).
void send(const void* data, int count, MPI_Datatype type, int dest, int tag) {
    MPI_Request request = MPI_REQUEST_NULL;
    MPI_Isend(data, count, type, dest, tag, MPI_COMM_WORLD, &request);
    wait_for(request);
}

void send_text(const std::string& text, int dest, int tag) {
    send(text.data(), static_cast<int>(text.size()), MPI_CHAR, dest, tag);
}

// Whether a message from `source` is waiting; its envelope in `status`.
bool probe(int source, MPI_Status& status) {
    int flag = 0;
    MPI_Iprobe(source, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
    return flag != 0;
}

// One received message, its data typed by its tag.
struct Message {
    int source = 0;
    int tag = 0;
    std::vector<double> values;  // kResult
    std::vector<int> ints;       // kTask, kStop
    std::string text;            // kError, kFailed
};

Message receive(const MPI_Status& status) {
    Message m;
    m.source = status.MPI_SOURCE;
    m.tag = status.MPI_TAG;
    MPI_Status st;
    int count = 0;
    switch (m.tag) {
        case kResult:
            MPI_Get_count(&status, MPI_DOUBLE, &count);
            m.values.resize(static_cast<std::size_t>(std::max(count, 0)));
            MPI_Recv(m.values.data(), count, MPI_DOUBLE, m.source, m.tag, MPI_COMM_WORLD, &st);
            break;
        case kError:
        case kFailed:
            MPI_Get_count(&status, MPI_CHAR, &count);
            m.text.resize(static_cast<std::size_t>(std::max(count, 0)));
            MPI_Recv(m.text.data(), count, MPI_CHAR, m.source, m.tag, MPI_COMM_WORLD, &st);
            break;
        default:  // kRequest, kTask, kStop, kStopped and anything unexpected: ints
            MPI_Get_count(&status, MPI_INT, &count);
            m.ints.resize(static_cast<std::size_t>(std::max(count, 0)));
            MPI_Recv(m.ints.data(), count, MPI_INT, m.source, m.tag, MPI_COMM_WORLD, &st);
            break;
    }
    return m;
}

// A result as one message: variant, replication, outcomes, series.
struct ResultShape {
    std::size_t outcomes = 0;
    std::size_t series = 0;
    std::size_t size() const { return 2 + outcomes + series; }
};

ResultShape shape_of(const PreparedStudy& study) {
    return {outcome_specs().size(),
            static_cast<std::size_t>(study.spec().days()) * series_specs().size()};
}

std::vector<double> pack(const ReplicationResult& r, const ResultShape& shape) {
    if (r.outcomes.size() != shape.outcomes || r.series.size() != shape.series)
        throw std::logic_error("a replication result has an unexpected size");
    std::vector<double> m;
    m.reserve(shape.size());
    m.push_back(r.variant);
    m.push_back(r.replication);
    m.insert(m.end(), r.outcomes.begin(), r.outcomes.end());
    m.insert(m.end(), r.series.begin(), r.series.end());
    return m;
}

ReplicationResult unpack(const std::vector<double>& m, const ResultShape& shape) {
    ReplicationResult r;
    r.variant = static_cast<int>(m.at(0));
    r.replication = static_cast<std::uint32_t>(m.at(1));
    const auto o = m.begin() + 2;
    const auto s = o + static_cast<std::ptrdiff_t>(shape.outcomes);
    r.outcomes.assign(o, s);
    r.series.assign(s, s + static_cast<std::ptrdiff_t>(shape.series));
    return r;
}

std::string task_name(const PreparedStudy& study, const Task& t) {
    const auto& variants = study.spec().variants;
    const auto v = static_cast<std::size_t>(t.variant);
    return "variant " + (v < variants.size() ? "'" + variants[v].name + "'" : std::to_string(v)) +
           ", replication " + std::to_string(t.replication);
}

class MpiExecutorImpl final : public MpiExecutor {
  public:
    explicit MpiExecutorImpl(MpiSession& session)
        : session_(session),
          state_(static_cast<std::size_t>(session.size()), State::starting),
          assigned_(static_cast<std::size_t>(session.size())) {
        if (session.rank() != 0) throw std::logic_error("the MPI executor runs on rank 0 only");
    }

    ~MpiExecutorImpl() override {
        try {
            shutdown(std::uncaught_exceptions() > 0 ? 1 : 0);
        } catch (...) {  // NOLINT(bugprone-empty-catch): nothing sensible to do here
        }
    }

    void execute(const PreparedStudy& study, const std::vector<Task>& tasks,
                 const std::function<void(ReplicationResult&&)>& on_result,
                 const std::function<bool()>& stop) override;

    void shutdown(int exit_code) override;

    std::string describe() const override {
        return std::to_string(session_.size()) +
               (session_.size() == 1 ? " MPI rank" : " MPI ranks");
    }
    int workers() const override { return session_.size(); }

  private:
    enum class State : std::uint8_t {
        starting,  // has not asked yet (still preparing the study)
        idle,      // asked; waits in idle_ for a task
        busy,      // runs assigned_[rank]
        halted,    // reported a task error; gets no more tasks, only STOP
        failed,    // reported that it cannot serve (it is ending); gets nothing more
    };

    State& state(int rank) { return state_[static_cast<std::size_t>(rank)]; }

    MpiSession& session_;
    std::vector<State> state_;    // by rank (rank 0 unused)
    std::vector<Task> assigned_;  // by rank, while busy
    std::deque<int> idle_;        // workers that asked while no task was available
    int busy_ = 0;
    bool stopped_ = false;
};

void MpiExecutorImpl::execute(const PreparedStudy& study, const std::vector<Task>& tasks,
                              const std::function<void(ReplicationResult&&)>& on_result,
                              const std::function<bool()>& stop) {
    if (stopped_) throw std::logic_error("the MPI executor was used after shutdown");
    const ResultShape shape = shape_of(study);

    // Shared with the local thread (under mu): the next task, local results, its error.
    std::mutex mu;
    std::size_t next = 0;
    std::deque<ReplicationResult> ready;
    std::exception_ptr local_error;
    bool local_done = false;
    std::atomic<bool> halt{stop()};
    std::string remote_error;

    auto take = [&]() -> std::optional<std::size_t> {
        std::lock_guard<std::mutex> lock(mu);
        if (halt.load() || next >= tasks.size()) return std::nullopt;
        return next++;
    };
    auto give = [&](int rank, const Task& t) {
        const int data[2] = {t.variant, static_cast<int>(t.replication)};
        send(data, 2, MPI_INT, rank, kTask);
        state(rank) = State::busy;
        assigned_[static_cast<std::size_t>(rank)] = t;
        ++busy_;
    };
    auto serve = [&](int rank) {
        if (const auto i = take()) {
            give(rank, tasks[*i]);
        } else {
            state(rank) = State::idle;
            idle_.push_back(rank);
        }
    };
    auto deliver = [&](ReplicationResult&& r) {
        on_result(std::move(r));
        if (stop()) halt = true;
    };
    auto fail = [&](const std::string& what) {
        if (remote_error.empty()) remote_error = what;
        halt = true;
    };

    // Rank 0 computes too, on one thread that never calls MPI.
    std::thread local([&] {
        for (;;) {
            const auto i = take();
            if (!i) break;
            try {
                ReplicationResult r = study.run(tasks[*i]);
                std::lock_guard<std::mutex> lock(mu);
                ready.push_back(std::move(r));
            } catch (...) {
                std::lock_guard<std::mutex> lock(mu);
                if (!local_error) local_error = std::current_exception();
                halt = true;
            }
        }
        std::lock_guard<std::mutex> lock(mu);
        local_done = true;
    });
    // Whatever happens below (on_result may throw), no new task starts and the thread is joined.
    struct Joiner {
        std::thread& thread;
        std::atomic<bool>& halt;
        ~Joiner() {
            halt = true;
            if (thread.joinable()) thread.join();
        }
    } joiner{local, halt};

    Backoff pause(kRootShortest, kLongest);
    for (;;) {
        bool active = false;
        while (!idle_.empty()) {
            const auto i = take();
            if (!i) break;
            const int rank = idle_.front();
            idle_.pop_front();
            give(rank, tasks[*i]);
            active = true;
        }
        for (;;) {
            ReplicationResult r;
            {
                std::lock_guard<std::mutex> lock(mu);
                if (ready.empty()) break;
                r = std::move(ready.front());
                ready.pop_front();
            }
            deliver(std::move(r));
            active = true;
        }
        MPI_Status status;
        if (probe(MPI_ANY_SOURCE, status)) {
            active = true;
            Message m = receive(status);
            const int rank = m.source;
            const State was = state(rank);
            if (was == State::busy) --busy_;
            switch (m.tag) {
                case kRequest:
                    serve(rank);
                    break;
                case kResult: {
                    if (was != State::busy)
                        throw std::runtime_error("MPI rank " + std::to_string(rank) +
                                                 " sent a result that was not asked for");
                    if (m.values.size() != shape.size())
                        throw std::runtime_error(
                            "MPI rank " + std::to_string(rank) +
                            " sent a result of another size than expected; do all ranks run "
                            "the same study with the same build?");
                    ReplicationResult r = unpack(m.values, shape);
                    const Task& t = assigned_[static_cast<std::size_t>(rank)];
                    if (r.variant != t.variant || r.replication != t.replication)
                        throw std::runtime_error("MPI rank " + std::to_string(rank) +
                                                 " returned a result of another task");
                    serve(rank);  // its next task first, so it computes while we store
                    deliver(std::move(r));
                    break;
                }
                case kError:
                    state(rank) = State::halted;
                    fail("MPI rank " + std::to_string(rank) + ": " + m.text);
                    break;
                case kFailed:
                    state(rank) = State::failed;
                    idle_.erase(std::remove(idle_.begin(), idle_.end(), rank), idle_.end());
                    fail("MPI rank " + std::to_string(rank) + " failed: " + m.text);
                    break;
                default:
                    throw std::runtime_error("MPI rank " + std::to_string(rank) +
                                             " sent an unexpected message (tag " +
                                             std::to_string(m.tag) + ")");
            }
        }
        bool local_finished = false;
        {
            std::lock_guard<std::mutex> lock(mu);
            local_finished = local_done && ready.empty();
        }
        if (local_finished && busy_ == 0) break;
        if (active)
            pause.reset();
        else
            pause.wait();
    }
    local.join();
    if (local_error) std::rethrow_exception(local_error);
    if (!remote_error.empty()) throw std::runtime_error(remote_error);
}

void MpiExecutorImpl::shutdown(int exit_code) {
    if (stopped_) return;
    stopped_ = true;
    std::vector<MPI_Request> requests;
    std::vector<std::uint8_t> pending(static_cast<std::size_t>(session_.size()), 0);
    const int code[1] = {exit_code};
    requests.reserve(static_cast<std::size_t>(session_.size()));
    for (int rank = 1; rank < session_.size(); ++rank) {
        if (state(rank) == State::failed) continue;
        requests.emplace_back(MPI_REQUEST_NULL);
        MPI_Isend(code, 1, MPI_INT, rank, kStop, MPI_COMM_WORLD, &requests.back());
        pending[static_cast<std::size_t>(rank)] = 1;
    }
    // Drain every worker: results of tasks still running, requests, until each says STOPPED (or
    // FAILED), so no rank is left waiting on a message nobody receives.
    Backoff pause(Micros{20}, kLongest);
    for (;;) {
        int sent = 0;
        MPI_Testall(static_cast<int>(requests.size()), requests.data(), &sent, MPI_STATUSES_IGNORE);
        const bool waiting = std::find(pending.begin(), pending.end(), 1) != pending.end();
        if (sent != 0 && !waiting) break;
        MPI_Status status;
        if (probe(MPI_ANY_SOURCE, status)) {
            const Message m = receive(status);
            if (m.tag == kStopped || m.tag == kFailed)
                pending[static_cast<std::size_t>(m.source)] = 0;
            pause.reset();
        } else {
            pause.wait();
        }
    }
    idle_.clear();
    busy_ = 0;
}

}  // namespace

MpiSession::MpiSession() {
    int initialized = 0;
    MPI_Initialized(&initialized);
    if (initialized != 0) throw Error("MPI is already initialised in this process");
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
    if (provided < MPI_THREAD_FUNNELED) {
        MPI_Finalize();
        throw Error(
            "the MPI library does not support MPI_THREAD_FUNNELED (threads beside the one "
            "calling MPI), which Buurtbereik needs");
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (finalized == 0) MPI_Finalize();
}

std::unique_ptr<MpiExecutor> make_mpi_executor(MpiSession& session) {
    return std::make_unique<MpiExecutorImpl>(session);
}

int serve_mpi_tasks(MpiSession& session, const PreparedStudy& study) {
    if (session.rank() == 0) throw std::logic_error("rank 0 runs the study; it serves no tasks");
    const ResultShape shape = shape_of(study);
    send(nullptr, 0, MPI_INT, 0, kRequest);
    Backoff pause(kWorkerShortest, kLongest);
    for (;;) {
        MPI_Status status;
        if (!probe(0, status)) {
            pause.wait();
            continue;
        }
        pause.reset();
        const Message m = receive(status);
        if (m.tag == kStop) {
            send(nullptr, 0, MPI_INT, 0, kStopped);
            return m.ints.empty() ? 0 : m.ints.front();
        }
        if (m.tag != kTask || m.ints.size() != 2)
            throw std::runtime_error("rank 0 sent an unexpected message (tag " +
                                     std::to_string(m.tag) + ")");
        const Task task{m.ints[0], static_cast<std::uint32_t>(m.ints[1])};
        std::vector<double> result;
        std::string error;
        try {
            result = pack(study.run(task), shape);
        } catch (const std::exception& e) {
            error = task_name(study, task) + ": " + e.what();
        } catch (...) {
            error = task_name(study, task) + ": unknown error";
        }
        if (error.empty())
            send(result.data(), static_cast<int>(result.size()), MPI_DOUBLE, 0, kResult);
        else
            send_text(error, 0, kError);
    }
}

void report_mpi_failure(MpiSession& session, const std::string& what) noexcept {
    if (session.rank() == 0) return;
    try {
        send_text(what, 0, kFailed);
    } catch (...) {  // NOLINT(bugprone-empty-catch): the process is ending with an error anyway
    }
}

#endif

}  // namespace bb
