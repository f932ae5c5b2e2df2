// The Antwerp quick scan: reading (good input and every kind of error, with its file, line,
// column, key path, found, expected and hint), the mapping (each answer changes what it should;
// shares sum to 1; deterministic; every answer of every parameter changes at least one setting),
// the explicit-override rule, and the generated documentation.
#include "sim/scenario/quick_scan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "models/factors.hpp"
#include "models/outreach_model.hpp"
#include "sim/core/errors.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/yaml_reader.hpp"
#include "tests/support/issues.hpp"
#include "tests/support/test_scenarios.hpp"

namespace bb {
namespace {

const std::string kFile = "scan.yaml";
const std::string kPath = "workers[0].quick_scan";

// A worker entry with the given quick-scan body (lines indented by 6).
std::string worker_text(const std::string& body) {
    return "workers:\n  - id: team\n    quick_scan:\n" + body;
}

const std::string kGood =
    "      werkrelatie: [vrijwillig, aanklampend]\n"
    "      aanmelding: [professioneel_netwerk, niet_professioneel_netwerk]\n"
    "      doelgroep: [individu, gezin, niet_gekend]\n"
    "      locatie: [privaat, publiek]\n"
    "      acties: [direct, participeren_leefwereld]\n"
    "      doelstelling: doelgroepgericht\n"
    "      regie: vraaggericht\n"
    "      focus: {thema: integraal, gebied: territoriaal}\n"
    "      tijdsbepaling: {soort: gelimiteerd, uren_per_week_per_client: 2, "
    "max_weken_per_client: 12}\n";

struct Parsed {
    std::optional<QuickScan> scan;
    std::vector<ScenarioIssue> issues;
};

Parsed parse_text(const std::string& text) {
    const YAML::Node root = YAML::Load(text);
    IssueSink sink(kFile);
    Parsed out;
    out.scan = parse_quick_scan(root["workers"][0]["quick_scan"], kPath, sink);
    out.issues = sink.issues();
    return out;
}

// `body` with the line starting with `key:` (at 6 spaces) replaced by `line` (or removed).
std::string with(const std::string& body, const std::string& key, const std::string& line) {
    std::string out;
    std::size_t start = 0;
    while (start < body.size()) {
        const std::size_t end = body.find('\n', start);
        const std::string l = body.substr(start, end - start + 1);
        out += l.rfind("      " + key + ":", 0) == 0 ? line : l;
        start = end + 1;
    }
    return out;
}

using test::position_of;

void expect_issue(const ScenarioIssue& issue, test::Position at, const std::string& key_path,
                  const std::string& found, const std::string& expected,
                  const std::string& hint = "") {
    test::expect_issue_fields(issue, kFile, at, key_path, found, expected, hint);
}

// The one issue of a body with one mistake.
ScenarioIssue one_issue(const std::string& text) {
    const Parsed p = parse_text(text);
    EXPECT_FALSE(p.scan.has_value());
    if (p.issues.size() != 1u) {
        ADD_FAILURE() << p.issues.size() << " issues for:\n" << text;
        for (const auto& i : p.issues) ADD_FAILURE() << i.to_string();
    }
    return p.issues.empty() ? ScenarioIssue{} : p.issues[0];
}

// --- Parsing --------------------------------------------------------------------------------

TEST(QuickScanParse, ReadsEveryParameter) {
    const Parsed p = parse_text(worker_text(kGood));
    ASSERT_TRUE(p.scan.has_value());
    EXPECT_TRUE(p.issues.empty());
    const QuickScan& s = *p.scan;
    EXPECT_EQ(s.werkrelatie,
              (std::vector<Werkrelatie>{Werkrelatie::vrijwillig, Werkrelatie::aanklampend}));
    EXPECT_EQ(s.aanmelding, (std::vector<Aanmelding>{Aanmelding::professioneel_netwerk,
                                                     Aanmelding::niet_professioneel_netwerk}));
    EXPECT_EQ(s.doelgroep, (std::vector<Doelgroep>{Doelgroep::individu, Doelgroep::gezin,
                                                   Doelgroep::niet_gekend}));
    EXPECT_EQ(s.locatie, (std::vector<Locatie>{Locatie::privaat, Locatie::publiek}));
    EXPECT_EQ(s.acties, (std::vector<Actie>{Actie::direct, Actie::participeren_leefwereld}));
    EXPECT_EQ(s.doelstelling, Doelstelling::doelgroepgericht);
    EXPECT_EQ(s.regie, Regie::vraaggericht);
    EXPECT_EQ(s.thema, Thema::integraal);
    EXPECT_EQ(s.gebied, Gebied::territoriaal);
    EXPECT_EQ(s.tijdsbepaling, Tijdsbepaling::gelimiteerd);
    EXPECT_EQ(s.uren_per_week_per_client, 2.0);
    EXPECT_EQ(s.max_weken_per_client, 12.0);
}

TEST(QuickScanParse, NietGelimiteerdAsScalarOrMap) {
    for (const std::string& t : {std::string("      tijdsbepaling: niet_gelimiteerd\n"),
                                 std::string("      tijdsbepaling: {soort: niet_gelimiteerd}\n")}) {
        const Parsed p = parse_text(worker_text(with(kGood, "tijdsbepaling", t)));
        ASSERT_TRUE(p.scan.has_value()) << t;
        EXPECT_EQ(p.scan->tijdsbepaling, Tijdsbepaling::niet_gelimiteerd);
    }
}

TEST(QuickScanParse, NotAMap) {
    const std::string text = "workers:\n  - id: team\n    quick_scan: [vrijwillig]\n";
    expect_issue(one_issue(text), position_of(text, "[vrijwillig]"), kPath, "a list",
                 "a map of quick-scan answers (werkrelatie, aanmelding, doelgroep, locatie, "
                 "acties, doelstelling, regie, focus, tijdsbepaling)");
}

TEST(QuickScanParse, UnknownKeySuggestsTheNearest) {
    const std::string text = worker_text(kGood + "      werkrelaties: [dwang]\n");
    expect_issue(one_issue(text), position_of(text, "werkrelaties"), kPath + ".werkrelaties",
                 "unknown key 'werkrelaties'", "a known key", "did you mean 'werkrelatie'?");
}

TEST(QuickScanParse, UnknownAnswerInAListSuggestsTheNearest) {
    const std::string text =
        worker_text(with(kGood, "werkrelatie", "      werkrelatie: [vrijwillig, aanklampen]\n"));
    const ScenarioIssue issue = one_issue(text);
    expect_issue(issue, position_of(text, "aanklampen]"), kPath + ".werkrelatie[1]",
                 "unknown answer 'aanklampen'", "a werkrelatie answer",
                 "did you mean 'aanklampend'?");
    EXPECT_EQ(issue.to_string(),
              "scan.yaml:4:33: key 'workers[0].quick_scan.werkrelatie[1]': found unknown answer "
              "'aanklampen'; expected a werkrelatie answer (did you mean 'aanklampend'?)");
}

TEST(QuickScanParse, UnknownAnswerWithoutNearMissListsTheAnswers) {
    const std::string text = worker_text(with(kGood, "locatie", "      locatie: [straat]\n"));
    expect_issue(one_issue(text), position_of(text, "straat"), kPath + ".locatie[0]",
                 "unknown answer 'straat'", "a locatie answer",
                 "allowed: privaat, semi_publiek, publiek, online");
}

TEST(QuickScanParse, UnknownStaticAnswer) {
    const std::string text = worker_text(with(kGood, "regie", "      regie: vraaggerict\n"));
    expect_issue(one_issue(text), position_of(text, "vraaggerict"), kPath + ".regie",
                 "unknown answer 'vraaggerict'", "a regie answer", "did you mean 'vraaggericht'?");
}

TEST(QuickScanParse, AListWhereOneAnswerIsExpected) {
    const std::string text =
        worker_text(with(kGood, "doelstelling", "      doelstelling: [doelgroepgericht]\n"));
    expect_issue(one_issue(text), position_of(text, "[doelgroepgericht]"), kPath + ".doelstelling",
                 "a list", "one doelstelling answer",
                 "a static parameter takes one answer: write doelgroepgericht without brackets");
    const std::string two = worker_text(with(
        kGood, "doelstelling", "      doelstelling: [doelgroepgericht, maatschappijgericht]\n"));
    expect_issue(one_issue(two), position_of(two, "[doelgroepgericht"), kPath + ".doelstelling",
                 "a list", "one doelstelling answer",
                 "a static parameter takes one answer; allowed: maatschappijgericht, "
                 "doelgroepgericht");
}

TEST(QuickScanParse, AListInFocus) {
    const std::string text = worker_text(
        with(kGood, "focus", "      focus: {thema: [integraal], gebied: territoriaal}\n"));
    expect_issue(one_issue(text), position_of(text, "[integraal]"), kPath + ".focus.thema",
                 "a list", "one thema answer",
                 "a static parameter takes one answer: write integraal without brackets");
}

TEST(QuickScanParse, AScalarWhereAListIsExpected) {
    const std::string text = worker_text(with(kGood, "locatie", "      locatie: privaat\n"));
    expect_issue(one_issue(text), position_of(text, "privaat\n"), kPath + ".locatie", "'privaat'",
                 "a list of locatie answers",
                 "several answers are possible: write [privaat] for one");
}

TEST(QuickScanParse, EmptyAndRepeatedAnswers) {
    const std::string empty = worker_text(with(kGood, "acties", "      acties: []\n"));
    expect_issue(one_issue(empty), position_of(empty, "[]"), kPath + ".acties", "an empty list",
                 "at least one acties answer",
                 "allowed: direct, indirect, participeren_leefwereld, structureel");
    const std::string twice =
        worker_text(with(kGood, "acties", "      acties: [direct, indirect, direct]\n"));
    expect_issue(one_issue(twice), position_of(twice, "direct]"), kPath + ".acties[2]",
                 "'direct' again", "each answer once");
}

TEST(QuickScanParse, EveryMissingParameterIsReported) {
    const std::string text = worker_text("      regie: aanbodgericht\n");
    const Parsed p = parse_text(text);
    EXPECT_FALSE(p.scan.has_value());
    ASSERT_EQ(p.issues.size(), 8u);
    const test::Position at = position_of(text, "regie");  // the map that should hold them
    const std::vector<std::pair<std::string, std::string>> want{
        {"werkrelatie", "a list of: vrijwillig, aanklampend, stok_achter_de_deur, dwang"},
        {"aanmelding",
         "a list of: eigen_observatie, via_persoon_zelf, professioneel_netwerk, "
         "niet_professioneel_netwerk"},
        {"doelgroep", "a list of: individu, groep, gezin, gekend, niet_gekend"},
        {"locatie", "a list of: privaat, semi_publiek, publiek, online"},
        {"acties", "a list of: direct, indirect, participeren_leefwereld, structureel"},
        {"doelstelling", "one of: maatschappijgericht, doelgroepgericht"},
        {"focus", "{thema: thema_specifiek or integraal, gebied: categoriaal or territoriaal}"},
        {"tijdsbepaling",
         "niet_gelimiteerd, or {soort: gelimiteerd, uren_per_week_per_client: ..., "
         "max_weken_per_client: ...}"},
    };
    for (std::size_t i = 0; i < want.size(); ++i) {
        expect_issue(p.issues[i], at, kPath + "." + want[i].first, "nothing",
                     "a value for required key '" + want[i].first + "'", want[i].second);
    }
}

TEST(QuickScanParse, FocusNeedsBothQuestions) {
    const std::string text = worker_text(
        with(kGood, "focus", "      focus: {thema: integraal, gebeid: territoriaal}\n"));
    const Parsed p = parse_text(text);
    ASSERT_EQ(p.issues.size(), 2u);
    expect_issue(p.issues[0], position_of(text, "gebeid"), kPath + ".focus.gebeid",
                 "unknown key 'gebeid'", "a known key", "did you mean 'gebied'?");
    expect_issue(p.issues[1], position_of(text, "{thema"), kPath + ".focus.gebied", "nothing",
                 "a value for required key 'gebied'", "one of: categoriaal, territoriaal");
}

TEST(QuickScanParse, FocusMustBeAMap) {
    const std::string text =
        worker_text(with(kGood, "focus", "      focus: [integraal, territoriaal]\n"));
    expect_issue(one_issue(text), position_of(text, "[integraal"), kPath + ".focus", "a list",
                 "a map {thema: thema_specifiek or integraal, gebied: categoriaal or "
                 "territoriaal}",
                 "focus answers two questions, one answer each");
}

TEST(QuickScanParse, GelimiteerdNeedsItsLimits) {
    const std::string scalar =
        worker_text(with(kGood, "tijdsbepaling", "      tijdsbepaling: gelimiteerd\n"));
    expect_issue(one_issue(scalar), position_of(scalar, "gelimiteerd\n"), kPath + ".tijdsbepaling",
                 "'gelimiteerd' without its limits",
                 "niet_gelimiteerd, or {soort: gelimiteerd, uren_per_week_per_client: ..., "
                 "max_weken_per_client: ...}");
    const std::string text = worker_text(
        with(kGood, "tijdsbepaling",
             "      tijdsbepaling: {soort: gelimiteerd, uren_per_week_per_client: 2}\n"));
    expect_issue(one_issue(text), position_of(text, "{soort"),
                 kPath + ".tijdsbepaling.max_weken_per_client", "nothing",
                 "a value for required key 'max_weken_per_client' (soort: gelimiteerd)");
    const std::string nosoort = worker_text(
        with(kGood, "tijdsbepaling", "      tijdsbepaling: {uren_per_week_per_client: 2}\n"));
    expect_issue(one_issue(nosoort), position_of(nosoort, "{uren"), kPath + ".tijdsbepaling.soort",
                 "nothing", "a value for required key 'soort'",
                 "one of: gelimiteerd, niet_gelimiteerd");
}

TEST(QuickScanParse, LimitsOutOfRangeOrWithoutGelimiteerd) {
    const std::string range =
        worker_text(with(kGood, "tijdsbepaling",
                         "      tijdsbepaling: {soort: gelimiteerd, uren_per_week_per_client: 50, "
                         "max_weken_per_client: 12}\n"));
    expect_issue(one_issue(range), position_of(range, "50"),
                 kPath + ".tijdsbepaling.uren_per_week_per_client", "'50'",
                 "a number in [0.25, 40]");
    const std::string weeks =
        worker_text(with(kGood, "tijdsbepaling",
                         "      tijdsbepaling: {soort: gelimiteerd, uren_per_week_per_client: 2, "
                         "max_weken_per_client: 0}\n"));
    expect_issue(one_issue(weeks), position_of(weeks, "0}"),
                 kPath + ".tijdsbepaling.max_weken_per_client", "'0'", "a number in [1, 250]");
    const std::string extra = worker_text(
        with(kGood, "tijdsbepaling",
             "      tijdsbepaling: {soort: niet_gelimiteerd, max_weken_per_client: 12}\n"));
    expect_issue(one_issue(extra), position_of(extra, "12}"),
                 kPath + ".tijdsbepaling.max_weken_per_client", "'12'",
                 "no max_weken_per_client with soort: niet_gelimiteerd",
                 "limits apply to soort: gelimiteerd only");
}

TEST(QuickScanParse, EveryIssueOfAScanIsReportedAtOnce) {
    std::string body = with(kGood, "werkrelatie", "      werkrelatie: [dwnag]\n");
    body = with(body, "regie", "      regie: [vraaggericht]\n");
    body = with(body, "locatie", "      locatie: publiek\n");
    body += "      extra: 1\n";
    const Parsed p = parse_text(worker_text(body));
    EXPECT_FALSE(p.scan.has_value());
    std::set<std::string> paths;
    for (const auto& i : p.issues) paths.insert(i.key_path);
    EXPECT_EQ(paths, (std::set<std::string>{kPath + ".werkrelatie[0]", kPath + ".regie",
                                            kPath + ".locatie", kPath + ".extra"}));
}

TEST(QuickScanParse, IssuesGoToTheSinkAlongsideOthers) {
    // The scan's issues join those the caller already found; nullopt only for the scan's own.
    IssueSink sink(kFile);
    const YAML::Node root = YAML::Load(worker_text(kGood));
    sink.add(root, "elsewhere", "x", "y");
    EXPECT_TRUE(parse_quick_scan(root["workers"][0]["quick_scan"], kPath, sink).has_value());
    EXPECT_EQ(sink.issues().size(), 1u);
}

// --- Mapping --------------------------------------------------------------------------------

// A neutral baseline: one answer per dynamic parameter, professional signals (so focus.thema has
// something to restrict) and a limited time.
QuickScan baseline() {
    QuickScan s;
    s.werkrelatie = {Werkrelatie::vrijwillig};
    s.aanmelding = {Aanmelding::professioneel_netwerk};
    s.doelgroep = {Doelgroep::individu};
    s.locatie = {Locatie::privaat};
    s.acties = {Actie::direct};
    s.doelstelling = Doelstelling::doelgroepgericht;
    s.regie = Regie::aanbodgericht;
    s.thema = Thema::integraal;
    s.gebied = Gebied::categoriaal;
    s.tijdsbepaling = Tijdsbepaling::gelimiteerd;
    s.uren_per_week_per_client = 2;
    s.max_weken_per_client = 12;
    return s;
}

// Everything apply_quick_scan sets, for comparison.
struct Settings {
    std::array<double, kMethods> allocation;
    std::map<std::string, double> models;
    bool letter, phone, vary_times, duo;
    int max_visits, caseload_cap;
    double client_hours_cap;
    std::vector<std::string> factors;
    std::array<bool, kSignalSources> sources;

