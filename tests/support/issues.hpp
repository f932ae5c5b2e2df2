// Shared helpers of the tests of scenario messages: where a needle stands in a test text, and a
// check of every field of one reported issue. Expected positions are derived from the input, not
// copied from a run.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "sim/core/errors.hpp"

namespace bb::test {

struct Position {
    int line;
    int column;
};

// The 1-based line and column of the `occurrence`-th (0-based) occurrence of `needle` in `text`.
inline Position position_of(const std::string& text, const std::string& needle,
                            int occurrence = 0) {
    std::size_t at = text.find(needle);
    for (int k = 0; k < occurrence && at != std::string::npos; ++k) at = text.find(needle, at + 1);
    if (at == std::string::npos) {
        ADD_FAILURE() << "'" << needle << "' not in the test text";
        return {0, 0};
    }
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < at; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return {line, static_cast<int>(at - line_start) + 1};
}

// Every field of `issue`: file, line, column, key path, found, expected and hint.
inline void expect_issue_fields(const ScenarioIssue& issue, const std::string& file, Position at,
                                const std::string& key_path, const std::string& found,
                                const std::string& expected, const std::string& hint) {
    EXPECT_EQ(issue.file, file);
    EXPECT_EQ(issue.line, at.line) << issue.to_string();
    EXPECT_EQ(issue.column, at.column) << issue.to_string();
    EXPECT_EQ(issue.key_path, key_path) << issue.to_string();
    EXPECT_EQ(issue.found, found) << issue.to_string();
    EXPECT_EQ(issue.expected, expected) << issue.to_string();
    EXPECT_EQ(issue.hint, hint) << issue.to_string();
}

}  // namespace bb::test
