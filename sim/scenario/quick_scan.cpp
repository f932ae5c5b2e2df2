// The Antwerp quick scan: reading a worker's `quick_scan:` map and mapping its answers to worker
// settings through one table (quick_scan_table()), from which docs/quick-scan.md is generated.
#include "sim/scenario/quick_scan.hpp"
#include "sim/core/markdown.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "models/factors.hpp"
#include "models/outreach_model.hpp"

namespace bb {

namespace {

using enum Method;
using enum SignalSource;

// Point scales: how strongly one answer of a parameter pulls hours or the model mix. Every answer
// of one parameter carries the same total, so no answer is favoured by the table's layout.
// A: `locatie` asks "waar werk je meestal?" (where do you mostly work), the question closest to
// the contact methods, so its answers weigh most.
constexpr double kWhere = 3;
// A: `aanmelding` (how contact arises) decides how people are found: second to where one works.
constexpr double kHow = 2;
// A: `doelgroep` and focus `gebied` refine who is sought: a light pull.
constexpr double kWho = 1;
// A: `acties` ("wat doe je meestal?") and `werkrelatie` (the worker's position) are the two
// questions that name the way of working, i.e. the model.
constexpr double kModelCore = 2;
// A: the static goals (`doelstelling`, `regie`, `tijdsbepaling`) tilt the mix, they do not set it.
constexpr double kTilt = 0.5;

// The debt signal sources (rent, energy and water, health insurance arrears).
const std::vector<SignalSource> kDebtSources{woningcorporatie, energie_water, zorgverzekeraar};

template <typename E>
std::vector<std::string_view> ids_vector() {
    return {EnumIds<E>::ids.begin(), EnumIds<E>::ids.end()};
}

std::vector<std::string> string_ids(const std::vector<std::string_view>& ids) {
    return {ids.begin(), ids.end()};
}

}  // namespace

const std::vector<QsParamInfo>& quick_scan_params() {
    // The questions as on the seed's slides (seed 002).
    static const std::vector<QsParamInfo> params{
        {QsParam::werkrelatie, "werkrelatie", true, "Welke positie neem je in als werker?",
         ids_vector<Werkrelatie>()},
        {QsParam::aanmelding, "aanmelding", true, "Hoe ben je in contact gekomen met de doelgroep?",
         ids_vector<Aanmelding>()},
        {QsParam::doelgroep, "doelgroep", true,
         "Wie: individueel, in groep of gezin; gekend of niet gekend?", ids_vector<Doelgroep>()},
        {QsParam::locatie, "locatie", true, "Waar werk je meestal?", ids_vector<Locatie>()},
        {QsParam::acties, "acties", true, "Wat doe je meestal?", ids_vector<Actie>()},
        {QsParam::doelstelling, "doelstelling", false,
         "Welke doelstelling beoogt de organisatie door outreachend te gaan werken?",
         ids_vector<Doelstelling>()},
        {QsParam::regie, "regie", false, "Hoe wordt het aanbod ingevuld?", ids_vector<Regie>()},
        {QsParam::focus_thema, "focus.thema", false, "Specialistisch of generalistisch?",
         ids_vector<Thema>()},
        {QsParam::focus_gebied, "focus.gebied", false, "Categoriaal of territoriaal?",
         ids_vector<Gebied>()},
        {QsParam::tijdsbepaling, "tijdsbepaling", false,
         "Wat is de duur en de intensiteit van een werkrelatie?", ids_vector<Tijdsbepaling>()},
    };
    return params;
}

namespace {

const QsParamInfo& param_info(QsParam p) {
    return quick_scan_params()[static_cast<std::size_t>(p)];
}

template <typename E>
std::vector<std::string_view> list_ids(const std::vector<E>& answers) {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < EnumIds<E>::ids.size(); ++i) {
        if (std::find(answers.begin(), answers.end(), static_cast<E>(i)) != answers.end())
            out.push_back(EnumIds<E>::ids[i]);
    }
    return out;
}

}  // namespace

std::vector<std::string_view> answers_of(const QuickScan& s, QsParam param) {
    switch (param) {
        case QsParam::werkrelatie:
            return list_ids(s.werkrelatie);
        case QsParam::aanmelding:
            return list_ids(s.aanmelding);
        case QsParam::doelgroep:
            return list_ids(s.doelgroep);
        case QsParam::locatie:
            return list_ids(s.locatie);
        case QsParam::acties:
            return list_ids(s.acties);
        case QsParam::doelstelling:
            return {id_of(s.doelstelling)};
        case QsParam::regie:
            return {id_of(s.regie)};
        case QsParam::focus_thema:
            return {id_of(s.thema)};
        case QsParam::focus_gebied:
            return {id_of(s.gebied)};
        case QsParam::tijdsbepaling:
            return {id_of(s.tijdsbepaling)};
    }
    throw std::logic_error("unknown quick-scan parameter");
}

