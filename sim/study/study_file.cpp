#include "sim/study/study_file.hpp"

#include <cmath>
#include <filesystem>

#include "sim/core/errors.hpp"
#include "sim/io/h5_file.hpp"
#include "sim/study/compare.hpp"
#include "sim/study/outcomes.hpp"

namespace bb {

namespace {

using h5::attr_scalar;
using h5::attr_string;
using h5::attr_strings;
using h5::Writer;

std::vector<std::string> ids_of(const std::vector<OutcomeSpec>& specs) {
    std::vector<std::string> v;
    for (const auto& s : specs) v.push_back(s.id);
    return v;
}

void write_catalogue(Writer& w, H5::Group g, const std::vector<OutcomeSpec>& specs) {
    std::vector<std::string> ids, units, descriptions;
    std::vector<std::int32_t> better;
    for (const auto& s : specs) {
        ids.push_back(s.id);
        units.push_back(s.unit);
        descriptions.push_back(s.description);
        better.push_back(s.better);
    }
    w.strings(g, "id", ids, "Outcome id.");
    w.strings(g, "unit", units, "Unit of the outcome.");
    w.strings(g, "description", descriptions, "Meaning of the outcome.");
    w.column(g, "better", better, "", "+1 higher is better, -1 lower is better, 0 neither.");
}

void write_estimates(Writer& w, H5::Group g, const std::vector<Estimate>& est) {
    auto col = [&](const char* name, double Estimate::*member, const char* desc) {
        std::vector<double> v;
        for (const auto& e : est) v.push_back(e.*member);
        w.column(g, name, v, "outcome unit", desc);
    };
    col("mean", &Estimate::mean, "Mean over replications (NaN values skipped).");
    col("sd", &Estimate::sd, "Sample standard deviation.");
    col("half_width", &Estimate::half_width, "Half-width of the 95% t-interval of the mean.");
    col("lo", &Estimate::lo, "Lower end of the 95% interval.");
    col("hi", &Estimate::hi, "Upper end of the 95% interval.");
    std::vector<std::int64_t> n;
    for (const auto& e : est) n.push_back(e.n);
    w.column(g, "n", n, "replications", "Replications with a defined (finite) value.");
}

// One row per measure: estimate with its 95% interval.
class EconomicsTable {
  public:
    void add(const std::string& measure, const std::string& unit, const Estimate& e) {
        row(measure, unit, e.mean, e.lo, e.hi, std::isfinite(e.lo) && std::isfinite(e.hi));
    }
    void add(const std::string& measure, const std::string& unit, const RatioInterval& r) {
        row(measure, unit, r.estimate, r.lo, r.hi, r.bounded);
    }
    void write(Writer& w, H5::Group g) const {
        w.strings(g, "measure", measure_, "What is estimated (see results/README-study-files.md).");
        w.strings(g, "unit", unit_, "Unit of the estimate.");
        w.column(g, "estimate", estimate_, "see unit", "Point estimate.");
        w.column(g, "lo", lo_, "see unit", "Lower end of the 95% interval; -inf if unbounded.");
        w.column(g, "hi", hi_, "see unit", "Upper end of the 95% interval; +inf if unbounded.");
        w.column(g, "bounded", bounded_, "bool",
                 "1 when the interval is finite; a ratio's interval is unbounded when its "
                 "denominator does not differ significantly from zero (Fieller).");
    }

