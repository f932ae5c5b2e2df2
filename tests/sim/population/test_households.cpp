// Population generation against the buurt statistics it is generated from. The share and mean
// checks are statistical: one fixed seed, tolerances of 5 standard errors computed from the number
// of households (binomial for shares, the sample standard deviation for means).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "sim/population/households.hpp"
#include "tests/support/test_scenarios.hpp"

namespace bb {
namespace {

constexpr int kN = 20000;
constexpr double kZ = 5.0;

double share_se(double p, int n) { return std::sqrt(p * (1.0 - p) / n); }

template <typename Pred>
double share(const Households& h, Pred pred) {
    int c = 0;
    for (int i = 0; i < h.n; ++i) c += pred(i) ? 1 : 0;
    return static_cast<double>(c) / h.n;
}

class Population : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        scenario_ =
            new Scenario(load_scenario(test::source_path("scenarios/waterlandpleinbuurt.yaml")));
        households_ = new Households(generate_households(*scenario_, 987654321ULL, 0, kN));
    }
    static void TearDownTestSuite() {
        delete households_;
        delete scenario_;
        households_ = nullptr;
        scenario_ = nullptr;
    }
    static const Scenario& sc() { return *scenario_; }
    static const Parameters& p() { return scenario_->params; }
    static const Households& h() { return *households_; }

  private:
    static Scenario* scenario_;
    static Households* households_;
};
Scenario* Population::scenario_ = nullptr;
Households* Population::households_ = nullptr;

void expect_share(double observed, double expected, const char* what) {
    EXPECT_NEAR(observed, expected, kZ * share_se(expected, kN)) << what;
}

TEST_F(Population, HasTheRequestedSizeAndAddressLayout) {
    ASSERT_EQ(h().n, kN);
    EXPECT_EQ(h().porch[0], 0);
    EXPECT_EQ(h().porch[kN - 1], (kN - 1) / p().buurt.porch_size);
    EXPECT_EQ(h().streets(), ((kN - 1) / p().buurt.porch_size) / p().buurt.porches_per_street + 1);
    for (int i = 1; i < kN; ++i) {
        ASSERT_GE(h().porch[i], h().porch[i - 1]);
        ASSERT_GE(h().street[i], h().street[i - 1]);
    }
}

TEST_F(Population, CompositionAndTraitSharesMatchTheBuurt) {
    const auto& b = p().buurt;
    expect_share(share(h(), [&](int i) { return h().composition[i] == Composition::eenpersoons; }),
                 b.share_one_person, "one-person households");
    expect_share(share(h(), [&](int i) { return h().composition[i] == Composition::met_kinderen; }),
                 b.share_with_children, "households with children");
    expect_share(share(h(), [&](int i) { return h().has(i, kMinimumIncome); }),
                 b.share_minimum_income, "minimum income");
    expect_share(share(h(), [&](int i) { return h().has(i, kMigration); }),
                 b.share_migration_background, "migration background");
    expect_share(share(h(), [&](int i) { return h().has(i, kSocialRent); }), b.share_social_rent,
                 "social rent");
    expect_share(share(h(), [&](int i) { return h().has(i, kSenior); }), b.share_senior, "seniors");
    expect_share(share(h(), [&](int i) { return h().has(i, kLimitedDutch); }),
                 b.share_migration_background * b.share_limited_dutch, "limited Dutch");
    expect_share(share(h(), [&](int i) { return h().has(i, kPhoneKnown); }),
                 p().availability.phone_known, "phone known");
    // Consistency of the fixed attributes.
    for (int i = 0; i < h().n; ++i) {
        const Composition c = h().composition[i];
        ASSERT_TRUE(!h().has(i, kLimitedDutch) || h().has(i, kMigration)) << i;
        ASSERT_TRUE(!h().has(i, kSenior) || c != Composition::met_kinderen) << i;
        ASSERT_EQ(c == Composition::eenpersoons, h().size[i] == 1) << i;
    }
}

