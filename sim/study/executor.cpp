#include "sim/study/executor.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include "sim/engine/simulation.hpp"
#include "sim/scenario/buurten.hpp"

namespace bb {

PreparedStudy::PreparedStudy(const StudySpec& spec) : spec_(spec) {
    // Parts that differ in nothing but their seed share one calibration (it never depends on the
    // seed); the others calibrate once each.
    std::vector<std::pair<std::string, std::shared_ptr<const Intercepts>>> done;
    for (const auto& variant : spec.variants) {
        std::vector<Part> parts;
        for (Scenario& part : runnable_parts(variant.scenario)) {
            Scenario unseeded = part;
            unseeded.seed = 0;
            unseeded.name.clear();
            const std::string key = resolved_yaml(unseeded);
            std::shared_ptr<const Intercepts> found;
            for (const auto& [k, intercepts] : done) {
                if (k == key) found = intercepts;
            }
            if (!found) {
                found = std::make_shared<const Intercepts>(calibrate(part));
                done.emplace_back(key, found);
            }
            parts.push_back({std::move(part), found});
        }
        parts_.push_back(std::move(parts));
    }
}

ReplicationResult PreparedStudy::run(const Task& task) const {
    std::vector<ReplicationResult> results;
    for (const Part& part : parts_.at(static_cast<std::size_t>(task.variant))) {
        SimulationOptions options;
        options.replication = task.replication;
        options.record_events = false;
        options.intercepts = part.intercepts;
        Simulation sim(part.scenario, options);
        sim.run();
        results.push_back(collect_result(sim, task.variant));
    }
    return results.size() == 1 ? std::move(results.front()) : combine_results(results);
}

namespace {

class ThreadExecutor final : public Executor {
  public:
    explicit ThreadExecutor(int threads)
        : threads_(threads > 0
                       ? threads
                       : std::max(1, static_cast<int>(std::thread::hardware_concurrency()))) {}

    void execute(const PreparedStudy& study, const std::vector<Task>& tasks,
                 const std::function<void(ReplicationResult&&)>& on_result,
                 const std::function<bool()>& stop) override {
        std::mutex mu;
        std::condition_variable cv;
        std::deque<ReplicationResult> ready;
        std::exception_ptr error;
        std::atomic<std::size_t> next{0};
        std::atomic<bool> halt{stop()};
        int running = 0;
        auto worker = [&] {
            for (;;) {
                if (halt.load()) break;
                const std::size_t i = next.fetch_add(1);
                if (i >= tasks.size()) break;
                try {
                    ReplicationResult r = study.run(tasks[i]);
                    std::lock_guard<std::mutex> lock(mu);
                    ready.push_back(std::move(r));
                } catch (...) {
                    std::lock_guard<std::mutex> lock(mu);
                    if (!error) error = std::current_exception();
                    halt = true;
                }
                cv.notify_one();
            }
            std::lock_guard<std::mutex> lock(mu);
            --running;
            cv.notify_one();
        };
        const int n = static_cast<int>(std::min<std::size_t>(
            static_cast<std::size_t>(threads_), std::max<std::size_t>(tasks.size(), 1)));
        std::vector<std::thread> pool;
        // Every started thread is joined on every path, also when starting one more thread,
        // on_result (e.g. a checkpoint that cannot be written) or stop() throws.
        auto join_all = [&] {
            halt = true;
            for (auto& t : pool) {
                if (t.joinable()) t.join();
            }
        };
        try {
            for (int t = 0; t < n; ++t) {
                {
                    std::lock_guard<std::mutex> lock(mu);
                    ++running;
                }
                try {
                    pool.emplace_back(worker);
                } catch (...) {
                    std::lock_guard<std::mutex> lock(mu);
                    --running;
                    throw;
                }
            }
            std::unique_lock<std::mutex> lock(mu);
            for (;;) {
                cv.wait(lock, [&] { return !ready.empty() || running == 0; });
                while (!ready.empty()) {
                    ReplicationResult r = std::move(ready.front());
                    ready.pop_front();
                    lock.unlock();
                    on_result(std::move(r));
                    if (stop()) halt = true;
                    lock.lock();
                }
                if (running == 0) break;
            }
        } catch (...) {
            join_all();
            throw;
        }
        join_all();
        if (error) std::rethrow_exception(error);
    }

    std::string describe() const override {
        return std::to_string(threads_) + (threads_ == 1 ? " thread" : " threads");
    }
    int workers() const override { return threads_; }

  private:
    int threads_;
};

}  // namespace

std::unique_ptr<Executor> make_thread_executor(int threads) {
    return std::make_unique<ThreadExecutor>(threads);
}

}  // namespace bb