// The mapping. One row per answer, in the order of quick_scan_params(). All numbers are
// assumptions (A): the quick scan describes a practice, it does not measure one.
const std::vector<QsEffect>& quick_scan_table() {
    static const std::vector<QsEffect> table{
        // --- werkrelatie: persistence and pressure (protocol, dwang_drang share) -------------
        {.param = QsParam::werkrelatie,
         .answer = "vrijwillig",
         .model_points = {{"hulp", kModelCore}},
         .max_visits = 1,  // A: one visit; the household decides whether contact goes on
         .source = "A: a voluntary relationship: help on the household's terms (hulp), no "
                   "repeated visits on an unanswered signal"},
        {.param = QsParam::werkrelatie,
         .answer = "aanklampend",
         .model_points = {{"hulp", kModelCore}},
         .factors = {"vertrouwenswerk"},
         .max_visits = 5,  // A: persistent: two more than the engine's default of 3
         .vary_times = true,
         .source = "A: persistent (aanklampend): more visits at varied times and further "
                   "contacts after a talk without acceptance (vertrouwenswerk); Basisboek 2019: "
                   "do not stop after one unanswered door"},
        {.param = QsParam::werkrelatie,
         .answer = "stok_achter_de_deur",
         .model_points = {{"hulp", kModelCore / 2}, {"dwang_drang", kModelCore / 2}},
         .max_visits = 4,  // A: persistent, less than aanklampend: the stick does the rest
         .vary_times = true,
         .duo = true,
         .source = "A: drang: help with a consequence in reserve, half help, half dwang_drang; "
                   "visits in pairs"},
        {.param = QsParam::werkrelatie,
         .answer = "dwang",
         .model_points = {{"dwang_drang", kModelCore}},
         .max_visits = 5,  // A: compulsion does not stop at an unanswered door
         .no_announce = true,
         .vary_times = true,
         .duo = true,
         .source = "A: compulsion (dwang_drang): straight to the door without letter or call, "
                   "in pairs"},

        // --- aanmelding: which signal sources feed the team; how people are found -------------
        {.param = QsParam::aanmelding,
         .answer = "eigen_observatie",
         .allocation_points = {{huisbezoek_alle, kHow / 2}, {aanwezig_openbaar, kHow / 2}},
         .source = "A: the worker finds people by observing (street-corner work): door to door "
                   "and present in public space; no signal source"},
        {.param = QsParam::aanmelding,
         .answer = "via_persoon_zelf",
         .allocation_points = {{voorlichting_collectief, kHow / 2}, {online, kHow / 2}},
         .source = "A: people come themselves: be where they come, at collective locations and "
                   "online"},
        {.param = QsParam::aanmelding,
         .answer = "professioneel_netwerk",
         .allocation_points = {{huisbezoek_signaal, kHow}},
         .sources_add = {huisarts, school, politie, woningcorporatie, energie_water,
                         zorgverzekeraar},
         .source = "A: professionals refer (GGZ, OCMW; here GP, school, police and the debt "
                   "signallers); signals are worked by home visits"},
        {.param = QsParam::aanmelding,
         .answer = "niet_professioneel_netwerk",
         .allocation_points = {{huisbezoek_signaal, kHow}},
         .sources_add = {buren, netwerk},
         .source = "A: friends, family and neighbours refer: neighbours' signals and referrals "
                   "by connected residents; worked by home visits"},

        // --- doelgroep: who is sought ---------------------------------------------------------
        {.param = QsParam::doelgroep,
         .answer = "individu",
         .allocation_points = {{huisbezoek_signaal, kWho / 2}, {aanwezig_openbaar, kWho / 2}},
         .source = "A: individual contacts: at home on a signal and one by one in the street"},
        {.param = QsParam::doelgroep,
         .answer = "groep",
         .allocation_points = {{voorlichting_collectief, kWho / 2}, {aanwezig_openbaar, kWho / 2}},
         .source = "A: groups are met where they gather: sessions at collective locations and "
                   "groups in public space"},
        {.param = QsParam::doelgroep,
         .answer = "gezin",
         .allocation_points = {{huisbezoek_signaal, kWho / 2}, {huisbezoek_alle, kWho / 2}},
         .caseload_cap = 15,  // A: a family is several clients: 60% of the default 25 cases
         .source = "A: families are met at home; a family case is heavier, so fewer open cases"},
        {.param = QsParam::doelgroep,
         .answer = "gekend",
         .allocation_points = {{huisbezoek_signaal, kWho}},
         .source = "A: known people come through signals: visits on the signal"},
        {.param = QsParam::doelgroep,
         .answer = "niet_gekend",
         .allocation_points = {{huisbezoek_alle, kWho / 2}, {aanwezig_openbaar, kWho / 2}},
         .source = "A: unknown people must be sought: door to door and in public space"},

        // --- locatie: the contact methods ----------------------------------------------------
        {.param = QsParam::locatie,
         .answer = "privaat",
         // A: two thirds on signals, one third door to door: home visits mostly follow a signal
         .allocation_points = {{huisbezoek_signaal, kWhere * 2 / 3}, {huisbezoek_alle, kWhere / 3}},
         .source = "A: private space is behind the front door: home visits"},
        {.param = QsParam::locatie,
         .answer = "semi_publiek",
         .allocation_points = {{voorlichting_collectief, kWhere}},
         .source = "A: semi-public places (community centre, school, mosque, food bank): "
                   "information sessions at collective locations"},
        {.param = QsParam::locatie,
         .answer = "publiek",
         .allocation_points = {{aanwezig_openbaar, kWhere}},
         .source = "A: public space (square, shopping centre, playground): being present there"},
        {.param = QsParam::locatie,
         .answer = "online",
         .allocation_points = {{online, kWhere}},
         .source = "A: online: the fifth channel (chat, social media)"},

        // --- acties: the model mix -----------------------------------------------------------
        {.param = QsParam::acties,
         .answer = "direct",
         .model_points = {{"hulp", kModelCore}},
         .source = "A: direct service, help and care aimed at the person: the help model"},
        {.param = QsParam::acties,
         .answer = "indirect",
         .model_points = {{"verbindend", kModelCore}},
         .source = "A: indirect work aimed at the surroundings (help coordination, informal "
                   "network): the connecting model"},
        {.param = QsParam::acties,
         .answer = "participeren_leefwereld",
         .model_points = {{"presentie", kModelCore}},
         .source = "A: taking part in the life-world: the presence model"},
        {.param = QsParam::acties,
         .answer = "structureel",
         .model_points = {{"politiserend", kModelCore / 2}, {"kwartiermaken", kModelCore / 2}},
         .source = "A: structural work: on structural causes (politiserend) and making room in "
                   "the community (kwartiermaken), half each"},

        // --- doelstelling: a tilt of the model mix -------------------------------------------
        {.param = QsParam::doelstelling,
         .answer = "maatschappijgericht",
         .model_points = {{"dwang_drang", kTilt}, {"politiserend", kTilt}},
         .source = "A: aimed at liveability and the common good: the surroundings' interests "
                   "(dwang_drang) and structural causes (politiserend)"},
        {.param = QsParam::doelstelling,
         .answer = "doelgroepgericht",
         .model_points = {{"hulp", kTilt}, {"presentie", kTilt}},
         .source = "A: aimed at the target group's well-being: help and presence"},

        // --- regie: effective factors --------------------------------------------------------
        {.param = QsParam::regie,
         .answer = "aanbodgericht",
         .model_points = {{"hulp", kTilt}},
         .source = "A: supply-led: the organisation's offer is brought to the household (hulp "
                   "hands over to the existing offer); no demand-led factors"},
        {.param = QsParam::regie,
         .answer = "vraaggericht",
         .factors = {"eigen_regie", "situationeel"},
         .source = "A: demand-led: the household's question directs (eigen_regie) and the action "
                   "fits the household (situationeel); seed 001 effective factors"},

        // --- focus: which signals, which area ------------------------------------------------
        {.param = QsParam::focus_thema,
         .answer = "thema_specifiek",
         .sources_allow = kDebtSources,
         .source = "A: the theme modelled is debts (vroegsignalering): only the debt signal "
                   "sources feed the team"},
        {.param = QsParam::focus_thema,
         .answer = "integraal",
         .sources_allow =
             std::vector<SignalSource>{woningcorporatie, energie_water, zorgverzekeraar, huisarts,
                                       school, buren, politie, netwerk},
         .source = "A: generalist: every life domain, so every signal source the aanmelding "
                   "answers name"},
        {.param = QsParam::focus_gebied,
         .answer = "categoriaal",
         .allocation_points = {{huisbezoek_signaal, kWho}},
         .source = "A: a category is found through signals about its members, wherever they "
                   "live"},
        {.param = QsParam::focus_gebied,
         .answer = "territoriaal",
         .allocation_points = {{huisbezoek_alle, kWho}},
         .source = "A: an area is covered street by street: more door to door (the sweep's "
                   "streets)"},

        // --- tijdsbepaling: the time caps ----------------------------------------------------
        {.param = QsParam::tijdsbepaling,
         .answer = "gelimiteerd",
         .client_hours_from_numbers = true,
         .source = "seed 002: hours per week per client x the longest duration per client"},
        {.param = QsParam::tijdsbepaling,
         .answer = "niet_gelimiteerd",
         .model_points = {{"presentie", 2 * kTilt}},  // A: no time limit is presence's mark
         .client_hours_cap = kQsUnlimitedClientHours,
         .source = "A: no time limit: no client hours cap (the largest allowed) and a presence "
                   "tilt (presentie: no time limit, DESIGN.md 2)"},
    };
    return table;
}

