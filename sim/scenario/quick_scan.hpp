// The Antwerp quick scan (De Maeyer, Dewaele & Beelen 2013; seed 002; DESIGN.md §2) as a way to
// describe a worker in a scenario file: nine parameters, five dynamic (several answers) and four
// static (one answer), read from a worker's `quick_scan:` map and mapped to the engine's worker
// settings (allocation, model mix, protocol, caps, effective factors) and the team's signal
// sources. The mapping is one table (quick_scan_table()); the reference in docs/quick-scan.md is
// generated from it (quick_scan_reference_markdown()), so code and documentation cannot drift.
// The quick scan is descriptive: every number in the table is an assumption (tag `A`), a what-if
// lever, not a finding.
#pragma once

#include <yaml-cpp/yaml.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/ids.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/yaml_reader.hpp"

namespace bb {

// --- The answers ---------------------------------------------------------------------------
// Dynamic parameters (several answers possible).
enum class Werkrelatie : std::uint8_t { vrijwillig, aanklampend, stok_achter_de_deur, dwang };
enum class Aanmelding : std::uint8_t {
    eigen_observatie,
    via_persoon_zelf,
    professioneel_netwerk,
    niet_professioneel_netwerk,
};
enum class Doelgroep : std::uint8_t { individu, groep, gezin, gekend, niet_gekend };
enum class Locatie : std::uint8_t { privaat, semi_publiek, publiek, online };
enum class Actie : std::uint8_t { direct, indirect, participeren_leefwereld, structureel };
// Static parameters (one answer).
enum class Doelstelling : std::uint8_t { maatschappijgericht, doelgroepgericht };
enum class Regie : std::uint8_t { aanbodgericht, vraaggericht };
enum class Thema : std::uint8_t { thema_specifiek, integraal };  // focus, first question
enum class Gebied : std::uint8_t { categoriaal, territoriaal };  // focus, second question
enum class Tijdsbepaling : std::uint8_t { gelimiteerd, niet_gelimiteerd };

template <>
struct EnumIds<Werkrelatie> {
    static constexpr auto ids = std::to_array<std::string_view>(
        {"vrijwillig", "aanklampend", "stok_achter_de_deur", "dwang"});
};
template <>
struct EnumIds<Aanmelding> {
    static constexpr auto ids =
        std::to_array<std::string_view>({"eigen_observatie", "via_persoon_zelf",
                                         "professioneel_netwerk", "niet_professioneel_netwerk"});
};
template <>
struct EnumIds<Doelgroep> {
    static constexpr auto ids =
        std::to_array<std::string_view>({"individu", "groep", "gezin", "gekend", "niet_gekend"});
};
template <>
struct EnumIds<Locatie> {
    static constexpr auto ids =
        std::to_array<std::string_view>({"privaat", "semi_publiek", "publiek", "online"});
};
template <>
struct EnumIds<Actie> {
    static constexpr auto ids = std::to_array<std::string_view>(
        {"direct", "indirect", "participeren_leefwereld", "structureel"});
};
template <>
struct EnumIds<Doelstelling> {
    static constexpr auto ids =
        std::to_array<std::string_view>({"maatschappijgericht", "doelgroepgericht"});
};
template <>
struct EnumIds<Regie> {
    static constexpr auto ids = std::to_array<std::string_view>({"aanbodgericht", "vraaggericht"});
};
template <>
struct EnumIds<Thema> {
    static constexpr auto ids = std::to_array<std::string_view>({"thema_specifiek", "integraal"});
};
template <>
struct EnumIds<Gebied> {
    static constexpr auto ids = std::to_array<std::string_view>({"categoriaal", "territoriaal"});
};
template <>
struct EnumIds<Tijdsbepaling> {
    static constexpr auto ids =
        std::to_array<std::string_view>({"gelimiteerd", "niet_gelimiteerd"});
};

// Ranges of tijdsbepaling's numbers; their product (the client hours cap) stays within
// workers[].client_hours_cap's range [0, 10000].
inline constexpr double kQsMinHoursPerWeekPerClient = 0.25;  // A: a quarter of an hour a week
inline constexpr double kQsMaxHoursPerWeekPerClient = 40;    // A: a full working week on one client
inline constexpr double kQsMinWeeksPerClient = 1;
inline constexpr double kQsMaxWeeksPerClient = 250;  // A: about five years; 40 x 250 = 10000
// niet_gelimiteerd: no cap, i.e. the largest client_hours_cap a scenario allows.
inline constexpr double kQsUnlimitedClientHours = 10000;

// One worker's quick-scan answers. Dynamic lists hold each answer once, in the order written;
// the order does not matter to the mapping.
struct QuickScan {
    std::vector<Werkrelatie> werkrelatie;
    std::vector<Aanmelding> aanmelding;
    std::vector<Doelgroep> doelgroep;
    std::vector<Locatie> locatie;
    std::vector<Actie> acties;
    Doelstelling doelstelling = Doelstelling::doelgroepgericht;
    Regie regie = Regie::vraaggericht;
    Thema thema = Thema::integraal;
    Gebied gebied = Gebied::territoriaal;
    Tijdsbepaling tijdsbepaling = Tijdsbepaling::niet_gelimiteerd;
    double uren_per_week_per_client = 0;  // gelimiteerd only: hours/week per client
    double max_weken_per_client = 0;      // gelimiteerd only: weeks per client
};

// The ten answer slots of the nine parameters (focus has two questions).
enum class QsParam : std::uint8_t {
    werkrelatie,
    aanmelding,
    doelgroep,
    locatie,
    acties,
    doelstelling,
    regie,
    focus_thema,
    focus_gebied,
    tijdsbepaling,
};
inline constexpr int kQsParams = 10;

struct QsParamInfo {
    QsParam param;
    std::string_view path;      // key path inside `quick_scan`, e.g. "focus.thema"
    bool dynamic;               // several answers (a list) or one (a scalar)
    std::string_view question;  // the seed's question (Dutch)
    std::vector<std::string_view> answers;
};
const std::vector<QsParamInfo>& quick_scan_params();

// The answer ids given for `param` (one for a static parameter), in table order.
std::vector<std::string_view> answers_of(const QuickScan& scan, QsParam param);

// --- The mapping table ----------------------------------------------------------------------
// What one answer does. Points are summed over all answers given and normalised: allocation
// points to the five methods' shares of hours, model points to the model mix's weights.
struct QsEffect {
    QsParam param{};
    std::string_view answer{};
    std::vector<std::pair<Method, double>> allocation_points{};
    std::vector<std::pair<std::string_view, double>> model_points{};  // model id -> points
    std::vector<SignalSource> sources_add{};                          // union over answers
    std::optional<std::vector<SignalSource>> sources_allow{};         // intersection over answers
    std::vector<std::string_view> factors{};                          // effective factor ids
    int max_visits = -1;       // protocol.max_visits: the largest over answers; -1 none
    bool no_announce = false;  // protocol.letter and protocol.phone false (straight to door)
    bool vary_times = false;   // protocol.vary_times true
    bool duo = false;          // protocol.duo true
    int caseload_cap = 0;      // the smallest over answers; 0 none
    bool client_hours_from_numbers = false;  // client_hours_cap = hours/week x weeks
    double client_hours_cap = -1;            // client_hours_cap set to this; -1 none
    std::string_view source{};  // why: an assumption tag ("A: ...") with the seed's wording
};
const std::vector<QsEffect>& quick_scan_table();

// The table's row of one answer; throws std::logic_error for an unknown one.
const QsEffect& quick_scan_effect(QsParam param, std::string_view answer);

// --- Reading and applying -------------------------------------------------------------------
// Reads a `quick_scan:` map at key path `path` (e.g. "workers[0].quick_scan"). Every problem is
// recorded in `sink` (unknown key or answer with a suggestion, a list where one answer is
// expected and the reverse, an empty or repeated answer, a missing parameter, a number out of
// range or given without `soort: gelimiteerd`); returns nullopt when there was any.
std::optional<QuickScan> parse_quick_scan(const YAML::Node& node, const std::string& path,
                                          IssueSink& sink);

// One provenance line: a quick-scan answer (or "result"/"note"/"explicit") and what it set.
struct QuickScanLine {
    std::string answer;  // e.g. "werkrelatie: aanklampend"
    // e.g. "model points hulp +2; protocol max_visits 5, vary_times true"
    std::string settings;
    std::string to_string() const { return answer + " -> " + settings; }
};

struct QuickScanMapping {
    std::vector<QuickScanLine> lines;            // per answer given (table order), then the results
    std::array<bool, kSignalSources> sources{};  // the sources this scan alone asks for
    // The answers that gave each method its hours, e.g. {"locatie: semi_publiek"}: for messages
    // such as "voorlichting_collectief has hours but there are no collective_locations".
    std::array<std::vector<std::string>, kMethods> method_answers;
    std::vector<std::string> text() const;  // lines as "answer -> settings"
};

// Sets `worker`'s models, allocation (five shares summing to 1), protocol (all five fields),
// client_hours_cap, caseload_cap (only when an answer sets it; else unchanged) and factors (the
// scan's, in builtin_factors() order), and adds the scan's signal sources to `sources` (union:
// the caller clears `sources` before the team's first quick scan). Deterministic: the result
// depends on the set of answers only, not on their order.
QuickScanMapping apply_quick_scan(const QuickScan& scan, WorkerSpec& worker,
                                  std::array<bool, kSignalSources>& sources);

// The rule for a worker that gives both a quick scan and detailed keys: the quick scan first,
// then every detailed key given explicitly overrides what the scan set for it, except `factors`,
// which are added to the scan's. `worker` holds the values read from the file; `given` names the
// keys the worker wrote: "allocation", "models", "caseload_cap", "client_hours_cap", "factors",
// "protocol.letter", "protocol.phone", "protocol.max_visits", "protocol.vary_times",
// "protocol.duo" (others are ignored). Each override is recorded as an "explicit" line.
QuickScanMapping apply_quick_scan_with_overrides(const QuickScan& scan, WorkerSpec& worker,
                                                 const std::vector<std::string>& given,
                                                 std::array<bool, kSignalSources>& sources);

// docs/quick-scan.md: the nine parameters, the YAML shape and the mapping table, generated from
// quick_scan_params() and quick_scan_table().
std::string quick_scan_reference_markdown();

}  // namespace bb