TEST_F(Population, ProfileSharesFollowNonUsersAndZorgmissers) {
    const auto& pr = p().profiles;
    const double misser = pr.share_non_users * pr.share_zorgmisser_of_non_users;
    const double mijder = pr.share_non_users * (1.0 - pr.share_zorgmisser_of_non_users);
    expect_share(share(h(), [&](int i) { return h().profile[i] == Profile::zorgmisser; }), misser,
                 "zorgmisser");
    expect_share(share(h(), [&](int i) { return h().profile[i] == Profile::zorgmijder; }), mijder,
                 "zorgmijder");
    expect_share(share(h(), [&](int i) { return h().profile[i] == Profile::zelfredzaam; }),
                 1.0 - pr.share_non_users, "zelfredzaam");
}

TEST_F(Population, MeanHouseholdSizeIsPersonsPerHousehold) {
    // The expected size is exact when the implied number of extra children is positive.
    ASSERT_GT(children_per_family_extra(p().buurt), 0.0);
    std::vector<double> sizes(static_cast<std::size_t>(kN));
    for (int i = 0; i < kN; ++i) sizes[static_cast<std::size_t>(i)] = h().size[i];
    EXPECT_NEAR(test::mean_of(sizes), p().buurt.persons_per_household,
                kZ * test::sd_of(sizes) / std::sqrt(kN));
}

TEST_F(Population, InitialNeedPrevalenceMatchesEveryDomain) {
    for (int d = 0; d < kDomains; ++d) {
        const double prevalence = p().needs.prevalence[d];
        const double observed = share(h(), [&](int i) { return h().needs(i, d) > 0; });
        EXPECT_NEAR(observed, prevalence, kZ * share_se(prevalence, kN))
            << id_of(static_cast<Domain>(d));
    }
    // A need starts at onset severity 1 and has grown since; no need is negative.
    for (int i = 0; i < kN; ++i) {
        for (int d = 0; d < kDomains; ++d) {
            const double v = h().needs(i, d);
            ASSERT_TRUE(v == 0.0 || v >= 1.0) << i << " " << d << " " << v;
        }
        ASSERT_EQ(h().state[i] == FunnelState::geen_nood, !h().in_need(i)) << i;
        if (h().composition[i] != Composition::met_kinderen) {
            ASSERT_EQ(h().needs(i, static_cast<int>(Domain::opvoeding)), 0.0) << i;
        }
    }
}

TEST_F(Population, FinancialNeedFollowsTheMinimumIncomeRelativeRisk) {
    const int fin = static_cast<int>(Domain::financien);
    int n_min = 0, need_min = 0, n_rest = 0, need_rest = 0;
    for (int i = 0; i < kN; ++i) {
        const bool need = h().needs(i, fin) > 0;
        if (h().has(i, kMinimumIncome)) {
            ++n_min;
            need_min += need;
        } else {
            ++n_rest;
            need_rest += need;
        }
    }
    const double p_min = initial_need_probability(p(), fin, true, false);
    const double p_rest = initial_need_probability(p(), fin, false, false);
    EXPECT_NEAR(p_min / p_rest, p().needs.relative_risk_minimum_income, 1e-12);
    EXPECT_NEAR(static_cast<double>(need_min) / n_min, p_min, kZ * share_se(p_min, n_min));
    EXPECT_NEAR(static_cast<double>(need_rest) / n_rest, p_rest, kZ * share_se(p_rest, n_rest));
}