const QsEffect& quick_scan_effect(QsParam param, std::string_view answer) {
    for (const auto& e : quick_scan_table()) {
        if (e.param == param && e.answer == answer) return e;
    }
    throw std::logic_error("no quick-scan row " + std::string(param_info(param).path) + ": " +
                           std::string(answer));
}

// --- Reading --------------------------------------------------------------------------------

namespace {

const std::vector<std::string> kTopKeys{"acties",       "aanmelding",    "doelgroep",
                                        "doelstelling", "focus",         "locatie",
                                        "regie",        "tijdsbepaling", "werkrelatie"};

std::string joined(const std::vector<std::string_view>& ids, std::string_view sep = ", ") {
    std::string out;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i) out += sep;
        out += ids[i];
    }
    return out;
}

class QsReader {
  public:
    QsReader(const std::string& path, IssueSink& sink) : path_(path), sink_(sink) {}

    void read(const YAML::Node& node, QuickScan& qs) {
        if (!node.IsMap()) {
            sink_.add(node, path_, describe(node),
                      "a map of quick-scan answers (werkrelatie, aanmelding, doelgroep, locatie, "
                      "acties, doelstelling, regie, focus, tijdsbepaling)");
            return;
        }
        check_keys(node, path_, kTopKeys, sink_);
        for (const auto& key : {"werkrelatie", "aanmelding", "doelgroep", "locatie", "acties",
                                "doelstelling", "regie", "focus", "tijdsbepaling"}) {
            if (!node[key]) missing(node, path_, key);
        }
        for (const auto& [key, child] : map_entries(node, path_, sink_)) {
            const std::string kp = join_path(path_, key);
            if (key == "werkrelatie") {
                read_list(child, kp, qs.werkrelatie);
            } else if (key == "aanmelding") {
                read_list(child, kp, qs.aanmelding);
            } else if (key == "doelgroep") {
                read_list(child, kp, qs.doelgroep);
            } else if (key == "locatie") {
                read_list(child, kp, qs.locatie);
            } else if (key == "acties") {
                read_list(child, kp, qs.acties);
            } else if (key == "doelstelling") {
                read_one(child, kp, qs.doelstelling);
            } else if (key == "regie") {
                read_one(child, kp, qs.regie);
            } else if (key == "focus") {
                read_focus(child, kp, qs);
            } else if (key == "tijdsbepaling") {
                read_time(child, kp, qs);
            }
        }
    }

