// The parameter table: one row per scalar parameter, each with a default inside its range, a unit,
// a description and a source, and an accessor that reads and writes the right field.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "sim/scenario/parameters.hpp"

namespace bb {
namespace {

TEST(Parameters, EverySpecIsCompleteAndItsDefaultIsInRange) {
    const Parameters defaults;
    std::set<std::string> paths;
    ASSERT_FALSE(parameter_specs().empty());
    for (const ParamSpec& spec : parameter_specs()) {
        EXPECT_TRUE(paths.insert(spec.path).second) << "duplicate " << spec.path;
        EXPECT_LE(spec.min, spec.max) << spec.path;
        EXPECT_GE(spec.default_value, spec.min) << spec.path;
        EXPECT_LE(spec.default_value, spec.max) << spec.path;
        EXPECT_EQ(spec.get(defaults), spec.default_value) << spec.path;
        EXPECT_FALSE(spec.unit.empty()) << spec.path;
        EXPECT_FALSE(spec.description.empty()) << spec.path;
        EXPECT_FALSE(spec.source.empty()) << spec.path;
        if (spec.is_integer()) {
            EXPECT_EQ(spec.default_value,
                      static_cast<double>(static_cast<long long>(spec.default_value)))
                << spec.path;
        }
        EXPECT_EQ(find_parameter(spec.path), &spec);
    }
    EXPECT_EQ(find_parameter("buurt.housholds"), nullptr);
}

TEST(Parameters, SetWritesExactlyOneField) {
    // Setting one parameter to another value inside its range changes that parameter only.
    for (const ParamSpec& spec : parameter_specs()) {
        Parameters p;
        const double value = spec.default_value == spec.max ? spec.min : spec.max;
        spec.set(p, value);
        EXPECT_EQ(spec.get(p), spec.is_integer() ? std::round(value) : value) << spec.path;
        for (const ParamSpec& other : parameter_specs()) {
            if (&other == &spec) continue;
            ASSERT_EQ(other.get(p), other.default_value)
                << "setting " << spec.path << " changed " << other.path;
        }
    }
}

TEST(Parameters, AssumptionTagIsRecognised) {
    const ParamSpec* porch = find_parameter("buurt.porch_size");
    const ParamSpec* households = find_parameter("buurt.households");
    ASSERT_NE(porch, nullptr);
    ASSERT_NE(households, nullptr);
    EXPECT_TRUE(porch->is_assumption());
    EXPECT_FALSE(households->is_assumption());
    EXPECT_TRUE(households->is_integer());
    EXPECT_FALSE(find_parameter("buurt.share_social_rent")->is_integer());
}

}  // namespace
}  // namespace bb
