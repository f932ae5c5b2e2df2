// The canonical ids of Buurtbereik's vocabulary (DESIGN.md §2) as enums, with their Dutch ids.
// These ids appear in scenario files, result files and summaries; the enum order is the on-disk
// encoding (results store the integer and a `labels` attribute), so append, never reorder.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace bb {

enum class Profile : std::uint8_t { zelfredzaam, zorgmisser, zorgmijder };
inline constexpr int kProfiles = 3;

enum class Composition : std::uint8_t { eenpersoons, zonder_kinderen, met_kinderen };
inline constexpr int kCompositions = 3;

// Time-of-week slots: weekdays have a day and an evening slot, weekend days one slot.
enum class SlotKind : std::uint8_t { weekdag_dag, weekdag_avond, weekend };
inline constexpr int kSlotKinds = 3;

// Life domains in which needs arise.
enum class Domain : std::uint8_t { financien, wonen, gezondheid, sociaal, opvoeding };
inline constexpr int kDomains = 5;

// Where a household stands in the outreach funnel; exactly one per household per day.
enum class FunnelState : std::uint8_t {
    geen_nood,     // no need above the threshold
    onbekend,      // in need, unknown to outreach
    gesignaleerd,  // in need, signalled and waiting in the queue
    benaderd,      // attempted (letter, phone, door, street), no conversation yet
    in_gesprek,    // had a conversation, help not (yet) accepted
    geaccepteerd,  // accepted help; warm hand-over in progress
    toegeleid,     // handed over: receiving help through outreach
    zelf_hulp,     // receiving help found through its own route
    geescaleerd,   // an escalation is being dealt with by statutory services
};
inline constexpr int kFunnelStates = 9;

enum class Method : std::uint8_t {
    huisbezoek_signaal,
    huisbezoek_alle,
    aanwezig_openbaar,
    voorlichting_collectief,
    online,  // the quick scan's fifth channel: chat and social media (locatie: online)
};
inline constexpr int kMethods = 5;

enum class EscalationKind : std::uint8_t {
    huisuitzetting,               // eviction
    kinderbeschermingsmaatregel,  // child-protection measure (OTS, placement)
    crisis,                       // psychiatric crisis episode
    dakloosheid,                  // homelessness
};
inline constexpr int kEscalationKinds = 4;

enum class Perspective : std::uint8_t { maatschappij, gemeente, woningcorporatie };
inline constexpr int kPerspectives = 3;

enum class SignalSource : std::uint8_t {
    woningcorporatie,
    energie_water,
    zorgverzekeraar,
    huisarts,
    school,
    buren,
    politie,
    netwerk,  // a referral by a resident whom outreach connected to the buurt's network
              // (verbindend)
};
inline constexpr int kSignalSources = 8;

// What one contact attempt was.
enum class Action : std::uint8_t {
    brief,
    telefoon,
    huisbezoek,
    deur,
    straatcontact,
    voorlichting,
    online,
};
inline constexpr int kActions = 7;

// How one contact attempt ended.
enum class Outcome : std::uint8_t {
    geen_reactie,    // letter unanswered, phone not picked up, nobody home
    geweigerd,       // met, but no conversation
    gesprek,         // conversation; household not in need (awareness raised)
    hulp_afgewezen,  // conversation with a household in need that declined help
    geaccepteerd,    // conversation and help accepted: warm hand-over follows
};
inline constexpr int kOutcomes = 5;

// Why the attempt happened or ended the way it did (the event log's `reason`).
enum class Reason : std::uint8_t {
    signaal,            // working a signal case
    protocol_vervolg,   // next protocol step after no response
    terugbezoek,        // call-back in a sweep
    ronde,              // first pass of a sweep
    aanwezigheid,       // met while present in public space
    bijeenkomst,        // attended an information session
    protocol_uitgeput,  // the protocol's last step: the case closes after it, whatever the outcome
    online,             // met online (chat, social media)
    vervolgcontact,     // a further contact on a case after a conversation without acceptance
};
inline constexpr int kReasons = 9;

// Ledger activities: what worker hours were spent on.
enum class Activity : std::uint8_t {
    brief,
    telefoon,
    huisbezoek,
    deur,
    gesprek,
    aanwezigheid,
    voorlichting,
    toeleiding,
    niet_besteed,     // scheduled hours the method could not use (e.g. an empty signal queue)
    online,           // online presence: chat, social media
    collectief_werk,  // a model's collective work (community, network, structural causes)
};
inline constexpr int kActivities = 11;