  private:
    // A missing parameter, reported at the map that should hold it.
    void missing(const YAML::Node& map, const std::string& path, const std::string& key) {
        const std::string kp = join_path(path, key);
        std::string hint;
        for (const auto& p : quick_scan_params()) {
            if (kp == join_path(path_, std::string(p.path))) {
                hint = (p.dynamic ? "a list of: " : "one of: ") + joined(p.answers);
            }
        }
        if (key == "focus")
            hint =
                "{thema: thema_specifiek or integraal, gebied: categoriaal or "
                "territoriaal}";
        if (key == "tijdsbepaling")
            hint =
                "niet_gelimiteerd, or {soort: gelimiteerd, uren_per_week_per_client: ..., "
                "max_weken_per_client: ...}";
        sink_.add(map, kp, "nothing", "a value for required key '" + key + "'", hint);
    }

    template <typename E>
    void read_list(const YAML::Node& node, const std::string& path, std::vector<E>& out) {
        const auto ids = string_ids(ids_vector<E>());
        const std::string name = path.substr(path.rfind('.') + 1);
        if (node.IsScalar()) {
            sink_.add(node, path, describe(node), "a list of " + name + " answers",
                      "several answers are possible: write [" + node.Scalar() + "] for one");
            return;
        }
        if (!node.IsSequence()) {
            sink_.add(node, path, describe(node), "a list of " + name + " answers",
                      "allowed: " + joined(ids_vector<E>()));
            return;
        }
        if (node.size() == 0) {
            sink_.add(node, path, "an empty list", "at least one " + name + " answer",
                      "allowed: " + joined(ids_vector<E>()));
            return;
        }
        for (std::size_t i = 0; i < node.size(); ++i) {
            const std::string kp = path + "[" + std::to_string(i) + "]";
            const YAML::Node item = node[i];
            if (!item.IsScalar()) {
                sink_.add(item, kp, describe(item), "a " + name + " answer",
                          "allowed: " + joined(ids_vector<E>()));
                continue;
            }
            const std::string v = item.Scalar();
            const auto id = parse_id<E>(v);
            if (!id) {
                sink_.add(item, kp, "unknown answer '" + v + "'", "a " + name + " answer",
                          suggestion(v, ids));
            } else if (std::find(out.begin(), out.end(), *id) != out.end()) {
                sink_.add(item, kp, "'" + v + "' again", "each answer once");
            } else {
                out.push_back(*id);
            }
        }
    }

    // One answer of a static parameter; false (with an issue) when there is none.
    template <typename E>
    bool read_one(const YAML::Node& node, const std::string& path, E& out) {
        const auto ids = string_ids(ids_vector<E>());
        const std::string name = path.substr(path.rfind('.') + 1);
        if (node.IsSequence()) {
            const std::string hint =
                node.size() == 1 && node[0].IsScalar()
                    ? "a static parameter takes one answer: write " + node[0].Scalar() +
                          " without brackets"
                    : "a static parameter takes one answer; allowed: " + joined(ids_vector<E>());
            sink_.add(node, path, "a list", "one " + name + " answer", hint);
            return false;
        }
        if (!node.IsScalar()) {
            sink_.add(node, path, describe(node), "one " + name + " answer",
                      "allowed: " + joined(ids_vector<E>()));
            return false;
        }
        const std::string v = node.Scalar();
        if (const auto id = parse_id<E>(v)) {
            out = *id;
            return true;
        }
        sink_.add(node, path, "unknown answer '" + v + "'", "a " + name + " answer",
                  suggestion(v, ids));
        return false;
    }

    void read_focus(const YAML::Node& node, const std::string& path, QuickScan& qs) {
        if (!node.IsMap()) {
            sink_.add(node, path, describe(node),
                      "a map {thema: thema_specifiek or integraal, gebied: categoriaal or "
                      "territoriaal}",
                      node.IsSequence() ? "focus answers two questions, one answer each" : "");
            return;
        }
        check_keys(node, path, {"gebied", "thema"}, sink_);
        if (!node["thema"]) missing(node, path, "thema");
        if (!node["gebied"]) missing(node, path, "gebied");
        for (const auto& [key, child] : map_entries(node, path, sink_)) {
            if (key == "thema") read_one(child, join_path(path, key), qs.thema);
            if (key == "gebied") read_one(child, join_path(path, key), qs.gebied);
        }
    }

