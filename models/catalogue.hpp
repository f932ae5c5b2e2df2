// The catalogue of behaviours a scenario can choose from: the six outreach models, the contact
// methods and the effective factors, each with its parameters, units and sources. `buurtbereik
// models` prints it, and docs/models.md is this text (a test keeps them equal).
#pragma once

#include <string>
#include <vector>

#include "sim/core/ids.hpp"

namespace bb {

struct MethodInfo {
    Method id;
    std::string name;                     // the Movisie name
    std::string description;              // how households are met, as implemented
    std::vector<std::string> parameters;  // scenario parameter paths the method uses
};

// Every contact method, in encoding order.
const std::vector<MethodInfo>& method_catalogue();

// Markdown of every model, method and factor with their parameters (docs/models.md).
std::string models_reference_markdown();

}  // namespace bb
