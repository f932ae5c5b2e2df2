// libFuzzer target: bb::load_study on any byte sequence (tests/fuzz/README.md).
//
// load_study reads a file, so each input is written to <tmp>/studies/fuzz-study.yaml, where <tmp>
// is a private temporary folder (under $BB_FUZZ_TMP, else $TMPDIR, else /tmp) whose entries are
// symbolic links to the repository's scenarios/: `base: ../waterlandpleinbuurt.yaml` and
// `alternatives: [../teaching/signalen-eerst.yaml]` reach real scenarios, as in
// scenarios/studies/. The folder is removed at exit.
//
// Allowed outcomes: the study is accepted, or bb::ScenarioError with at least one issue.
// Findings: any other exception, a crash, a sanitizer report, a timeout or running out of memory.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/core/errors.hpp"
#include "sim/study/study.hpp"
#include "tests/fuzz/fuzz_common.hpp"

namespace {

namespace fs = std::filesystem;

const char* const kTarget = "fuzz_study";
std::string g_dir;   // the private temporary folder
std::string g_file;  // the study file written for each input

void remove_dir() {
    if (g_dir.empty()) return;
    std::error_code ec;
    fs::remove_all(g_dir, ec);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const char* base = std::getenv("BB_FUZZ_TMP");
    if (base == nullptr || *base == '\0') base = std::getenv("TMPDIR");
    if (base == nullptr || *base == '\0') base = "/tmp";
    fs::create_directories(base);
    std::string templ = (fs::path(base) / "bb-fuzz-study-XXXXXX").string();
    std::vector<char> buf(templ.begin(), templ.end());
    buf.push_back('\0');
    if (mkdtemp(buf.data()) == nullptr) {
        std::perror("fuzz_study: mkdtemp");
        std::exit(2);
    }
    g_dir = buf.data();
    std::atexit(remove_dir);
    for (const auto& entry : fs::directory_iterator(BUURTBEREIK_SCENARIOS_DIR)) {
        if (entry.path().filename() == "studies") continue;
        fs::create_symlink(entry.path(), fs::path(g_dir) / entry.path().filename());
    }
    fs::create_directory(fs::path(g_dir) / "studies");
    g_file = (fs::path(g_dir) / "studies" / "fuzz-study.yaml").string();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    {
        std::ofstream out(g_file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
        if (!out) bb_fuzz::finding(kTarget, "cannot write " + g_file + " (harness problem)");
    }
    try {
        const bb::StudySpec spec = bb::load_study(g_file);
        if (spec.variants.empty()) bb_fuzz::finding(kTarget, "a study without variants");
    } catch (const bb::ScenarioError& e) {
        if (e.issues().empty()) bb_fuzz::finding(kTarget, "ScenarioError without issues");
        for (const auto& issue : e.issues()) (void)issue.to_string();
    } catch (const std::exception& e) {
        bb_fuzz::finding(kTarget, "uncaught " + bb_fuzz::type_name(e) + ": " + e.what());
    }
    return 0;
}
