// Shared helpers of the C++ tests: small inline scenarios (short horizons, small buurten, so every
// test stays fast) and paths into the source tree.
#pragma once

#include <cmath>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace bb::test {

// A path inside the repository (the tests may run from any directory).
inline std::string source_path(const std::string& relative) {
    return std::string(BUURTBEREIK_SOURCE_DIR) + "/" + relative;
}

// The text of a file inside the repository.
inline std::string read_text(const std::string& relative) {
    std::ifstream in(source_path(relative), std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline Scenario parse(const std::string& text) { return parse_scenario(text, "test.yaml"); }

// A small buurt with every contact method in use: two collective locations, one worker group.
// `extra` is appended at the top level (e.g. a needs or escalations section).
inline std::string small_buurt_yaml(int households, int horizon_days, std::uint64_t seed,
                                    const std::string& workers, const std::string& extra = "") {
    return "schema_version: 1\n"
           "name: klein\n"
           "seed: " +
           std::to_string(seed) +
           "\n"
           "horizon_days: " +
           std::to_string(horizon_days) +
           "\n"
           "start_weekday: woensdag\n"
           "buurt:\n"
           "  households: " +
           std::to_string(households) +
           "\n"
           "collective_locations:\n"
           "  - {id: buurthuis, eligible: alle, membership: 0.10, source: \"A: test\"}\n"
           "  - {id: school, eligible: met_kinderen, membership: 0.50, source: \"A: test\"}\n" +
           extra + "workers:" + (workers.empty() ? " []\n" : "\n" + workers);
}

// One worker entry (a YAML list item) with all four methods and the given weekly schedule.
inline std::string worker_yaml(const std::string& id, int count, double day, double evening,
                               double weekend) {
    return "  - id: " + id + "\n    count: " + std::to_string(count) +
           "\n    contract_hours_per_week: 40\n    schedule: {weekdag_dag: " + std::to_string(day) +
           ", weekdag_avond: " + std::to_string(evening) + ", weekend: " + std::to_string(weekend) +
           "}\n    allocation: {huisbezoek_signaal: 0.5, huisbezoek_alle: 0.2, "
           "aanwezig_openbaar: 0.2, voorlichting_collectief: 0.1}\n";
}

inline double mean_of(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return v.empty() ? 0.0 : s / static_cast<double>(v.size());
}

// Sample standard deviation (n - 1 in the denominator).
inline double sd_of(const std::vector<double>& v) {
    if (v.size() < 2) return 0.0;
    const double m = mean_of(v);
    double s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return std::sqrt(s / static_cast<double>(v.size() - 1));
}

}  // namespace bb::test
