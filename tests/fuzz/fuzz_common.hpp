// Shared by the fuzz targets: how a finding is reported. A finding aborts the process, so that
// libFuzzer records the input under its artifact prefix (crash-<sha1>) and exits non-zero.
#pragma once

#include <cxxabi.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <string>
#include <typeinfo>

namespace bb_fuzz {

// The demangled type name of an exception, e.g. "std::out_of_range".
inline std::string type_name(const std::exception& e) {
    const char* mangled = typeid(e).name();
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> demangled(
        abi::__cxa_demangle(mangled, nullptr, nullptr, &status), std::free);
    return status == 0 && demangled ? demangled.get() : mangled;
}

[[noreturn]] inline void finding(const char* target, const std::string& what) {
    std::fprintf(stderr, "\n==%s== FINDING: %s\n", target, what.c_str());
    std::fflush(stderr);
    std::abort();
}

}  // namespace bb_fuzz