    void read_time(const YAML::Node& node, const std::string& path, QuickScan& qs) {
        const std::string limited_form =
            "{soort: gelimiteerd, uren_per_week_per_client: ..., max_weken_per_client: ...}";
        if (node.IsScalar()) {
            // Shorthand: `tijdsbepaling: niet_gelimiteerd`.
            if (node.Scalar() == "gelimiteerd") {
                sink_.add(node, path, "'gelimiteerd' without its limits",
                          "niet_gelimiteerd, or " + limited_form);
                return;
            }
            read_one(node, path, qs.tijdsbepaling);
            return;
        }
        if (!node.IsMap()) {
            sink_.add(node, path, node.IsSequence() ? "a list" : describe(node),
                      "niet_gelimiteerd, or " + limited_form,
                      node.IsSequence() ? "a static parameter takes one answer" : "");
            return;
        }
        check_keys(node, path, {"max_weken_per_client", "soort", "uren_per_week_per_client"},
                   sink_);
        if (!node["soort"]) {
            sink_.add(node, join_path(path, "soort"), "nothing", "a value for required key 'soort'",
                      "one of: gelimiteerd, niet_gelimiteerd");
            return;
        }
        if (!read_one(node["soort"], join_path(path, "soort"), qs.tijdsbepaling)) return;
        const bool limited = qs.tijdsbepaling == Tijdsbepaling::gelimiteerd;
        struct Num {
            const char* key;
            double min, max;
            double* out;
        };
        const Num nums[] = {
            {"uren_per_week_per_client", kQsMinHoursPerWeekPerClient, kQsMaxHoursPerWeekPerClient,
             &qs.uren_per_week_per_client},
            {"max_weken_per_client", kQsMinWeeksPerClient, kQsMaxWeeksPerClient,
             &qs.max_weken_per_client},
        };
        for (const Num& n : nums) {
            const std::string kp = join_path(path, n.key);
            if (!limited) {
                if (node[n.key]) {
                    sink_.add(node[n.key], kp, describe(node[n.key]),
                              "no " + std::string(n.key) + " with soort: niet_gelimiteerd",
                              "limits apply to soort: gelimiteerd only");
                }
                continue;
            }
            if (!node[n.key]) {
                sink_.add(
                    node, kp, "nothing",
                    "a value for required key '" + std::string(n.key) + "' (soort: gelimiteerd)");
                continue;
            }
            if (auto v = read_number(node[n.key], kp, sink_, n.min, n.max)) *n.out = *v;
        }
    }

    std::string path_;
    IssueSink& sink_;
};

}  // namespace

std::optional<QuickScan> parse_quick_scan(const YAML::Node& node, const std::string& path,
                                          IssueSink& sink) {
    const std::size_t before = sink.issues().size();
    QuickScan qs;
    QsReader(path, sink).read(node, qs);
    if (sink.issues().size() != before) return std::nullopt;
    return qs;
}

// --- Applying -------------------------------------------------------------------------------

namespace {

std::string num(double v) { return format_number(v); }

std::string source_list(const std::vector<SignalSource>& s) {
    std::vector<std::string_view> ids;
    for (auto x : s) ids.push_back(id_of(x));
    return joined(ids);
}

std::string source_list(const std::array<bool, kSignalSources>& s) {
    std::vector<SignalSource> v;
    for (int i = 0; i < kSignalSources; ++i) {
        if (s[i]) v.push_back(static_cast<SignalSource>(i));
    }
    return v.empty() ? std::string("none") : source_list(v);
}

// The parts of a row's effect, each as text (used by provenance and the docs).
struct EffectText {
    std::string hours, models, sources, protocol, caps, factors;
};

EffectText effect_text(const QsEffect& e, const QuickScan* scan) {
    EffectText t;
    for (const auto& [m, pts] : e.allocation_points) {
        t.hours += (t.hours.empty() ? "" : ", ") + std::string(id_of(m)) + " +" + num(pts);
    }
    for (const auto& [m, pts] : e.model_points) {
        t.models += (t.models.empty() ? "" : ", ") + std::string(m) + " +" + num(pts);
    }
    if (!e.sources_add.empty()) t.sources = "+ " + source_list(e.sources_add);
    if (e.sources_allow) {
        t.sources += (t.sources.empty() ? "" : "; ") +
                     (e.sources_allow->size() == static_cast<std::size_t>(kSignalSources)
                          ? std::string("all allowed")
                          : "only " + source_list(*e.sources_allow));
    }
    std::vector<std::string> p;
    if (e.max_visits >= 0) p.push_back("max_visits " + std::to_string(e.max_visits));
    if (e.no_announce) p.push_back("letter false, phone false");
    if (e.vary_times) p.push_back("vary_times true");
    if (e.duo) p.push_back("duo true");
    for (const auto& s : p) t.protocol += (t.protocol.empty() ? "" : ", ") + s;
    if (e.caseload_cap > 0) t.caps = "caseload_cap " + std::to_string(e.caseload_cap);
    if (e.client_hours_from_numbers) {
        t.caps += (t.caps.empty() ? "" : ", ") + std::string("client_hours_cap = ");
        t.caps += scan ? num(scan->uren_per_week_per_client) + " x " +
                             num(scan->max_weken_per_client) + " = " +
                             num(scan->uren_per_week_per_client * scan->max_weken_per_client)
                       : "uren_per_week_per_client x max_weken_per_client";
    }
    if (e.client_hours_cap >= 0) {
        t.caps += (t.caps.empty() ? "" : ", ") + std::string("client_hours_cap ") +
                  num(e.client_hours_cap);
    }
    for (const auto& f : e.factors) t.factors += (t.factors.empty() ? "" : ", ") + std::string(f);
    return t;
}

std::string provenance_text(const QsEffect& e, const QuickScan& scan) {
    const EffectText t = effect_text(e, &scan);
    std::vector<std::string> parts;
    if (!t.hours.empty()) parts.push_back("allocation points " + t.hours);
    if (!t.models.empty()) parts.push_back("model points " + t.models);
    if (!t.sources.empty()) parts.push_back("signal sources " + t.sources);
    if (!t.protocol.empty()) parts.push_back("protocol " + t.protocol);
    if (!t.caps.empty()) parts.push_back(t.caps);
    if (!t.factors.empty()) parts.push_back("factors + " + t.factors);
    std::string out;
    for (const auto& s : parts) out += (out.empty() ? "" : "; ") + s;
    return out;
}

std::string answer_label(const QsEffect& e) {
    return std::string(param_info(e.param).path) + ": " + std::string(e.answer);
}

std::string protocol_text(const Protocol& p) {
    auto b = [](bool v) { return v ? "true" : "false"; };
    return std::string("letter ") + b(p.letter) + ", phone " + b(p.phone) + ", max_visits " +
           std::to_string(p.max_visits) + ", vary_times " + b(p.vary_times) + ", duo " + b(p.duo);
}

std::string allocation_text(const std::array<double, kMethods>& a) {
    std::string out;
    for (int m = 0; m < kMethods; ++m) {
        out += (m ? ", " : "") + std::string(id_of(static_cast<Method>(m))) + " " + num(a[m]);
    }
    return out;
}

std::string models_text(const std::map<std::string, double>& models) {
    std::string out;
    for (const auto& id : builtin_models().ids()) {
        const auto it = models.find(id);
        if (it == models.end()) continue;
        out += (out.empty() ? "" : ", ") + id + " " + num(it->second);
    }
    return out;
}

std::string factors_text(const std::vector<std::string>& f) {
    if (f.empty()) return "none";
    std::string out;
    for (const auto& s : f) out += (out.empty() ? "" : ", ") + s;
    return out;
}

// Factors in builtin_factors() order.
std::vector<std::string> ordered_factors(const std::set<std::string>& ids) {
    std::vector<std::string> out;
    for (const auto& f : builtin_factors()) {
        if (ids.count(f.id) != 0U) out.push_back(f.id);
    }
    return out;
}

}  // namespace

