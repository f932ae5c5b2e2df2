// The strict YAML helpers: near-miss suggestions and typed reads with located issues.
#include <gtest/gtest.h>

#include "sim/scenario/yaml_reader.hpp"

namespace bb {
namespace {

TEST(YamlReader, ClosestFindsLikelyTyposOnly) {
    const std::vector<std::string> keys{"households", "horizon_days", "seed"};
    EXPECT_EQ(closest("housholds", keys), "households");
    EXPECT_EQ(closest("horizon_dayz", keys), "horizon_days");
    EXPECT_EQ(closest("sed", keys), "seed");
    EXPECT_EQ(closest("completely_different", keys), std::nullopt);
    EXPECT_EQ(closest("x", {}), std::nullopt);
    EXPECT_EQ(suggestion("housholds", keys), "did you mean 'households'?");
    EXPECT_EQ(suggestion("zzzzzzzzzzzz", keys), "allowed: households, horizon_days, seed");
}

TEST(YamlReader, ReadNumberChecksTypeRangeAndWholeness) {
    IssueSink sink("f.yaml");
    const YAML::Node doc = YAML::Load("a: 3\nb: 2.5\nc: tekst\nd: [1]\ne: .nan\n");
    EXPECT_EQ(read_number(doc["a"], "a", sink, 0, 10, true), 3.0);
    EXPECT_EQ(read_number(doc["b"], "b", sink, 0, 10), 2.5);
    EXPECT_TRUE(sink.empty());
    EXPECT_EQ(read_number(doc["b"], "b", sink, 0, 10, true), std::nullopt);
    EXPECT_EQ(read_number(doc["a"], "a", sink, 0, 2), std::nullopt);
    EXPECT_EQ(read_number(doc["c"], "c", sink, 0, 10), std::nullopt);
    EXPECT_EQ(read_number(doc["d"], "d", sink, 0, 10), std::nullopt);
    EXPECT_EQ(read_number(doc["e"], "e", sink, -1e9, 1e9), std::nullopt);
    ASSERT_EQ(sink.issues().size(), 5u);
    EXPECT_EQ(sink.issues()[0].line, 2);
    EXPECT_EQ(sink.issues()[0].column, 4);
    EXPECT_EQ(sink.issues()[0].expected, "a whole number in [0, 10]");
    EXPECT_EQ(sink.issues()[1].expected, "a number in [0, 2]");
    EXPECT_EQ(sink.issues()[2].found, "'tekst'");
    EXPECT_EQ(sink.issues()[3].found, "a list");
    EXPECT_EQ(sink.issues()[4].key_path, "e");
    EXPECT_THROW(sink.throw_if_any(), ScenarioError);
}

TEST(YamlReader, ReadBoolAcceptsOnlyTrueAndFalse) {
    IssueSink sink("f.yaml");
    const YAML::Node doc = YAML::Load("a: true\nb: false\nc: yes\nd: 1\n");
    EXPECT_EQ(read_bool(doc["a"], "a", sink), true);
    EXPECT_EQ(read_bool(doc["b"], "b", sink), false);
    EXPECT_EQ(read_bool(doc["c"], "c", sink), std::nullopt);
    EXPECT_EQ(read_bool(doc["d"], "d", sink), std::nullopt);
    ASSERT_EQ(sink.issues().size(), 2u);
    EXPECT_EQ(sink.issues()[0].expected, "true or false");
}

}  // namespace
}  // namespace bb