TEST_F(Population, MeanAttitudesByProfileMatchTheirMeans) {
    for (int k = 0; k < kProfiles; ++k) {
        std::vector<double> trust, awareness, stigma;
        for (int i = 0; i < kN; ++i) {
            if (static_cast<int>(h().profile[i]) != k) continue;
            trust.push_back(h().trust[i]);
            awareness.push_back(h().awareness[i]);
            stigma.push_back(h().stigma[i]);
        }
        ASSERT_GT(trust.size(), 100u);
        const double se = 1.0 / std::sqrt(static_cast<double>(trust.size()));
        const auto profile = id_of(static_cast<Profile>(k));
        EXPECT_NEAR(test::mean_of(trust), p().profiles.trust[k], kZ * test::sd_of(trust) * se)
            << "trust " << profile;
        EXPECT_NEAR(test::mean_of(awareness), p().profiles.awareness[k],
                    kZ * test::sd_of(awareness) * se)
            << "awareness " << profile;
        EXPECT_NEAR(test::mean_of(stigma), p().profiles.stigma[k], kZ * test::sd_of(stigma) * se)
            << "stigma " << profile;
        // Beta(m c, (1 - m) c) has variance m (1 - m) / (c + 1); the sample variance has standard
        // error sqrt((m4 - s^4) / n), from the sample's fourth central moment m4.
        const double m = p().profiles.trust[k];
        const double var = m * (1 - m) / (p().profiles.concentration + 1);
        const double s2 = test::sd_of(trust) * test::sd_of(trust);
        const double mean = test::mean_of(trust);
        double m4 = 0;
        for (double t : trust) m4 += std::pow(t - mean, 4);
        m4 /= static_cast<double>(trust.size());
        EXPECT_NEAR(s2, var, kZ * std::sqrt((m4 - s2 * s2) / static_cast<double>(trust.size())))
            << "trust spread " << profile;
    }
}

int availability_group(const Households& h, int i) {
    return h.has(i, kSenior) ? 3 : static_cast<int>(h.composition[i]);
}

// Statistical: the median availability of each group and slot is the parameter (the latent shift
// is symmetric around it), checked as the share of households below it: 1/2 within 5 binomial
// standard errors.
TEST_F(Population, MedianAvailabilityPerGroupAndSlotIsTheParameter) {
    for (int g = 0; g < 4; ++g) {
        for (int s = 0; s < kSlotKinds; ++s) {
            int below = 0, count = 0;
            for (int i = 0; i < kN; ++i) {
                if (availability_group(h(), i) != g) continue;
                ++count;
                below += h().availability(i, s) < p().availability.mean[g][s];
            }
            ASSERT_GT(count, 500);
            EXPECT_NEAR(static_cast<double>(below) / count, 0.5, kZ * share_se(0.5, count))
                << "group " << g << " slot " << s;
        }
    }
}

std::vector<double> ranks(const std::vector<double>& v) {
    std::vector<std::size_t> order(v.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (std::size_t k = 0; k < order.size(); ++k) r[order[k]] = static_cast<double>(k);
    return r;
}

double spearman(const std::vector<double>& a, const std::vector<double>& b) {
    const auto ra = ranks(a), rb = ranks(b);
    const double ma = test::mean_of(ra), mb = test::mean_of(rb);
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < ra.size(); ++i) {
        sab += (ra[i] - ma) * (rb[i] - mb);
        saa += (ra[i] - ma) * (ra[i] - ma);
        sbb += (rb[i] - mb) * (rb[i] - mb);
    }
    return sab / std::sqrt(saa * sbb);
}

// Availability is a persistent household trait: one latent readiness shifts all slots alike, so a
// household that rarely opens by day rarely opens in the evening or the weekend too. Within a
// group the slot orderings agree exactly (rank correlation 1); over the whole buurt, where group
// means differ by slot, the orderings still agree closely.
TEST_F(Population, AvailabilityIsPersistentAcrossSlots) {
    auto column = [&](int s, int group) {
        std::vector<double> v;
        for (int i = 0; i < kN; ++i) {
            if (group < 0 || availability_group(h(), i) == group)
                v.push_back(h().availability(i, s));
        }
        return v;
    };
    for (int g = 0; g < 4; ++g) {
        EXPECT_GT(spearman(column(0, g), column(1, g)), 0.999) << "group " << g;
        EXPECT_GT(spearman(column(0, g), column(2, g)), 0.999) << "group " << g;
    }
    EXPECT_GT(spearman(column(0, -1), column(1, -1)), 0.8);
    EXPECT_GT(spearman(column(0, -1), column(2, -1)), 0.8);
    EXPECT_GT(spearman(column(1, -1), column(2, -1)), 0.8);
}