    bool operator==(const Settings& o) const {
        auto close = [](double a, double b) { return std::abs(a - b) < 1e-12; };
        for (int m = 0; m < kMethods; ++m) {
            if (!close(allocation[m], o.allocation[m])) return false;
        }
        if (models.size() != o.models.size()) return false;
        for (const auto& [id, w] : models) {
            const auto it = o.models.find(id);
            if (it == o.models.end() || !close(w, it->second)) return false;
        }
        return letter == o.letter && phone == o.phone && vary_times == o.vary_times &&
               duo == o.duo && max_visits == o.max_visits && caseload_cap == o.caseload_cap &&
               close(client_hours_cap, o.client_hours_cap) && factors == o.factors &&
               sources == o.sources;
    }
};

Settings settings_of(const QuickScan& scan, QuickScanMapping* mapping = nullptr) {
    WorkerSpec w;
    std::array<bool, kSignalSources> sources{};
    QuickScanMapping m = apply_quick_scan(scan, w, sources);
    if (mapping) *mapping = m;
    return {w.allocation,
            w.models,
            w.protocol.letter,
            w.protocol.phone,
            w.protocol.vary_times,
            w.protocol.duo,
            w.protocol.max_visits,
            w.caseload_cap,
            w.client_hours_cap,
            w.factors,
            sources};
}

double share(const Settings& s, Method m) { return s.allocation[static_cast<std::size_t>(m)]; }
double weight(const Settings& s, const std::string& id) {
    const auto it = s.models.find(id);
    return it == s.models.end() ? 0.0 : it->second;
}
bool has_factor(const Settings& s, const std::string& id) {
    return std::find(s.factors.begin(), s.factors.end(), id) != s.factors.end();
}
bool source(const Settings& s, SignalSource src) { return s.sources[static_cast<int>(src)]; }

TEST(QuickScanMapping, WerkrelatieSetsPersistenceAndPressure) {
    QuickScan s = baseline();
    const Settings vrij = settings_of(s);
    EXPECT_EQ(vrij.max_visits, 1);
    EXPECT_TRUE(vrij.letter && vrij.phone);
    EXPECT_FALSE(vrij.duo);
    EXPECT_FALSE(has_factor(vrij, "vertrouwenswerk"));
    EXPECT_EQ(weight(vrij, "dwang_drang"), 0.0);

    s.werkrelatie = {Werkrelatie::aanklampend};
    const Settings aan = settings_of(s);
    EXPECT_EQ(aan.max_visits, 5);
    EXPECT_TRUE(aan.vary_times);
    EXPECT_TRUE(has_factor(aan, "vertrouwenswerk"));

    s.werkrelatie = {Werkrelatie::stok_achter_de_deur};
    const Settings stok = settings_of(s);
    EXPECT_GT(weight(stok, "dwang_drang"), 0.0);
    EXPECT_GT(stok.max_visits, vrij.max_visits);
    EXPECT_TRUE(stok.duo);
    EXPECT_TRUE(stok.letter);

    s.werkrelatie = {Werkrelatie::dwang};
    const Settings dwang = settings_of(s);
    EXPECT_GT(weight(dwang, "dwang_drang"), weight(stok, "dwang_drang"));
    EXPECT_FALSE(dwang.letter);
    EXPECT_FALSE(dwang.phone);
    EXPECT_TRUE(dwang.duo);

    // Several answers: the most persistent position sets the visits.
    s.werkrelatie = {Werkrelatie::vrijwillig, Werkrelatie::aanklampend};
    EXPECT_EQ(settings_of(s).max_visits, 5);
}

TEST(QuickScanMapping, AanmeldingSetsTheSignalSources) {
    QuickScan s = baseline();
    const Settings prof = settings_of(s);
    for (auto src : {SignalSource::huisarts, SignalSource::school, SignalSource::politie,
                     SignalSource::woningcorporatie, SignalSource::energie_water,
                     SignalSource::zorgverzekeraar})
        EXPECT_TRUE(source(prof, src)) << id_of(src);
    EXPECT_FALSE(source(prof, SignalSource::buren));
    EXPECT_FALSE(source(prof, SignalSource::netwerk));

    s.aanmelding = {Aanmelding::niet_professioneel_netwerk};
    const Settings buren = settings_of(s);
    EXPECT_TRUE(source(buren, SignalSource::buren));
    EXPECT_TRUE(source(buren, SignalSource::netwerk));
    EXPECT_FALSE(source(buren, SignalSource::huisarts));

    s.aanmelding = {Aanmelding::eigen_observatie};
    const Settings eigen = settings_of(s);
    EXPECT_EQ(eigen.sources, (std::array<bool, kSignalSources>{}));
    EXPECT_GT(share(eigen, Method::huisbezoek_alle), share(prof, Method::huisbezoek_alle));
    EXPECT_GT(share(eigen, Method::aanwezig_openbaar), share(prof, Method::aanwezig_openbaar));

    s.aanmelding = {Aanmelding::via_persoon_zelf};
    const Settings zelf = settings_of(s);
    EXPECT_GT(share(zelf, Method::voorlichting_collectief), 0.0);
    EXPECT_GT(share(zelf, Method::online), 0.0);
    EXPECT_EQ(share(prof, Method::online), 0.0);
}

TEST(QuickScanMapping, SignalSourcesAreAddedToTheTeams) {
    // The union: apply_quick_scan never clears a source another worker's scan set.
    QuickScan s = baseline();
    s.aanmelding = {Aanmelding::niet_professioneel_netwerk};
    WorkerSpec w;
    std::array<bool, kSignalSources> team{};
    team[static_cast<int>(SignalSource::school)] = true;
    const QuickScanMapping m = apply_quick_scan(s, w, team);
    EXPECT_TRUE(team[static_cast<int>(SignalSource::school)]);
    EXPECT_TRUE(team[static_cast<int>(SignalSource::buren)]);
    EXPECT_FALSE(m.sources[static_cast<int>(SignalSource::school)]);
}

TEST(QuickScanMapping, DoelgroepPicksWhoIsSought) {
    QuickScan s = baseline();
    s.doelgroep = {Doelgroep::gekend};
    const Settings gekend = settings_of(s);
    s.doelgroep = {Doelgroep::niet_gekend};
    const Settings niet = settings_of(s);
    EXPECT_GT(share(gekend, Method::huisbezoek_signaal), share(niet, Method::huisbezoek_signaal));
    EXPECT_GT(share(niet, Method::huisbezoek_alle), share(gekend, Method::huisbezoek_alle));
    EXPECT_GT(share(niet, Method::aanwezig_openbaar), share(gekend, Method::aanwezig_openbaar));
    s.doelgroep = {Doelgroep::groep};
    EXPECT_GT(share(settings_of(s), Method::voorlichting_collectief), 0.0);
    s.doelgroep = {Doelgroep::gezin};
    EXPECT_EQ(settings_of(s).caseload_cap, 15);
    EXPECT_EQ(gekend.caseload_cap, WorkerSpec{}.caseload_cap);  // unchanged when none sets it
}

TEST(QuickScanMapping, LocatieMapsToTheContactMethods) {
    const std::vector<std::pair<Locatie, Method>> pairs{
        {Locatie::privaat, Method::huisbezoek_signaal},
        {Locatie::semi_publiek, Method::voorlichting_collectief},
        {Locatie::publiek, Method::aanwezig_openbaar},
        {Locatie::online, Method::online}};
    QuickScan s = baseline();
    s.locatie = {Locatie::online};
    const Settings base = settings_of(s);  // compare each with an online-only worker
    s.locatie = {Locatie::publiek};
    const Settings publiek = settings_of(s);
    for (const auto& [loc, method] : pairs) {
        s.locatie = {loc};
        const Settings x = settings_of(s);
        const Settings& other = loc == Locatie::online ? publiek : base;
        EXPECT_GT(share(x, method), share(other, method)) << id_of(loc);
    }
    s.locatie = {Locatie::privaat};
    EXPECT_GT(share(settings_of(s), Method::huisbezoek_alle), share(base, Method::huisbezoek_alle));
}

TEST(QuickScanMapping, ActiesSetTheModelMix) {
    const std::vector<std::pair<Actie, std::vector<std::string>>> pairs{
        {Actie::direct, {"hulp"}},
        {Actie::indirect, {"verbindend"}},
        {Actie::participeren_leefwereld, {"presentie"}},
        {Actie::structureel, {"politiserend", "kwartiermaken"}}};
    QuickScan s = baseline();
    for (const auto& [actie, models] : pairs) {
        s.acties = {actie};
        const Settings x = settings_of(s);
        // Compared with a worker whose only action is another one.
        s.acties = {actie == Actie::direct ? Actie::indirect : Actie::direct};
        const Settings other = settings_of(s);
        for (const auto& id : models) {
            EXPECT_GT(weight(x, id), weight(other, id)) << id_of(actie) << " " << id;
        }
    }
    s.acties = {Actie::indirect};
    // verbindend 2 of 5.5 points: vrijwillig hulp 2, indirect verbindend 2, doelgroepgericht hulp
    // and presentie 0.5 each, aanbodgericht hulp 0.5.
    EXPECT_DOUBLE_EQ(weight(settings_of(s), "verbindend"), 2.0 / 5.5);
}

TEST(QuickScanMapping, DoelstellingTiltsTheMix) {
    QuickScan s = baseline();
    const Settings doel = settings_of(s);
    s.doelstelling = Doelstelling::maatschappijgericht;
    const Settings maat = settings_of(s);
    EXPECT_GT(weight(maat, "dwang_drang"), weight(doel, "dwang_drang"));
    EXPECT_GT(weight(maat, "politiserend"), weight(doel, "politiserend"));
    EXPECT_GT(weight(doel, "presentie"), weight(maat, "presentie"));
    EXPECT_GT(weight(doel, "hulp"), weight(maat, "hulp"));
}

TEST(QuickScanMapping, RegieSetsTheDemandLedFactors) {
    QuickScan s = baseline();
    EXPECT_TRUE(settings_of(s).factors.empty());
    s.regie = Regie::vraaggericht;
    const Settings v = settings_of(s);
    EXPECT_EQ(v.factors,
              (std::vector<std::string>{"situationeel", "eigen_regie"}));  // poster order
}

TEST(QuickScanMapping, FocusRestrictsSourcesAndSetsTheArea) {
    QuickScan s = baseline();
    s.aanmelding = {Aanmelding::professioneel_netwerk, Aanmelding::niet_professioneel_netwerk};
    s.thema = Thema::thema_specifiek;
    const Settings spec = settings_of(s);
    for (int i = 0; i < kSignalSources; ++i) {
        const auto src = static_cast<SignalSource>(i);
        const bool debt = src == SignalSource::woningcorporatie ||
                          src == SignalSource::energie_water ||
                          src == SignalSource::zorgverzekeraar;
        EXPECT_EQ(source(spec, src), debt) << id_of(src);
    }
    s.thema = Thema::integraal;
    const Settings integraal = settings_of(s);
    EXPECT_EQ(integraal.sources,
              (std::array<bool, kSignalSources>{true, true, true, true, true, true, true, true}));
    s.gebied = Gebied::territoriaal;
    const Settings terr = settings_of(s);
    EXPECT_GT(share(terr, Method::huisbezoek_alle), share(integraal, Method::huisbezoek_alle));
    EXPECT_LT(share(terr, Method::huisbezoek_signaal),
              share(integraal, Method::huisbezoek_signaal));
}

TEST(QuickScanMapping, TijdsbepalingSetsTheClientHoursCap) {
    QuickScan s = baseline();
    const Settings lim = settings_of(s);
    EXPECT_DOUBLE_EQ(lim.client_hours_cap, 24.0);  // 2 h/week x 12 weeks
    s.tijdsbepaling = Tijdsbepaling::niet_gelimiteerd;
    const Settings unl = settings_of(s);
    EXPECT_EQ(unl.client_hours_cap, kQsUnlimitedClientHours);
    EXPECT_GT(weight(unl, "presentie"), weight(lim, "presentie"));
}

TEST(QuickScanMapping, SharesAndWeightsSumToOneAndStayInRange) {
    // A deterministic sample of answer sets (every dynamic subset is non-empty).
    std::mt19937 rng(20130101);
    auto subset = [&](int n) {
        std::vector<int> out;
        while (out.empty()) {
            for (int i = 0; i < n; ++i) {
                if (rng() % 2) out.push_back(i);
            }
        }
        return out;
    };
    for (int k = 0; k < 500; ++k) {
        QuickScan s;
        for (int i : subset(4)) s.werkrelatie.push_back(static_cast<Werkrelatie>(i));
        for (int i : subset(4)) s.aanmelding.push_back(static_cast<Aanmelding>(i));
        for (int i : subset(5)) s.doelgroep.push_back(static_cast<Doelgroep>(i));
        for (int i : subset(4)) s.locatie.push_back(static_cast<Locatie>(i));
        for (int i : subset(4)) s.acties.push_back(static_cast<Actie>(i));
        s.doelstelling = static_cast<Doelstelling>(rng() % 2);
        s.regie = static_cast<Regie>(rng() % 2);
        s.thema = static_cast<Thema>(rng() % 2);
        s.gebied = static_cast<Gebied>(rng() % 2);
        s.tijdsbepaling = static_cast<Tijdsbepaling>(rng() % 2);
        s.uren_per_week_per_client = kQsMaxHoursPerWeekPerClient;
        s.max_weken_per_client = kQsMaxWeeksPerClient;
        const Settings x = settings_of(s);
        double shares = 0, weights = 0;
        for (double a : x.allocation) {
            EXPECT_GE(a, 0.0);
            EXPECT_LE(a, 1.0);
            shares += a;
        }
        for (const auto& [id, w] : x.models) {
            EXPECT_NE(builtin_models().find(id), nullptr) << id;
            EXPECT_GT(w, 0.0);
            EXPECT_LE(w, 1.0);
            weights += w;
        }
        EXPECT_NEAR(shares, 1.0, 1e-12);
        EXPECT_NEAR(weights, 1.0, 1e-12);
        EXPECT_GE(x.max_visits, 1);
        EXPECT_LE(x.client_hours_cap, 10000.0);
        EXPECT_GE(x.caseload_cap, 1);
    }
}

TEST(QuickScanMapping, DependsOnTheSetOfAnswersOnly) {
    QuickScan a = baseline();
    a.werkrelatie = {Werkrelatie::aanklampend, Werkrelatie::dwang};
    a.locatie = {Locatie::publiek, Locatie::privaat, Locatie::online};
    a.acties = {Actie::structureel, Actie::direct};
    QuickScan b = a;
    std::reverse(b.werkrelatie.begin(), b.werkrelatie.end());
    std::reverse(b.locatie.begin(), b.locatie.end());
    std::reverse(b.acties.begin(), b.acties.end());
    QuickScanMapping ma, mb;
    const Settings sa = settings_of(a, &ma), sb = settings_of(b, &mb);
    EXPECT_EQ(sa, sb);
    EXPECT_EQ(sa.allocation, sb.allocation);  // bit-identical, not only close
    EXPECT_EQ(ma.text(), mb.text());
    QuickScanMapping again;
    EXPECT_EQ(settings_of(a, &again), sa);  // the same scan twice: the same result
    EXPECT_EQ(again.text(), ma.text());
}

TEST(QuickScanMapping, ProvenanceNamesEveryAnswerAndTheResults) {
    const Parsed p = parse_text(worker_text(kGood));
    ASSERT_TRUE(p.scan.has_value());
    WorkerSpec w;
    std::array<bool, kSignalSources> team{};
    const QuickScanMapping m = apply_quick_scan(*p.scan, w, team);
    std::vector<std::string> answers;
    for (const auto& l : m.lines) {
        if (l.answer != "result" && l.answer != "note") answers.push_back(l.answer);
    }
    EXPECT_EQ(
        answers,
        (std::vector<std::string>{
            "werkrelatie: vrijwillig", "werkrelatie: aanklampend",
            "aanmelding: professioneel_netwerk", "aanmelding: niet_professioneel_netwerk",
            "doelgroep: individu", "doelgroep: gezin", "doelgroep: niet_gekend", "locatie: privaat",
            "locatie: publiek", "acties: direct", "acties: participeren_leefwereld",
            "doelstelling: doelgroepgericht", "regie: vraaggericht", "focus.thema: integraal",
            "focus.gebied: territoriaal", "tijdsbepaling: gelimiteerd"}));
    const auto text = m.text();
    EXPECT_NE(std::find(text.begin(), text.end(),
                        "werkrelatie: aanklampend -> model points hulp +2; protocol max_visits 5, "
                        "vary_times true; factors + vertrouwenswerk"),
              text.end());
    EXPECT_NE(std::find(text.begin(), text.end(),
                        "tijdsbepaling: gelimiteerd -> client_hours_cap = 2 x 12 = 24"),
              text.end());
    EXPECT_NE(std::find(text.begin(), text.end(), "result -> client_hours_cap 24"), text.end());
    EXPECT_NE(std::find(text.begin(), text.end(),
                        "result -> protocol letter true, phone true, max_visits 5, vary_times "
                        "true, duo false"),
              text.end());
    // Which answers gave the methods their hours.
    EXPECT_EQ(m.method_answers[static_cast<int>(Method::aanwezig_openbaar)],
              (std::vector<std::string>{"doelgroep: individu", "doelgroep: niet_gekend",
                                        "locatie: publiek"}));
}

TEST(QuickScanMapping, NotesWhenSignalHoursHaveNoSource) {
    QuickScan s = baseline();
    s.aanmelding = {Aanmelding::eigen_observatie};
    QuickScanMapping m;
    settings_of(s, &m);
    EXPECT_TRUE(std::any_of(m.lines.begin(), m.lines.end(), [](const QuickScanLine& l) {
        return l.answer == "note" && l.settings.rfind("huisbezoek_signaal", 0) == 0;
    }));
}

// Every answer of every parameter changes at least one setting: for a dynamic parameter, each
// answer alone differs from each other answer alone, and adding it to any other answer changes
// the result; for a static parameter, the answers differ from one another. All else is the
// neutral baseline.
TEST(QuickScanMapping, EveryAnswerChangesASetting) {
    auto set_dynamic = [](QuickScan& s, QsParam p, const std::vector<int>& ids) {
        auto fill = [&](auto& v) {
            using E = typename std::decay_t<decltype(v)>::value_type;
            v.clear();
            for (int i : ids) v.push_back(static_cast<E>(i));
        };
        switch (p) {
            case QsParam::werkrelatie:
                fill(s.werkrelatie);
                break;
            case QsParam::aanmelding:
                fill(s.aanmelding);
                break;
            case QsParam::doelgroep:
                fill(s.doelgroep);
                break;
            case QsParam::locatie:
                fill(s.locatie);
                break;
            case QsParam::acties:
                fill(s.acties);
                break;
            default:
                FAIL() << "not dynamic";
        }
    };
    auto set_static = [](QuickScan& s, QsParam p, int id) {
        switch (p) {
            case QsParam::doelstelling:
                s.doelstelling = static_cast<Doelstelling>(id);
                break;
            case QsParam::regie:
                s.regie = static_cast<Regie>(id);
                break;
            case QsParam::focus_thema:
                s.thema = static_cast<Thema>(id);
                break;
            case QsParam::focus_gebied:
                s.gebied = static_cast<Gebied>(id);
                break;
            case QsParam::tijdsbepaling:
                s.tijdsbepaling = static_cast<Tijdsbepaling>(id);
                break;
            default:
                FAIL() << "not static";
        }
    };
    int checked = 0;
    for (const auto& info : quick_scan_params()) {
        const int n = static_cast<int>(info.answers.size());
        for (int a = 0; a < n; ++a) {
            for (int b = 0; b < n; ++b) {
                if (a == b) continue;
                const std::string what = std::string(info.path) + ": " +
                                         std::string(info.answers[a]) + " vs " +
                                         std::string(info.answers[b]);
                QuickScan only_a = baseline(), only_b = baseline();
                if (info.dynamic) {
                    set_dynamic(only_a, info.param, {a});
                    set_dynamic(only_b, info.param, {b});
                    QuickScan both = baseline();
                    set_dynamic(both, info.param, {b, a});
                    EXPECT_FALSE(settings_of(both) == settings_of(only_b))
                        << "adding " << info.answers[a] << " to " << info.answers[b]
                        << " changes nothing (" << info.path << ")";
                } else {
                    set_static(only_a, info.param, a);
                    set_static(only_b, info.param, b);
                }
                EXPECT_FALSE(settings_of(only_a) == settings_of(only_b)) << what;
                ++checked;
            }
        }
    }
    EXPECT_EQ(checked, 4 * 3 + 4 * 3 + 5 * 4 + 4 * 3 + 4 * 3 + 2 + 2 + 2 + 2 + 2);
}

TEST(QuickScanTable, OneDocumentedRowPerAnswer) {
    ASSERT_EQ(quick_scan_params().size(), static_cast<std::size_t>(kQsParams));
    for (int p = 0; p < kQsParams; ++p) {
        EXPECT_EQ(quick_scan_params()[static_cast<std::size_t>(p)].param, static_cast<QsParam>(p));
    }
    std::size_t answers = 0;
    for (const auto& info : quick_scan_params()) {
        for (const auto& a : info.answers) {
            ++answers;
            EXPECT_NO_THROW(quick_scan_effect(info.param, a)) << info.path << ": " << a;
        }
    }
    EXPECT_EQ(quick_scan_table().size(), answers);
    std::set<std::pair<int, std::string>> seen;
    for (const auto& e : quick_scan_table()) {
        EXPECT_TRUE(seen.insert({static_cast<int>(e.param), std::string(e.answer)}).second)
            << e.answer;
        const auto& ids = quick_scan_params()[static_cast<std::size_t>(e.param)].answers;
        EXPECT_NE(std::find(ids.begin(), ids.end(), e.answer), ids.end()) << e.answer;
        const std::string source(e.source);
        EXPECT_TRUE(source.rfind("A: ", 0) == 0 || source.rfind("seed 002", 0) == 0)
            << e.answer << ": " << source;
        for (const auto& [id, pts] : e.model_points) {
            EXPECT_NE(builtin_models().find(std::string(id)), nullptr) << id;
            EXPECT_GT(pts, 0.0);
        }
        for (const auto& [m, pts] : e.allocation_points) EXPECT_GT(pts, 0.0) << e.answer;
        for (const auto& f : e.factors) EXPECT_NE(find_factor(std::string(f)), nullptr) << f;
        if (e.caseload_cap > 0) {
            EXPECT_LE(e.caseload_cap, 10000);
        }
    }
    // Every locatie and acties answer carries points, so hours and the mix are always set.
    for (const auto& e : quick_scan_table()) {
        if (e.param == QsParam::locatie) {
            EXPECT_FALSE(e.allocation_points.empty()) << e.answer;
        }
        if (e.param == QsParam::acties) {
            EXPECT_FALSE(e.model_points.empty()) << e.answer;
        }
    }
}

// --- Quick scan and detailed keys together -------------------------------------------------

TEST(QuickScanOverrides, ExplicitKeysWinAndFactorsAreAdded) {
    QuickScan s = baseline();
    s.regie = Regie::vraaggericht;
    WorkerSpec w;
    w.allocation = {0.5, 0.5, 0, 0, 0};
    w.protocol.max_visits = 7;
    w.protocol.duo = true;  // default, not given: the scan's false wins
    w.factors = {"ervaringsdeskundige"};
    std::array<bool, kSignalSources> team{};
    const QuickScanMapping m = apply_quick_scan_with_overrides(
        s, w, {"allocation", "protocol.max_visits", "factors"}, team);
    EXPECT_EQ(w.allocation, (std::array<double, kMethods>{0.5, 0.5, 0, 0, 0}));
    EXPECT_EQ(w.protocol.max_visits, 7);
    EXPECT_FALSE(w.protocol.duo);
    EXPECT_EQ(w.models, settings_of(s).models);  // not given: the scan's
    EXPECT_EQ(w.factors,
              (std::vector<std::string>{"situationeel", "eigen_regie", "ervaringsdeskundige"}));
    std::vector<std::string> explicit_lines;
    for (const auto& l : m.lines) {
        if (l.answer == "explicit") explicit_lines.push_back(l.to_string());
    }
    EXPECT_EQ(explicit_lines,
              (std::vector<std::string>{
                  "explicit -> allocation huisbezoek_signaal 0.5, huisbezoek_alle 0.5, "
                  "aanwezig_openbaar 0, voorlichting_collectief 0, online 0 (given: overrides the "
                  "quick scan)",
                  "explicit -> protocol.max_visits 7 (given: overrides the quick scan)",
                  "explicit -> factors ervaringsdeskundige (given: added to the quick scan's) -> "
                  "situationeel, eigen_regie, ervaringsdeskundige"}));
}

// The mapped settings pass the scenario loader's own validation: a scenario whose worker was
// described by a quick scan, written out resolved, reads back with the same settings.
TEST(QuickScanMapping, MappedWorkersPassScenarioValidation) {
    Scenario sc =
        test::parse(test::small_buurt_yaml(200, 10, 1, test::worker_yaml("team", 2, 20, 4, 2)));
    std::mt19937 rng(7);
    for (int k = 0; k < 20; ++k) {
        QuickScan s = baseline();
        s.locatie = {Locatie::privaat, Locatie::semi_publiek, Locatie::online};
        if (k % 2) s.werkrelatie = {Werkrelatie::dwang, Werkrelatie::aanklampend};
        if (k % 3 == 0) s.acties = {Actie::indirect, Actie::structureel};
        if (k % 4 == 0) s.tijdsbepaling = Tijdsbepaling::niet_gelimiteerd;
        s.thema = static_cast<Thema>(rng() % 2);
        Scenario copy = sc;
        copy.signal_sources.fill(false);
        apply_quick_scan(s, copy.workers[0], copy.signal_sources);
        const Scenario back = parse_scenario(resolved_yaml(copy), "resolved.yaml");
        const WorkerSpec& w = back.workers[0];
        for (int m = 0; m < kMethods; ++m)
            EXPECT_EQ(w.allocation[m], copy.workers[0].allocation[m]);
        EXPECT_EQ(w.models, copy.workers[0].models);
        EXPECT_EQ(w.factors, copy.workers[0].factors);
        EXPECT_EQ(w.client_hours_cap, copy.workers[0].client_hours_cap);
        EXPECT_EQ(back.signal_sources, copy.signal_sources);
    }
}

// --- Documentation --------------------------------------------------------------------------

TEST(QuickScanDocs, ReferenceIsUpToDate) {
    const std::string md = quick_scan_reference_markdown();
    for (const auto& e : quick_scan_table()) {
        EXPECT_NE(md.find("| `" + std::string(e.answer) + "` |"), std::string::npos) << e.answer;
    }
    EXPECT_EQ(test::read_text("docs/quick-scan.md"), md)
        << "regenerate it: build/buurtbereik reference --quick-scan > docs/quick-scan.md";
}

}  // namespace
}  // namespace bb