std::vector<std::string> QuickScanMapping::text() const {
    std::vector<std::string> out;
    for (const auto& l : lines) out.push_back(l.to_string());
    return out;
}

QuickScanMapping apply_quick_scan(const QuickScan& scan, WorkerSpec& worker,
                                  std::array<bool, kSignalSources>& sources) {
    QuickScanMapping out;
    std::array<double, kMethods> alloc{};
    std::map<std::string, double> model_points;
    std::array<bool, kSignalSources> added{};
    std::array<bool, kSignalSources> allowed;
    allowed.fill(true);
    std::set<std::string> factors;
    int max_visits = -1;
    bool no_announce = false, vary_times = false, duo = false;
    int caseload = 0;
    double client_hours = -1;

    for (const QsEffect& e : quick_scan_table()) {
        const auto given = answers_of(scan, e.param);
        if (std::find(given.begin(), given.end(), e.answer) == given.end()) continue;
        const std::string label = answer_label(e);
        for (const auto& [m, pts] : e.allocation_points) {
            alloc[static_cast<std::size_t>(m)] += pts;
            out.method_answers[static_cast<std::size_t>(m)].push_back(label);
        }
        for (const auto& [m, pts] : e.model_points) model_points[std::string(m)] += pts;
        for (auto s : e.sources_add) added[static_cast<std::size_t>(s)] = true;
        if (e.sources_allow) {
            std::array<bool, kSignalSources> row{};
            for (auto s : *e.sources_allow) row[static_cast<std::size_t>(s)] = true;
            for (int i = 0; i < kSignalSources; ++i) allowed[i] = allowed[i] && row[i];
        }
        for (const auto& f : e.factors) factors.insert(std::string(f));
        max_visits = std::max(max_visits, e.max_visits);
        no_announce = no_announce || e.no_announce;
        vary_times = vary_times || e.vary_times;
        duo = duo || e.duo;
        if (e.caseload_cap > 0)
            caseload = caseload > 0 ? std::min(caseload, e.caseload_cap) : e.caseload_cap;
        if (e.client_hours_from_numbers)
            client_hours = scan.uren_per_week_per_client * scan.max_weken_per_client;
        if (e.client_hours_cap >= 0) client_hours = e.client_hours_cap;
        out.lines.push_back({label, provenance_text(e, scan)});
    }

    // Allocation: points normalised to shares.
    double total = 0;
    for (double a : alloc) total += a;
    if (total > 0) {
        for (int m = 0; m < kMethods; ++m) worker.allocation[m] = alloc[m] / total;
        out.lines.push_back({"result", "allocation " + allocation_text(worker.allocation)});
    }
    // Model mix: points normalised to weights, in registry order.
    double model_total = 0;
    for (const auto& [id, pts] : model_points) model_total += pts;
    if (model_total > 0) {
        worker.models.clear();
        for (const auto& [id, pts] : model_points) {
            if (pts > 0) worker.models[id] = pts / model_total;
        }
        out.lines.push_back({"result", "models " + models_text(worker.models)});
    }
    // Protocol: every field.
    if (max_visits >= 0) worker.protocol.max_visits = max_visits;
    worker.protocol.letter = !no_announce;
    worker.protocol.phone = !no_announce;
    worker.protocol.vary_times = vary_times;
    worker.protocol.duo = duo;
    out.lines.push_back({"result", "protocol " + protocol_text(worker.protocol)});
    if (caseload > 0) worker.caseload_cap = caseload;
    out.lines.push_back({"result", "caseload_cap " + std::to_string(worker.caseload_cap) +
                                       (caseload > 0 ? "" : " (unchanged: no answer sets it)")});
    if (client_hours >= 0) worker.client_hours_cap = client_hours;
    out.lines.push_back({"result", "client_hours_cap " + num(worker.client_hours_cap)});
    worker.factors = ordered_factors(factors);
    out.lines.push_back({"result", "factors " + factors_text(worker.factors)});
    // Signal sources: the union of the answers' sources, within every answer's allowed set.
    for (int i = 0; i < kSignalSources; ++i) {
        out.sources[i] = added[i] && allowed[i];
        if (out.sources[i]) sources[i] = true;
    }
    out.lines.push_back(
        {"result", "signal sources " + source_list(out.sources) + " (added to the team's)"});
    // Notes: combinations that leave hours or a model without what they work on.
    const bool any_source =
        std::any_of(out.sources.begin(), out.sources.end(), [](bool b) { return b; });
    if (worker.allocation[static_cast<int>(huisbezoek_signaal)] > 0 && !any_source) {
        out.lines.push_back(
            {"note",
             "huisbezoek_signaal has hours but this scan names no signal source "
             "(aanmelding professioneel_netwerk or niet_professioneel_netwerk); they are "
             "spent only on the team's other sources"});
    }
    if (worker.models.count("verbindend") != 0U && !out.sources[static_cast<int>(netwerk)]) {
        out.lines.push_back(
            {"note",
             "verbindend's referrals by connected residents arrive through the netwerk "
             "source, which this scan does not name (aanmelding "
             "niet_professioneel_netwerk, focus.thema integraal)"});
    }
    return out;
}