  private:
    void row(const std::string& m, const std::string& u, double est, double lo, double hi,
             bool bounded) {
        measure_.push_back(m);
        unit_.push_back(u);
        estimate_.push_back(est);
        lo_.push_back(lo);
        hi_.push_back(hi);
        bounded_.push_back(bounded ? 1 : 0);
    }
    std::vector<std::string> measure_, unit_;
    std::vector<double> estimate_, lo_, hi_;
    std::vector<std::uint8_t> bounded_;
};

void write_comparison(Writer& w, H5::Group g, const Comparison& c) {
    attr_scalar<std::int64_t>(g, "pairs", c.pairs);
    std::vector<Estimate> diffs;
    std::vector<double> p_better;
    for (const auto& d : c.outcomes) {
        diffs.push_back(d.difference);
        p_better.push_back(d.p_better);
    }
    write_estimates(w, g, diffs);
    w.column(g, "p_better", p_better, "probability",
             "Share of replication pairs in which the alternative is better (ties count half); "
             "NaN for outcomes without a direction.");
    const Economics& x = c.economics;
    EconomicsTable t;
    t.add("extra_helped", "households", x.extra_helped);
    t.add("extra_worker_cost", "euro", x.extra_worker_cost);
    t.add("extra_outreach_cost", "euro", x.extra_outreach_cost);
    t.add("cost_per_extra_helped", "euro/household", x.cost_per_extra_helped);
    for (int p = 0; p < kPerspectives; ++p) {
        const std::string id{id_of(static_cast<Perspective>(p))};
        t.add("avoided_cost." + id, "euro", x.avoided_cost[p]);
        t.add("net_benefit." + id, "euro", x.net_benefit[p]);
        t.add("benefit_cost_ratio." + id, "euro/euro", x.benefit_cost_ratio[p]);
    }
    t.write(w, g.createGroup("economics"));
}

}  // namespace

void write_study(const std::string& path, const StudySpec& spec, const StudyResults& r,
                 bool complete, const std::function<void(h5::Writer&)>& extra) {
    const std::size_t n_out = outcome_specs().size();
    const std::size_t n_cols = series_specs().size();
    // Rows written: the completed prefix when finished, every slot while running.
    const std::uint32_t rows = complete ? r.replications : r.rows;
    h5::write_atomically(path, [&](Writer& w) {
        H5::Group root = w.root();
        attr_string(root, "filetype", kStudyFileType);
        attr_scalar<std::int32_t>(root, "format_version", kStudyFormatVersion);
        attr_string(root, "status",
                    complete ? "finished"
                             : (r.reason == StopReason::interrupted ? "interrupted" : "running"));
        attr_string(root, "stop_reason", complete ? std::string(id_of(r.reason)) : "");
        attr_scalar<std::int64_t>(root, "replications", r.replications);
        attr_string(root, "fingerprint", spec.fingerprint());

        H5::Group prov = w.group("provenance");
        h5::attr_build_info(prov);
        attr_string(prov, "study_name", spec.name);
        attr_string(prov, "study_description", spec.description);
        attr_string(prov, "study_file", spec.file);
        attr_scalar<std::uint64_t>(prov, "seed", spec.variants.front().scenario.seed);
        attr_scalar<std::uint8_t>(prov, "common_random_numbers",
                                  spec.common_random_numbers ? 1 : 0);
        attr_scalar<std::int64_t>(prov, "max_replications", spec.max_replications);
        attr_scalar<std::int64_t>(prov, "min_replications", spec.min_replications);
        attr_scalar<std::int64_t>(prov, "round_size", spec.round_size());
        attr_scalar<std::int32_t>(prov, "days", r.days);
        std::vector<std::string> until;
        for (const auto& t : spec.until) until.push_back(t.to_string());
        w.strings(prov, "until", until,
                  "Precision targets OUTCOME:HALF_WIDTH (95% interval of each variant's mean).");
        w.text(prov, "study_verbatim", spec.verbatim,
               "The study file's text, or the command line that defined the study.");

        H5::Group info = w.group("run_info");
        attr_string(info, "description",
                    "How the last invocation ran; not part of the results (differs between "
                    "identical studies).");
        attr_string(info, "created_utc", h5::utc_now());
        attr_string(info, "executor", r.executor);
        attr_string(info, "command_line", r.command_line);
        attr_scalar(info, "wall_seconds", r.wall_seconds);

        write_catalogue(w, w.group("outcomes"), outcome_specs());
        write_catalogue(w, w.group("series_columns"), series_specs());

        H5::Group vg = w.group("variants");
        attr_strings(vg, "order", [&] {
            std::vector<std::string> names;
            for (const auto& v : spec.variants) names.push_back(v.name);
            return names;
        }());
        for (std::size_t v = 0; v < spec.variants.size(); ++v) {
            const Variant& var = spec.variants[v];
            H5::Group g = vg.createGroup(var.name);
            attr_scalar<std::int32_t>(g, "index", static_cast<std::int32_t>(v));
            attr_string(g, "origin", var.origin);
            attr_string(g, "scenario_name", var.scenario.name);
            attr_scalar<std::uint64_t>(g, "seed", var.scenario.seed);
            w.text(g, "scenario_verbatim", var.scenario.verbatim, "The scenario file's text.");
            w.text(g, "scenario_resolved", resolved_yaml(var.scenario),
                   "The scenario as run, every default filled in (seed included).");
            std::vector<std::int64_t> reps(rows);
            std::vector<std::uint64_t> seeds(rows, var.scenario.seed);
            for (std::uint32_t i = 0; i < rows; ++i) reps[i] = i;
            w.column(g, "replication", reps, "",
                     "Replication number: the low 24 bits of the fourth Philox counter word of "
                     "every random stream (sim/random/streams.hpp).");
            w.column(g, "seed", seeds, "",
                     "Seed: the Philox4x32-10 key (two 32-bit words) of every random stream.");
            w.column(g, "done",
                     std::vector<std::uint8_t>(r.done[v].begin(), r.done[v].begin() + rows), "bool",
                     "1 when the replication finished; rows with 0 hold NaN.");
            w.matrix(g, "outcomes",
                     std::vector<double>(
                         r.outcomes[v].begin(),
                         r.outcomes[v].begin() + static_cast<std::ptrdiff_t>(rows * n_out)),
                     n_out, "see outcomes/unit", "Outcomes per replication (rows) and outcome.",
                     ids_of(outcome_specs()));
            w.cube(g, "series",
                   std::vector<double>(
                       r.series[v].begin(),
                       r.series[v].begin() + static_cast<std::ptrdiff_t>(rows * r.days * n_cols)),
                   rows, static_cast<hsize_t>(r.days), n_cols, "see series_columns/unit",
                   "Per replication, day and column: cumulative counts (series_columns).",
                   ids_of(series_specs()));
            H5::Group eg = g.createGroup("estimates");
            attr_scalar<std::int64_t>(eg, "replications", r.replications);
            write_estimates(w, eg, estimate_outcomes(r, static_cast<int>(v), r.replications));
        }
        if (spec.variants.size() > 1) {
            H5::Group cg = w.group("comparisons");
            attr_string(cg, "base", spec.variants.front().name);
            for (std::size_t v = 1; v < spec.variants.size(); ++v) {
                write_comparison(w, cg.createGroup(spec.variants[v].name),
                                 compare_variants(r, 0, static_cast<int>(v), r.replications));
            }
        }
        if (extra) extra(w);
        attr_scalar<std::int32_t>(root, "complete", complete ? 1 : 0);
    });
}

StudyFileInfo inspect_study_file(const std::string& path) {
    StudyFileInfo info;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return info;
    info.exists = true;
    H5::Exception::dontPrint();
    try {
        if (H5Fis_hdf5(path.c_str()) <= 0) return info;
        const H5::H5File f(path, H5F_ACC_RDONLY);
        const H5::Group root = f.openGroup("/");
        if (!h5::has_attr(root, "filetype") ||
            h5::read_attr_string(root, "filetype") != kStudyFileType)
            return info;
        info.is_study = true;
        info.complete = h5::has_attr(root, "complete") && h5::read_attr_int(root, "complete") == 1;
        if (h5::has_attr(root, "fingerprint"))
            info.fingerprint = h5::read_attr_string(root, "fingerprint");
        if (h5::has_attr(root, "status")) info.status = h5::read_attr_string(root, "status");
    } catch (const H5::Exception&) {
        info.is_study = false;
    }
    return info;
}

void read_checkpoint(const std::string& path, const StudySpec& spec, StudyResults& r) {
    H5::Exception::dontPrint();
    const std::size_t n_out = outcome_specs().size();
    const std::size_t n_cols = series_specs().size();
    try {
        const H5::H5File f(path, H5F_ACC_RDONLY);
        const H5::Group root = f.openGroup("/");
        if (h5::read_attr_int(root, "format_version") != kStudyFormatVersion)
            throw IoError("cannot resume from " + path + ": unknown format version");
        if (h5::read_attr_string(root, "fingerprint") != spec.fingerprint())
            throw IoError("cannot resume from " + path +
                          ": it belongs to a different study (the scenarios, seeds, stopping rule "
                          "or engine revision changed); use --force to start over");
        for (std::size_t v = 0; v < spec.variants.size(); ++v) {
            const H5::Group g = f.openGroup("variants/" + spec.variants[v].name);
            const auto done = h5::read_bytes(g, "done");
            const auto outcomes = h5::read_doubles(g, "outcomes");
            const auto series = h5::read_doubles(g, "series");
            const std::size_t rows = done.size();
            if (rows > spec.max_replications) {
                throw IoError("cannot resume from " + path +
                              ": it holds more replications than "
                              "the study's cap");
            }
            r.ensure_rows(static_cast<std::uint32_t>(rows));
            if (outcomes.size() != rows * n_out ||
                series.size() != rows * static_cast<std::size_t>(r.days) * n_cols)
                throw IoError("cannot resume from " + path + ": variant " + spec.variants[v].name +
                              " has datasets of unexpected shape");
            for (std::size_t i = 0; i < rows; ++i) {
                if (done[i] == 0) continue;
                r.done[v][i] = 1;
                std::copy_n(outcomes.begin() + static_cast<std::ptrdiff_t>(i * n_out), n_out,
                            r.outcomes[v].begin() + static_cast<std::ptrdiff_t>(i * n_out));
                const std::size_t block = static_cast<std::size_t>(r.days) * n_cols;
                std::copy_n(series.begin() + static_cast<std::ptrdiff_t>(i * block), block,
                            r.series[v].begin() + static_cast<std::ptrdiff_t>(i * block));
            }
        }
    } catch (const H5::Exception& e) {
        throw IoError("cannot resume from " + path + ": " + e.getDetailMsg());
    }
}

}  // namespace bb
