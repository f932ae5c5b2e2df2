// Deriving seeds: one seed per variant (independent seeds), per buurt of a scenario with several
// buurten, ... Every derived seed is a pure function of its inputs, so results stay reproducible.
#pragma once

#include <cstdint>
#include <string_view>

namespace bb {

// Seeds are kept below 2^53 so that they survive a round trip through YAML and JSON numbers.
inline constexpr std::uint64_t kSeedMask = (std::uint64_t{1} << 53) - 1;

// SplitMix64's output function (Steele, Lea and Flood 2014): a bijective 64-bit mixer.
constexpr std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// FNV-1a, 64 bits: a stable hash of text (ids, resolved scenarios).
constexpr std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ULL) {
    for (const char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return h;
}

}  // namespace bb