QuickScanMapping apply_quick_scan_with_overrides(const QuickScan& scan, WorkerSpec& worker,
                                                 const std::vector<std::string>& given,
                                                 std::array<bool, kSignalSources>& sources) {
    const WorkerSpec written = worker;
    QuickScanMapping out = apply_quick_scan(scan, worker, sources);
    auto has = [&](const std::string& key) {
        return std::find(given.begin(), given.end(), key) != given.end();
    };
    auto note = [&](const std::string& key, const std::string& value) {
        out.lines.push_back({"explicit", key + " " + value + " (given: overrides the quick scan)"});
    };
    if (has("allocation")) {
        worker.allocation = written.allocation;
        note("allocation", allocation_text(worker.allocation));
    }
    if (has("models")) {
        worker.models = written.models;
        note("models", models_text(worker.models));
    }
    if (has("caseload_cap")) {
        worker.caseload_cap = written.caseload_cap;
        note("caseload_cap", std::to_string(worker.caseload_cap));
    }
    if (has("client_hours_cap")) {
        worker.client_hours_cap = written.client_hours_cap;
        note("client_hours_cap", num(worker.client_hours_cap));
    }
    auto b = [](bool v) { return std::string(v ? "true" : "false"); };
    if (has("protocol.letter")) {
        worker.protocol.letter = written.protocol.letter;
        note("protocol.letter", b(worker.protocol.letter));
    }
    if (has("protocol.phone")) {
        worker.protocol.phone = written.protocol.phone;
        note("protocol.phone", b(worker.protocol.phone));
    }
    if (has("protocol.max_visits")) {
        worker.protocol.max_visits = written.protocol.max_visits;
        note("protocol.max_visits", std::to_string(worker.protocol.max_visits));
    }
    if (has("protocol.vary_times")) {
        worker.protocol.vary_times = written.protocol.vary_times;
        note("protocol.vary_times", b(worker.protocol.vary_times));
    }
    if (has("protocol.duo")) {
        worker.protocol.duo = written.protocol.duo;
        note("protocol.duo", b(worker.protocol.duo));
    }
    if (has("factors")) {
        std::set<std::string> all(worker.factors.begin(), worker.factors.end());
        all.insert(written.factors.begin(), written.factors.end());
        worker.factors = ordered_factors(all);
        out.lines.push_back({"explicit", "factors " + factors_text(written.factors) +
                                             " (given: added to the quick scan's) -> " +
                                             factors_text(worker.factors)});
    }
    return out;
}

// --- Documentation --------------------------------------------------------------------------

