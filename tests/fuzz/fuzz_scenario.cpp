// libFuzzer target: bb::parse_scenario on any byte sequence (tests/fuzz/README.md).
//
// Allowed outcomes: the scenario is accepted, or bb::ScenarioError with at least one issue.
// Findings (the process aborts, libFuzzer saves the input):
//   - any other exception escaping parse_scenario (its type and message are printed);
//   - a crash, or an AddressSanitizer / UndefinedBehaviorSanitizer report;
//   - an input running longer than libFuzzer's -timeout, or exceeding -rss_limit_mb;
//   - an accepted scenario whose resolved YAML (bb::resolved_yaml) is rejected by parse_scenario,
//     or does not resolve to itself again (scenario.hpp: resolved YAML is accepted again and is a
//     fixed point of load -> resolve).
// The text is parsed as if it were the file scenarios/fuzz.yaml (which does not exist), so
// `extends: waterlandpleinbuurt.yaml` or `extends: teaching/klein-portiekflat.yaml` reach real
// bases and the inheritance merge is fuzzed too.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sim/core/errors.hpp"
#include "sim/scenario/scenario.hpp"
#include "tests/fuzz/fuzz_common.hpp"

namespace {

const char* const kTarget = "fuzz_scenario";
const std::string kFile = BUURTBEREIK_SCENARIOS_DIR "/fuzz.yaml";

// Parses `text`; returns false on ScenarioError (after checking it), aborts on anything else.
bool parse(const std::string& text, const char* stage, bb::Scenario& out) {
    try {
        out = bb::parse_scenario(text, kFile);
        return true;
    } catch (const bb::ScenarioError& e) {
        if (e.issues().empty()) bb_fuzz::finding(kTarget, std::string(stage) + ": no issues");
        std::size_t chars = 0;
        for (const auto& issue : e.issues()) chars += issue.to_string().size();
        if (chars == 0) bb_fuzz::finding(kTarget, std::string(stage) + ": empty messages");
        return false;
    } catch (const std::exception& e) {
        bb_fuzz::finding(
            kTarget, std::string(stage) + ": uncaught " + bb_fuzz::type_name(e) + ": " + e.what());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    bb::Scenario sc;
    if (!parse(text, "parse_scenario(input)", sc)) return 0;

    std::string resolved;
    try {
        resolved = bb::resolved_yaml(sc);
    } catch (const std::exception& e) {
        bb_fuzz::finding(kTarget,
                         "resolved_yaml: uncaught " + bb_fuzz::type_name(e) + ": " + e.what());
    }
    bb::Scenario again;
    if (!parse(resolved, "parse_scenario(resolved_yaml(input))", again)) {
        try {
            bb::parse_scenario(resolved, kFile);
        } catch (const bb::ScenarioError& e) {
            bb_fuzz::finding(kTarget, "an accepted scenario's resolved YAML is rejected:\n" +
                                          std::string(e.what()) + "\n--- resolved YAML:\n" +
                                          resolved);
        }
    }
    const std::string twice = bb::resolved_yaml(again);
    if (twice != resolved) {
        bb_fuzz::finding(kTarget, "resolved YAML is not a fixed point\n--- resolved once:\n" +
                                      resolved + "--- resolved twice:\n" + twice);
    }
    return 0;
}
