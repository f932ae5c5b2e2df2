// Counter-based random streams: every draw is a pure function of its key, streams with different
// keys differ, and to_unit maps into the open interval (0, 1).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/random/alias_table.hpp"
#include "sim/random/streams.hpp"

namespace bb {
namespace {

struct Key {
    std::uint64_t seed = 20261122;
    std::uint32_t replication = 3;
    Purpose purpose = Purpose::contact;
    std::uint32_t entity = 17;
    std::uint32_t day = 40;
    std::uint32_t first_block = 2;
};

std::vector<std::uint32_t> draws(const Key& k, int count = 16) {
    Stream s(k.seed, k.replication, k.purpose, k.entity, k.day, k.first_block);
    std::vector<std::uint32_t> out;
    for (int i = 0; i < count; ++i) out.push_back(s());
    return out;
}

TEST(Streams, SameKeyGivesSameSequence) {
    const Key k;
    EXPECT_EQ(draws(k), draws(k));
    // Drawing from other streams in between changes nothing: there is no hidden state.
    Stream a(k.seed, k.replication, k.purpose, k.entity, k.day, k.first_block);
    std::vector<std::uint32_t> interleaved;
    for (int i = 0; i < 16; ++i) {
        Stream other(k.seed + 1, 0, Purpose::daily, 5, 6, 0);
        (void)other();
        interleaved.push_back(a());
    }
    EXPECT_EQ(interleaved, draws(k));
}

TEST(Streams, StreamIsPhiloxOfTheKey) {
    const Key k;
    const auto seq = draws(k, 8);
    for (std::uint32_t b = 0; b < 2; ++b) {
        const auto block = philox_block(k.seed, k.replication, k.purpose, k.entity, k.day,
                                        (k.first_block << 16) + b);
        for (int j = 0; j < 4; ++j) EXPECT_EQ(seq[b * 4 + j], block[j]) << "block " << b;
    }
}

TEST(Streams, EveryKeyPartChangesTheSequence) {
    const Key base;
    const auto reference = draws(base);
    std::vector<Key> variants(7, base);
    variants[0].seed += 1;
    variants[1].seed += std::uint64_t{1} << 32;  // the seed's high word is part of the key
    variants[2].replication += 1;
    variants[3].purpose = Purpose::daily;
    variants[4].entity += 1;
    variants[5].day += 1;
    variants[6].first_block += 1;
    for (std::size_t v = 0; v < variants.size(); ++v) {
        const auto seq = draws(variants[v]);
        EXPECT_NE(seq, reference) << "variant " << v;
        int equal = 0;
        for (std::size_t i = 0; i < seq.size(); ++i) equal += seq[i] == reference[i];
        EXPECT_LE(equal, 1) << "variant " << v << " shares draws with the reference";
    }
}

TEST(Streams, ToUnitIsInsideTheOpenInterval) {
    EXPECT_GT(to_unit(0), 0.0);
    EXPECT_LT(to_unit(std::numeric_limits<std::uint32_t>::max()), 1.0);
    EXPECT_DOUBLE_EQ(to_unit(0), 0.5 / 4294967296.0);
    EXPECT_LT(to_unit(1000), to_unit(1001));
    Stream s(1, 0, Purpose::session, 900);
    for (int i = 0; i < 10000; ++i) {
        const double u = s.uniform();
        ASSERT_GT(u, 0.0);
        ASSERT_LT(u, 1.0);
    }
}

// Statistical (fixed seed): the mean of n uniforms is 1/2 within 5 standard errors
// (sd of U(0,1) is 1/sqrt(12)), and bernoulli(p) hits with frequency p within 5 standard errors.
TEST(Streams, UniformAndBernoulliHaveTheirMeans) {
    constexpr int n = 200000;
    Stream s(42, 0, Purpose::session, 901);
    double sum = 0;
    for (int i = 0; i < n; ++i) sum += s.uniform();
    EXPECT_NEAR(sum / n, 0.5, 5.0 / std::sqrt(12.0 * n));
    const double p = 0.3;
    int hits = 0;
    for (int i = 0; i < n; ++i) hits += s.bernoulli(p);
    EXPECT_NEAR(static_cast<double>(hits) / n, p, 5.0 * std::sqrt(p * (1 - p) / n));
}

// Statistical (fixed seed): the alias table draws each index in proportion to its weight, within
// 5 binomial standard errors; zero weights are never drawn.
TEST(AliasTable, DrawsInProportionToWeights) {
    const std::vector<double> w{1.0, 0.0, 3.0, 0.5, 5.5};
    const AliasTable table(w);
    ASSERT_FALSE(table.empty());
    constexpr int n = 200000;
    std::vector<int> counts(w.size(), 0);
    Stream s(7, 0, Purpose::session, 902);
    for (int i = 0; i < n; ++i) {
        const double u1 = s.uniform();
        const double u2 = s.uniform();
        ++counts[static_cast<std::size_t>(table.draw(u1, u2))];
    }
    EXPECT_EQ(counts[1], 0);
    for (std::size_t k = 0; k < w.size(); ++k) {
        const double p = w[k] / 10.0;
        EXPECT_NEAR(static_cast<double>(counts[k]) / n, p, 5.0 * std::sqrt(p * (1 - p) / n) + 1e-12)
            << "index " << k;
    }
    EXPECT_TRUE(AliasTable().empty());
}

}  // namespace
}  // namespace bb