std::string quick_scan_reference_markdown() {
    std::ostringstream md;
    md << "# The Antwerp quick scan\n\n"
          "Generated from the tables in `sim/scenario/quick_scan.cpp` "
          "(`quick_scan_reference_markdown()`); a test checks that this file is up to date.\n\n"
          "The quick scan (De Maeyer, Dewaele & Beelen 2013; seed 002) describes an outreach "
          "practice in nine parameters: five *dynamic* ones (several answers possible, they "
          "shift with people's needs) and four *static* ones (one answer, stable over time). "
          "A worker entry in a scenario may describe its way of working with a `quick_scan:` map "
          "instead of, or besides, the detailed keys (`allocation`, `models`, `protocol`, "
          "`caseload_cap`, `client_hours_cap`, `factors`; see "
          "[scenario-reference.md](scenario-reference.md)). Each answer changes the simulation "
          "in the documented way below. The quick scan is descriptive, so every number of the "
          "mapping is an assumption (`A`): a what-if lever, not a finding.\n\n"
          "## The nine parameters\n\n"
          "| key | kind | question (seed 002) | answers |\n|---|---|---|---|\n";
    for (const auto& p : quick_scan_params()) {
        md << "| `" << p.path << "` | "
           << (p.dynamic ? "dynamic: a list, one or more answers" : "static: one answer") << " | "
           << markdown_cell(std::string(p.question)) << " | ";
        for (std::size_t i = 0; i < p.answers.size(); ++i)
            md << (i ? ", " : "") << "`" << p.answers[i] << "`";
        md << " |\n";
    }
    md << "\n`focus` answers two questions (`thema` and `gebied`), one answer each. "
          "`tijdsbepaling` is `niet_gelimiteerd` or a map `{soort: gelimiteerd, "
          "uren_per_week_per_client: <hours>, max_weken_per_client: <weeks>}` with hours/week "
          "per client in ["
       << num(kQsMinHoursPerWeekPerClient) << ", " << num(kQsMaxHoursPerWeekPerClient)
       << "] and weeks in [" << num(kQsMinWeeksPerClient) << ", " << num(kQsMaxWeeksPerClient)
       << "] (`{soort: niet_gelimiteerd}` is accepted too). The seed's other two time questions "
          "are answered elsewhere in the scenario: outreach hours per week by the worker's "
          "`schedule` and `contract_hours_per_week`, the project's duration by "
          "`horizon_days`.\n\n"
          "All nine parameters are required. Unknown keys and answers (with a suggestion), a list "
          "where one answer is expected (or the reverse), an empty list, an answer given twice, a "
          "missing parameter and numbers out of range are errors naming file, line, column, key "
          "path and what was expected.\n\n"
          "## YAML shape\n\n"
          "```yaml\n"
          "workers:\n"
          "  - id: buurtteam\n"
          "    count: 4\n"
          "    quick_scan:\n"
          "      werkrelatie: [vrijwillig, aanklampend]\n"
          "      aanmelding: [professioneel_netwerk, niet_professioneel_netwerk]\n"
          "      doelgroep: [individu, gezin, niet_gekend]\n"
          "      locatie: [privaat, publiek]\n"
          "      acties: [direct, participeren_leefwereld]\n"
          "      doelstelling: doelgroepgericht\n"
          "      regie: vraaggericht\n"
          "      focus: {thema: integraal, gebied: territoriaal}\n"
          "      tijdsbepaling: {soort: gelimiteerd, uren_per_week_per_client: 2, "
          "max_weken_per_client: 12}\n"
          "    factors: [ervaringsdeskundige]   # added to the quick scan's factors\n"
          "```\n\n"
          "## How answers combine\n\n"
          "- **Hours** (`allocation`): each answer adds points to contact methods; the points of "
          "all answers are summed and divided by their total, so the five shares sum to 1. "
          "Scales: a `locatie` answer carries "
       << num(kWhere) << " points, an `aanmelding` answer " << num(kHow)
       << ", a `doelgroep` or `focus.gebied` answer " << num(kWho)
       << " (A: where one mostly works weighs most).\n"
          "- **Model mix** (`models`): the same with model points. An `acties` or `werkrelatie` "
          "answer carries "
       << num(kModelCore) << " points; `doelstelling`, `regie` and `tijdsbepaling` tilt by "
       << num(kTilt) << " to " << num(2 * kTilt)
       << " (A: the ways of working name the model, the static goals tilt it).\n"
          "- **Protocol**: the quick scan sets all five fields. `max_visits` is the largest of "
          "the `werkrelatie` answers'; `letter` and `phone` are true unless an answer goes "
          "straight to the door; `vary_times` and `duo` are true when any answer asks for them, "
          "false otherwise.\n"
          "- **Caps**: `client_hours_cap` from `tijdsbepaling`; `caseload_cap` is the smallest an "
          "answer sets, else the worker's value (default 25).\n"
          "- **Effective factors**: the union of the answers' factors.\n"
          "- **Signal sources** (`signals.sources`, the team's): the union of the sources the "
          "answers add, kept only where every answer allows them (`focus.thema`). A team's "
          "sources are the union over its workers' quick scans; a scenario that gives "
          "`signals.sources` explicitly keeps its own list.\n"
          "- **Quick scan and detailed keys together**: the quick scan is applied first; then "
          "every detailed key the worker gives explicitly (`allocation`, `models`, "
          "`caseload_cap`, `client_hours_cap`, each `protocol` field) overrides what the scan "
          "set, except `factors`, which are added to the scan's. The run's provenance lists, per "
          "worker, every answer with the settings it produced, the results and each explicit "
          "override.\n\n"
          "## Mapping\n\n"
          "Points are before normalisation. Sources: `+` adds to the team's signal sources, "
          "`only` restricts them.\n\n"
          "| parameter | answer | hours (allocation points) | model mix (points) | signal "
          "sources | protocol | caps | factors | why |\n"
          "|---|---|---|---|---|---|---|---|---|\n";
    for (const auto& e : quick_scan_table()) {
        const EffectText t = effect_text(e, nullptr);
        md << "| `" << param_info(e.param).path << "` | `" << e.answer << "` | "
           << markdown_cell(t.hours) << " | " << markdown_cell(t.models) << " | "
           << markdown_cell(t.sources) << " | " << markdown_cell(t.protocol) << " | "
           << markdown_cell(t.caps) << " | " << markdown_cell(t.factors) << " | "
           << markdown_cell(std::string(e.source)) << " |\n";
    }
    md << "\nNotes on combinations:\n\n"
          "- Hours on `huisbezoek_signaal` need signal sources: with neither "
          "`professioneel_netwerk` nor `niet_professioneel_netwerk` (or with `thema_specifiek` "
          "and only `niet_professioneel_netwerk`) those hours find an empty queue unless other "
          "workers' answers or `signals.sources` add sources; the provenance notes this.\n"
          "- The connecting model's referrals by connected residents arrive through the "
          "`netwerk` source, i.e. with `niet_professioneel_netwerk` and `focus.thema: "
          "integraal`.\n"
          "- Hours on `voorlichting_collectief` (from `semi_publiek`, `groep` or "
          "`via_persoon_zelf`) need `collective_locations` in the scenario.\n";
    return md.str();
}

}  // namespace bb