// Barriers to reaching or using provisions that workers record (signalen over voorzieningen).
enum class Barrier : std::uint8_t {
    onbekendheid,    // the household did not know the provision exists or applies to it
    taal,            // language: forms, letters and counters in Dutch only
    wantrouwen,      // distrust of institutions keeps the household away
    schaamte,        // stigma and shame
    bereikbaarheid,  // provisions open only when the household cannot come (office hours)
    aansluiting,     // the hand-over failed: the provision did not fit or fell short
};
inline constexpr int kBarriers = 6;

// The Dutch id of every enum value, in encoding order: one table per enum.
template <typename E>
struct EnumIds;

#define BB_ENUM_IDS(E, ...)                                                         \
    template <>                                                                     \
    struct EnumIds<E> {                                                             \
        static constexpr auto ids = std::to_array<std::string_view>({__VA_ARGS__}); \
    }

BB_ENUM_IDS(Profile, "zelfredzaam", "zorgmisser", "zorgmijder");
BB_ENUM_IDS(Composition, "eenpersoons", "zonder_kinderen", "met_kinderen");
BB_ENUM_IDS(SlotKind, "weekdag_dag", "weekdag_avond", "weekend");
BB_ENUM_IDS(Domain, "financien", "wonen", "gezondheid", "sociaal", "opvoeding");
BB_ENUM_IDS(FunnelState, "geen_nood", "onbekend", "gesignaleerd", "benaderd", "in_gesprek",
            "geaccepteerd", "toegeleid", "zelf_hulp", "geescaleerd");
BB_ENUM_IDS(Method, "huisbezoek_signaal", "huisbezoek_alle", "aanwezig_openbaar",
            "voorlichting_collectief", "online");
BB_ENUM_IDS(EscalationKind, "huisuitzetting", "kinderbeschermingsmaatregel", "crisis",
            "dakloosheid");
BB_ENUM_IDS(Perspective, "maatschappij", "gemeente", "woningcorporatie");
BB_ENUM_IDS(SignalSource, "woningcorporatie", "energie_water", "zorgverzekeraar", "huisarts",
            "school", "buren", "politie", "netwerk");
BB_ENUM_IDS(Action, "brief", "telefoon", "huisbezoek", "deur", "straatcontact", "voorlichting",
            "online");
BB_ENUM_IDS(Outcome, "geen_reactie", "geweigerd", "gesprek", "hulp_afgewezen", "geaccepteerd");
BB_ENUM_IDS(Reason, "signaal", "protocol_vervolg", "terugbezoek", "ronde", "aanwezigheid",
            "bijeenkomst", "protocol_uitgeput", "online", "vervolgcontact");
BB_ENUM_IDS(Activity, "brief", "telefoon", "huisbezoek", "deur", "gesprek", "aanwezigheid",
            "voorlichting", "toeleiding", "niet_besteed", "online", "collectief_werk");
BB_ENUM_IDS(Barrier, "onbekendheid", "taal", "wantrouwen", "schaamte", "bereikbaarheid",
            "aansluiting");

#undef BB_ENUM_IDS

// Each table lists every enum value: the k-constants above are the sizes of these tables.
static_assert(
    EnumIds<Profile>::ids.size() == kProfiles &&
    EnumIds<Composition>::ids.size() == kCompositions &&
    EnumIds<SlotKind>::ids.size() == kSlotKinds && EnumIds<Domain>::ids.size() == kDomains &&
    EnumIds<FunnelState>::ids.size() == kFunnelStates && EnumIds<Method>::ids.size() == kMethods &&
    EnumIds<EscalationKind>::ids.size() == kEscalationKinds &&
    EnumIds<Perspective>::ids.size() == kPerspectives &&
    EnumIds<SignalSource>::ids.size() == kSignalSources &&
    EnumIds<Action>::ids.size() == kActions && EnumIds<Outcome>::ids.size() == kOutcomes &&
    EnumIds<Reason>::ids.size() == kReasons && EnumIds<Activity>::ids.size() == kActivities &&
    EnumIds<Barrier>::ids.size() == kBarriers);

template <typename E>
constexpr int count_of() {
    return static_cast<int>(EnumIds<E>::ids.size());
}

template <typename E>
constexpr std::string_view id_of(E value) {
    return EnumIds<E>::ids[static_cast<std::size_t>(value)];
}

template <typename E>
constexpr std::optional<E> parse_id(std::string_view id) {
    for (std::size_t i = 0; i < EnumIds<E>::ids.size(); ++i) {
        if (EnumIds<E>::ids[i] == id) return static_cast<E>(i);
    }
    return std::nullopt;
}

}  // namespace bb
