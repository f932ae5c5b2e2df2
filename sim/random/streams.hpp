// Counter-based random streams: every draw is a pure function of (seed, replication, purpose,
// entity, day, index), computed with Random123's Philox4x32-10. A draw therefore does not depend
// on how much randomness other entities used before it: results are the same on any number of
// threads, and scenarios that share a seed share their random numbers (common random numbers). A
// Stream is a UniformRandomNumberGenerator, so Boost.Random distributions draw from it.
#pragma once

#include <Random123/philox.h>

#include <array>
#include <cstdint>
#include <limits>

namespace bb {

// What a stream is for; part of the key so that streams for different purposes never overlap.
// Append new purposes; never renumber (that would change every result).
enum class Purpose : std::uint32_t {
    population = 1,  // household attributes at generation (entity = household)
    daily = 2,    // the daily pass: needs, signals, self-referral, escalation (entity = household)
    contact = 3,  // outcome of one contact attempt (entity = household, index = attempt no.)
    street = 4,   // street presence: contact count and who is met (entity = worker)
    session = 5,  // information sessions: attendance (entity = worker)
    signal = 6,   // signal details: source, amount (entity = household)
    online = 7,   // online presence: contact count and who is met (entity = worker)
    case_open = 8,  // how a signal case will be worked, drawn when it opens (entity = household)
    provision = 9,  // signals about provisions recorded at a contact (entity = household,
                    // index = attempt no.)
};

using PhiloxRng = r123::Philox4x32;

// The key holds the replication in 24 bits, beside the purpose.
inline constexpr std::uint32_t kMaxReplications = 1u << 24;

// A uniform double in the open interval (0, 1) from 32 random bits.
inline double to_unit(std::uint32_t bits) {
    return (static_cast<double>(bits) + 0.5) * (1.0 / 4294967296.0);
}

// The four 32-bit words of one Philox block for (seed, replication, purpose, entity, day, index).
inline std::array<std::uint32_t, 4> philox_block(std::uint64_t seed, std::uint32_t replication,
                                                 Purpose purpose, std::uint32_t entity,
                                                 std::uint32_t day, std::uint32_t index) {
    const PhiloxRng::key_type key = {
        {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
    const PhiloxRng::ctr_type ctr = {
        {day, entity, index,
         (static_cast<std::uint32_t>(purpose) << 24) | (replication & 0xFFFFFFu)}};
    const auto out = PhiloxRng()(ctr, key);
    return {out.v[0], out.v[1], out.v[2], out.v[3]};
}

// A keyed stream of 32-bit values: a UniformRandomNumberGenerator for Boost.Random.
// Replications are limited to 2^24 per seed (the key's remaining bits hold the purpose).
class Stream {
  public:
    using result_type = std::uint32_t;

    // `first_block` separates several streams of one (purpose, entity, day), e.g. the attempts on
    // one household in one day; each stream may use up to 2^16 blocks before it meets the next.
    Stream(std::uint64_t seed, std::uint32_t replication, Purpose purpose, std::uint32_t entity,
           std::uint32_t day = 0, std::uint32_t first_block = 0)
        : seed_(seed),
          replication_(replication),
          purpose_(purpose),
          entity_(entity),
          day_(day),
          index_(first_block << 16) {}

    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

    result_type operator()() {
        if (used_ == 4) {
            block_ = philox_block(seed_, replication_, purpose_, entity_, day_, index_++);
            used_ = 0;
        }
        return block_[used_++];
    }

    // A uniform double in (0, 1).
    double uniform() { return to_unit((*this)()); }
    // True with probability p.
    bool bernoulli(double p) { return uniform() < p; }

  private:
    std::uint64_t seed_;
    std::uint32_t replication_;
    Purpose purpose_;
    std::uint32_t entity_;
    std::uint32_t day_;
    std::uint32_t index_;
    std::array<std::uint32_t, 4> block_{};
    int used_ = 4;
};

}  // namespace bb
