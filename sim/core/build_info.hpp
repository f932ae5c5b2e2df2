// What built this binary: engine version, git revision, build type, compiler and platform.
// Recorded in the provenance of every result file.
#pragma once

namespace bb {

struct BuildInfo {
    const char* engine_version;
    const char* git_revision;
    const char* build_type;
    const char* compiler;
    const char* platform;
};

const BuildInfo& build_info();

}  // namespace bb
