// The study loop. Replications run in rounds (all of them at once without a precision target);
// within a round, tasks are interleaved replication by replication over the variants, so a
// partial study covers every variant. The stopping rule looks only at the completed rounds, in
// replication order, so the result never depends on timing, threads or ranks.
#include "sim/study/runner.hpp"

#include <algorithm>
#include <chrono>
#include <limits>

#include "sim/core/errors.hpp"
#include "sim/study/statistics.hpp"
#include "sim/study/study_file.hpp"

namespace bb {

std::string_view id_of(StopReason r) {
    switch (r) {
        case StopReason::cap:
            return "cap";
        case StopReason::precision:
            return "precision";
        case StopReason::interrupted:
            return "interrupted";
    }
    return "?";
}

std::vector<double> StudyResults::outcome(int v, int k, std::uint32_t n) const {
    const std::size_t n_out = outcome_specs().size();
    std::vector<double> x(n);
    const auto& o = outcomes.at(static_cast<std::size_t>(v));
    for (std::uint32_t i = 0; i < n; ++i) x[i] = o[i * n_out + static_cast<std::size_t>(k)];
    return x;
}

void StudyResults::ensure_rows(std::uint32_t n) {
    if (n <= rows) return;
    const std::size_t n_out = outcome_specs().size();
    const std::size_t block = static_cast<std::size_t>(days) * series_specs().size();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t v = 0; v < done.size(); ++v) {
        done[v].resize(n, 0);
        outcomes[v].resize(n * n_out, nan);
        series[v].resize(n * block, nan);
    }
    rows = n;
}

std::uint64_t StudyResults::tasks_done() const {
    std::uint64_t n = 0;
    for (const auto& d : done) n += static_cast<std::uint64_t>(std::count(d.begin(), d.end(), 1));
    return n;
}

namespace {

void check_output(const StudyFileInfo& info, const std::string& path, const RunOptions& opt) {
    if (!info.exists || opt.force) return;
    if (opt.resume) {
        if (!info.is_study) {
            throw OverwriteError("cannot resume: " + path +
                                 " is not a Buurtbereik study file; choose another output");
        }
        if (info.complete) {
            throw OverwriteError("nothing to resume: " + path +
                                 " holds a finished study; use --force to run it again");
        }
        return;
    }
    if (info.is_study && !info.complete) {
        throw OverwriteError(path + " holds an unfinished study (" + info.status +
                             "); continue it with --resume, or start over with --force");
    }
    throw OverwriteError(
        path + (info.is_study && info.complete ? " holds a finished study" : " already exists") +
        "; use --force to overwrite it, or choose another output");
}

// The number of leading replications finished for every variant.
std::uint32_t completed_prefix(const StudyResults& r) {
    std::uint32_t n = r.rows;
    for (const auto& d : r.done) {
        const auto it = std::find(d.begin(), d.end(), 0);
        n = std::min<std::uint32_t>(n, static_cast<std::uint32_t>(it - d.begin()));
    }
    return n;
}

bool precision_met(const StudySpec& spec, const StudyResults& r, std::uint32_t n) {
    for (const auto& t : spec.until) {
        const int k = outcome_index(t.outcome);
        for (std::size_t v = 0; v < spec.variants.size(); ++v) {
            const Estimate e = estimate_mean(r.outcome(static_cast<int>(v), k, n));
            // An undefined interval (too few defined values) does not meet the target.
            if (!(e.half_width <= t.half_width)) return false;
        }
    }
    return true;
}

}  // namespace

StudyResults run_study(const StudySpec& spec, Executor& executor, const RunOptions& opt) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const auto elapsed = [&] {
        return std::chrono::duration<double>(Clock::now() - start).count();
    };
    const StudyFileInfo info = inspect_study_file(opt.output);
    check_output(info, opt.output, opt);

    const std::size_t variants = spec.variants.size();
    StudyResults r;
    r.rows = 0;  // replication slots grow round by round (see StudyResults::ensure_rows)
    r.days = spec.days();
    r.executor = executor.describe();
    r.command_line = opt.command_line;
    const std::size_t n_out = outcome_specs().size();
    const std::size_t block = static_cast<std::size_t>(r.days) * series_specs().size();
    r.done.assign(variants, {});
    r.outcomes.assign(variants, {});
    r.series.assign(variants, {});
    if (opt.resume && !opt.force && info.exists) read_checkpoint(opt.output, spec, r);

    Progress progress;
    progress.total = static_cast<std::uint64_t>(spec.max_replications) * variants;
    progress.resumed = r.tasks_done();
    progress.done = progress.resumed;
    auto report = [&] {
        if (!opt.progress) return;
        progress.elapsed_seconds = elapsed();
        opt.progress(progress);
    };
    report();

    const PreparedStudy prepared(spec);
    double last_checkpoint = elapsed();
    auto checkpoint = [&](StopReason status) {
        r.replications = completed_prefix(r);
        r.reason = status;
        r.wall_seconds = elapsed();
        write_study(opt.output, spec, r, /*complete=*/false);
        last_checkpoint = elapsed();
    };
    auto cancelled = [&] { return opt.cancel != nullptr && opt.cancel->load(); };

    const std::uint32_t round = std::max<std::uint32_t>(spec.round_size(), 1);
    bool precise = false;
    std::uint32_t end = 0;
    const std::uint32_t cap = spec.max_replications;
    for (std::uint32_t begin = 0; begin < cap && !precise; begin = end) {
        end = std::min(begin + round, cap);
        r.ensure_rows(end);
        std::vector<Task> tasks;
        for (std::uint32_t rep = begin; rep < end; ++rep) {
            for (std::size_t v = 0; v < variants; ++v) {
                if (r.done[v][rep] == 0) tasks.push_back({static_cast<int>(v), rep});
            }
        }
        if (!tasks.empty()) {
            executor.execute(
                prepared, tasks,
                [&](ReplicationResult&& res) {
                    const auto v = static_cast<std::size_t>(res.variant);
                    const std::size_t rep = res.replication;
                    std::copy(res.outcomes.begin(), res.outcomes.end(),
                              r.outcomes[v].begin() + static_cast<std::ptrdiff_t>(rep * n_out));
                    std::copy(res.series.begin(), res.series.end(),
                              r.series[v].begin() + static_cast<std::ptrdiff_t>(rep * block));
                    r.done[v][rep] = 1;
                    ++progress.done;
                    report();
                    if (elapsed() - last_checkpoint >= opt.checkpoint_seconds)
                        checkpoint(StopReason::cap);
                },
                cancelled);
        }
        if (cancelled()) {
            checkpoint(StopReason::interrupted);
            return r;
        }
        precise =
            !spec.until.empty() && end >= spec.min_replications && precision_met(spec, r, end);
    }
    r.replications = precise ? end : cap;
    r.reason = precise ? StopReason::precision : StopReason::cap;
    r.wall_seconds = elapsed();
    write_study(opt.output, spec, r, /*complete=*/true);
    return r;
}

}  // namespace bb