// A household's attributes come from its own keyed stream: generating more households, or
// generating them for a bigger buurt, leaves the first ones unchanged.
TEST_F(Population, HouseholdsDoNotDependOnPopulationSize) {
    const Households small = generate_households(sc(), 555, 2, 1000);
    const Households large = generate_households(sc(), 555, 2, 2000);
    ASSERT_EQ(small.n, 1000);
    ASSERT_EQ(large.n, 2000);
    for (int i = 0; i < small.n; ++i) {
        ASSERT_EQ(small.profile[i], large.profile[i]) << i;
        ASSERT_EQ(small.composition[i], large.composition[i]) << i;
        ASSERT_EQ(small.size[i], large.size[i]) << i;
        ASSERT_EQ(small.traits[i], large.traits[i]) << i;
        ASSERT_EQ(small.porch[i], large.porch[i]) << i;
        ASSERT_EQ(small.street[i], large.street[i]) << i;
        ASSERT_EQ(small.locations[i], large.locations[i]) << i;
        ASSERT_EQ(small.state[i], large.state[i]) << i;
        ASSERT_EQ(small.public_space[i], large.public_space[i]) << i;
        ASSERT_EQ(small.ties[i], large.ties[i]) << i;
        ASSERT_EQ(small.awareness[i], large.awareness[i]) << i;
        ASSERT_EQ(small.trust[i], large.trust[i]) << i;
        ASSERT_EQ(small.stigma[i], large.stigma[i]) << i;
        for (int s = 0; s < kSlotKinds; ++s)
            ASSERT_EQ(small.availability(i, s), large.availability(i, s)) << i;
        for (int d = 0; d < kDomains; ++d) ASSERT_EQ(small.needs(i, d), large.needs(i, d)) << i;
    }
    // ... while another seed or replication gives other households.
    const Households other_seed = generate_households(sc(), 556, 2, 1000);
    const Households other_rep = generate_households(sc(), 555, 3, 1000);
    int same_seed = 0, same_rep = 0;
    for (int i = 0; i < 1000; ++i) {
        same_seed += other_seed.trust[i] == small.trust[i];
        same_rep += other_rep.trust[i] == small.trust[i];
    }
    EXPECT_EQ(same_seed, 0);
    EXPECT_EQ(same_rep, 0);
}

// Membership of collective locations follows eligibility and the membership share (statistical,
// 5 binomial standard errors among the eligible).
TEST_F(Population, LocationMembershipFollowsEligibility) {
    ASSERT_FALSE(sc().locations.empty());
    for (std::size_t l = 0; l < sc().locations.size(); ++l) {
        const auto& loc = sc().locations[l];
        int eligible = 0, members = 0;
        for (int i = 0; i < kN; ++i) {
            const bool member = (h().locations[i] >> l) & 1u;
            bool ok = true;
            switch (loc.eligible) {
                case Eligibility::alle:
                    break;
                case Eligibility::met_kinderen:
                    ok = h().composition[i] == Composition::met_kinderen;
                    break;
                case Eligibility::minimum_inkomen:
                    ok = h().has(i, kMinimumIncome);
                    break;
                case Eligibility::migratieachtergrond:
                    ok = h().has(i, kMigration);
                    break;
                case Eligibility::senior:
                    ok = h().has(i, kSenior);
                    break;
            }
            if (!ok) {
                ASSERT_FALSE(member) << loc.id << " " << i;
                continue;
            }
            ++eligible;
            members += member;
        }
        EXPECT_NEAR(static_cast<double>(members) / eligible, loc.membership,
                    kZ * share_se(loc.membership, eligible))
            << loc.id;
    }
}

}  // namespace
}  // namespace bb
