#include "leidensim/processes/demography.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#if defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512VL__)
#include <immintrin.h>
#define LEIDENSIM_DEMOGRAPHY_AVX512 1
// GCC 12's AVX-512 headers trip -Wmaybe-uninitialized on _mm512_undefined_epi32 once the
// widening loads are inlined (GCC PR 105593; see rng.cpp).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "leidensim/model_spec.hpp"
#include "leidensim/rate_tables.hpp"

namespace leidensim {

namespace {

constexpr std::uint32_t kStream = stream_id("demography");

std::atomic<bool> vector_path_enabled{true};

/// An age table as 32-bit thresholds for the vector path; false if one is certainty (2^32),
/// which 32 bits cannot hold. probability() is the threshold over 2^32, exact in a double.
bool table_bits(const AgeTable& table, std::uint32_t* bits) {
  bool fits = true;
  for (std::size_t a = 0; a < table.size(); ++a) {
    const auto raw = static_cast<std::uint64_t>(table[a].probability() * 4294967296.0);
    bits[a] = static_cast<std::uint32_t>(raw);
    fits &= raw >> 32 == 0;
  }
  return fits;
}
// Sub-streams of the demography stream (counter word 3).
constexpr std::uint32_t kSubPerson = 0, kSubHousehold = 1, kSubMatching = 2,
                        kSubImmigrationCount = 3, kSubNewborn = 5,
                        kSubImmigrationPick = 0x10000;  // + attempt number
constexpr std::uint32_t kMaxPickAttempts = 1000;
// Immigration candidates drawn and prefetched together (see apply_immigration).
constexpr std::uint32_t kBatch = 8;

/// Current slots of persons followed by id while households are rebuilt.
class SlotTracker {
 public:
  void follow(const Population& pop, std::uint32_t slot) {
    if (pop.present(slot)) slot_of_[pop.id[slot]] = slot;
  }
  /// The person's current slot, if followed and still present.
  std::optional<std::uint32_t> slot(const Population& pop, std::uint32_t slot_at_event) const {
    auto it = slot_of_.find(pop.id[slot_at_event]);
    if (it == slot_of_.end() || !pop.present(it->second)) return std::nullopt;
    return it->second;
  }
  std::optional<std::uint32_t> slot_of_id(const Population& pop, std::uint32_t id) const {
    auto it = slot_of_.find(id);
    if (it == slot_of_.end() || !pop.present(it->second)) return std::nullopt;
    return it->second;
  }
  /// Records the new slots of the members of a (re)built household.
  void rehome(const Population& pop, std::uint32_t household) {
    const std::uint32_t end = pop.hh_first[household] + pop.hh_slots[household];
    for (std::uint32_t p = pop.hh_first[household]; p < end; ++p)
      if (auto it = slot_of_.find(pop.id[p]); it != slot_of_.end()) it->second = p;
  }

 private:
  std::unordered_map<std::uint32_t, std::uint32_t> slot_of_;
};

class Demography final : public Module {
 public:
  Demography(const ParameterSet& ps, std::size_t base_persons)
      : death_{monthly_age_table(ps, "demography.mortality_annual_male"),
               monthly_age_table(ps, "demography.mortality_annual_female")},
        leave_home_(monthly_age_table(ps, "demography.leaving_home_annual")),
        partnering_(monthly_age_table(ps, "demography.partnering_annual")),
        emigration_(monthly_age_table(ps, "demography.emigration_annual")),
        separation_(monthly_threshold(ps, "demography.separation_annual", true)),
        male_at_birth_(ps.scalar("demography.male_share_at_birth")),
        immigrants_per_month_(ps.scalar("demography.immigration_annual") *
                              static_cast<double>(base_persons) / 12.0),
        immigration_growth_(ps.scalar("demography.immigration_growth_annual")),
        immigration_young_share_(ps.scalar("demography.immigration_young_share")) {
    const auto fert = ps.table("demography.fertility_annual", kMaxAge + 1);
    const double single_factor = ps.scalar("demography.fertility_single_factor");
    for (int a = 0; a <= kMaxAge; ++a) {
      birth_partnered_[a] = Threshold(monthly_from_annual(fert[a]));
      birth_single_[a] = Threshold(monthly_from_annual(fert[a] * single_factor));
    }
    vector_ok_ = table_bits(death_[0], death_bits_[0].data()) &
                 table_bits(death_[1], death_bits_[1].data()) &
                 table_bits(birth_partnered_, birth_bits_.data()) &
                 table_bits(leave_home_, leave_bits_.data()) &
                 table_bits(partnering_, partner_bits_.data());
  }

  void run_block(Phase, BlockContext& c) override { draw_events(c); }

  void run_serial(Phase phase, SerialContext& c) override {
    if (phase != kTransitions) return;
    // Applying an event may move households to new slots; persons named by later events
    // (mothers, partner seekers) are therefore followed by id.
    SlotTracker tracked;
    for (auto p : c.events.births) tracked.follow(c.pop, p);
    for (auto p : c.events.partner_seekers) tracked.follow(c.pop, p);
    apply_deaths(c);
    apply_emigration(c);
    apply_separations(c, tracked);
    apply_leaving_home(c, tracked);
    apply_partnering(c, tracked);
    apply_births(c, tracked);
    apply_immigration(c);
  }

 private:
  static bool seeks_partner_role(const Population& pop, std::uint32_t p) {
    switch (pop.role[p]) {
      case Role::Head: {
        const auto t = pop.hh_type[pop.household[p]];
        return t == HouseholdType::Single || t == HouseholdType::SingleParent;
      }
      case Role::Child:
      case Role::Other:
        return true;
      case Role::Partner:
        return false;
    }
    return false;
  }

  /// A block's four draw arrays.
  struct Draws4 {
    Draws4(std::uint32_t* base, std::size_t n) : u{base, base + n, base + 2 * n, base + 3 * n} {}
    std::uint32_t* u[4];
  };

  /// The events of a present person (already aged, of age index `a`) for whom at least one of
  /// the four draws fired, appended to the block's event lists.
  void record_events(BlockContext& c, std::uint32_t p, int a, const Draws& d) const {
    const Population& pop = c.pop;
    const int s = static_cast<int>(pop.sex[p]);
    if (death_[s][a].fires(d[0])) {
      c.events.deaths.push_back(p);
      return;
    }
    const Role r = pop.role[p];
    if (birth_partnered_[a].fires(d[1]) && pop.sex[p] == Sex::Female &&
        (r == Role::Head || r == Role::Partner)) {
      const auto t = pop.hh_type[pop.household[p]];
      const bool partnered = t == HouseholdType::CoupleNoKids ||
                             t == HouseholdType::CoupleWithKids || r == Role::Partner;
      // The single threshold is below the partnered one (fertility_single_factor <= 1).
      if (partnered || birth_single_[a].fires(d[1])) c.events.births.push_back(p);
    }
    if (leave_home_[a].fires(d[2]) && r == Role::Child) {
      c.events.leaving_home.push_back(p);
    } else if (partnering_[a].fires(d[3]) && a >= 18 && seeks_partner_role(pop, p)) {
      c.events.partner_seekers.push_back(p);
    }
  }

#if defined(LEIDENSIM_DEMOGRAPHY_AVX512)
  /// Ageing and the four event tests of draw_events, 16 persons at a time; returns the first
  /// person left for the scalar loop.
  /// Why: this pass runs over every person every month, and most of the scalar loop's work is
  /// the four table lookups. In vectors the lookups are permutes over the tables (at most 128
  /// ages), which measured faster than gathers on this project's machine.
  std::uint32_t draw_events_vector(BlockContext& c, const Draws4& draws) const {
    Population& pop = c.pop;
    const std::uint32_t first = c.block.person_begin, end = c.block.person_end;
    const std::uint8_t* const flags = pop.flags.data();
    std::uint16_t* const age_months = pop.age_months.data();
    const Sex* const sex = pop.sex.data();
    auto set = [](unsigned v) { return _mm512_set1_epi32(static_cast<int>(v)); };
    // t[a] for a < 128: one permute per 32 entries, blended by the index's range.
    auto lookup = [](const std::uint32_t* t, __m512i a, __mmask16 from32, __mmask16 from64,
                     __mmask16 from96) {
      auto part = [t](int i) { return _mm512_loadu_si512(t + 16 * i); };
      __m512i r = _mm512_permutex2var_epi32(part(0), a, part(1));
      r = _mm512_mask_mov_epi32(r, from32, _mm512_permutex2var_epi32(part(2), a, part(3)));
      r = _mm512_mask_mov_epi32(r, from64, _mm512_permutex2var_epi32(part(4), a, part(5)));
      return _mm512_mask_mov_epi32(r, from96, _mm512_permutex2var_epi32(part(6), a, part(7)));
    };
    const __m512i one = set(1);
    std::uint32_t p = first;
    for (; p + 16 <= end; p += 16) {
      const std::size_t k = p - first;
      const __mmask16 here = _mm512_test_epi32_mask(
          _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(flags + p))),
          set(person_flag::kPresent));
      __m512i age = _mm512_cvtepu16_epi32(
          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(age_months + p)));
      age = _mm512_mask_add_epi32(age, here & _mm512_cmplt_epu32_mask(age, set(0xFFFF)), age, one);
      _mm512_mask_cvtepi32_storeu_epi16(age_months + p, here, age);
      // Years as age / 12 (exact for 16-bit ages: 43691 = (2^19 + 4) / 12), capped at kMaxAge.
      const __m512i a = _mm512_min_epu32(_mm512_srli_epi32(_mm512_mullo_epi32(age, set(43691)), 19),
                                         set(kMaxAge));
      const __mmask16 from32 = _mm512_cmpge_epu32_mask(a, set(32));
      const __mmask16 from64 = _mm512_cmpge_epu32_mask(a, set(64));
      const __mmask16 from96 = _mm512_cmpge_epu32_mask(a, set(96));
      const __mmask16 female = _mm512_cmpeq_epi32_mask(
          _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(sex + p))),
          set(static_cast<unsigned>(Sex::Female)));
      const __m512i death =
          _mm512_mask_mov_epi32(lookup(death_bits_[0].data(), a, from32, from64, from96), female,
                                lookup(death_bits_[1].data(), a, from32, from64, from96));
      const __mmask16 fires =
          _mm512_cmplt_epu32_mask(_mm512_loadu_si512(draws.u[0] + k), death) |
          _mm512_cmplt_epu32_mask(_mm512_loadu_si512(draws.u[1] + k),
                                  lookup(birth_bits_.data(), a, from32, from64, from96)) |
          _mm512_cmplt_epu32_mask(_mm512_loadu_si512(draws.u[2] + k),
                                  lookup(leave_bits_.data(), a, from32, from64, from96)) |
          _mm512_cmplt_epu32_mask(_mm512_loadu_si512(draws.u[3] + k),
                                  lookup(partner_bits_.data(), a, from32, from64, from96));
      for (unsigned rest = here & fires; rest != 0; rest &= rest - 1) {
        const std::uint32_t q = p + static_cast<std::uint32_t>(std::countr_zero(rest));
        const std::size_t kq = q - first;
        record_events(c, q, age_index(age_months[q] / 12u),
                      {draws.u[0][kq], draws.u[1][kq], draws.u[2][kq], draws.u[3][kq]});
      }
    }
    return p;
  }
#endif

  void draw_events(BlockContext& c) const {
    Population& pop = c.pop;
    const MonthStream rng = c.month.stream(kStream);
    const std::uint32_t first = c.block.person_begin;
    const std::size_t n = c.block.person_end - first;
    // The block's person draws (as MonthStream::block would give them), in arrays the vector
    // path can load from. Per-thread, reused across blocks and months.
    thread_local std::vector<std::uint32_t> buffer;
    if (buffer.size() < 4 * n) buffer.resize(4 * n);
    const Draws4 draws{buffer.data(), n};
    draw_many(*c.month.key, &pop.id[first], n, c.month.month, kStream, kSubPerson, draws.u[0],
              draws.u[1], draws.u[2], draws.u[3]);
    // Raw column pointers: the loop stores into columns, which the compiler would otherwise have
    // to assume may move the vectors' own data pointers.
    const std::uint8_t* const flags = pop.flags.data();
    std::uint16_t* const age_months = pop.age_months.data();
    const Sex* const sex = pop.sex.data();
    std::uint32_t start = first;
#if defined(LEIDENSIM_DEMOGRAPHY_AVX512)
    if (vector_ok_ && vector_path_enabled.load(std::memory_order_relaxed))
      start = draw_events_vector(c, draws);
#endif
    for (std::uint32_t p = start; p < c.block.person_end; ++p) {
      // Ageing happens here, first in the hazards phase, to save a pass over the population.
      // Vacant slots keep their age: no branch on presence, which varies unpredictably.
      const bool here = flags[p] & person_flag::kPresent;
      std::uint16_t age = age_months[p];
      age = static_cast<std::uint16_t>(age + (here & (age < 0xFFFF)));
      age_months[p] = age;
      const int a = age_index(age / 12u);
      const std::size_t k = p - first;
      const Draws d = {draws.u[0][k], draws.u[1][k], draws.u[2][k], draws.u[3][k]};
      const int s = static_cast<int>(sex[p]);
      // All four events are tested without branches; only a person for whom one fires (a few
      // per cent a month) takes the branch, and role, household type and sex, which vary
      // unpredictably from person to person, are looked at only then.
      const bool dies = death_[s][a].fires(d[0]);
      const bool birth = birth_partnered_[a].fires(d[1]);
      const bool leaves = leave_home_[a].fires(d[2]);
      const bool seeks = partnering_[a].fires(d[3]);
      if (!(here & (dies | birth | leaves | seeks))) [[likely]]
        continue;
      record_events(c, p, a, d);
    }
    const auto& subjects = c.household_subjects();
    const BlockDraws& hh_draws = rng.block(subjects.data(), subjects.size(), kSubHousehold);
    const std::uint8_t* const hh_flags = pop.hh_flags.data();
    const HouseholdType* const hh_type = pop.hh_type.data();
    for (std::uint32_t h = c.block.household_begin; h < c.block.household_end; ++h) {
      if (!(hh_flags[h] & household_flag::kPresent)) continue;
      const std::size_t k = h - c.block.household_begin;
      const auto t = hh_type[h];
      const bool couple = t == HouseholdType::CoupleNoKids || t == HouseholdType::CoupleWithKids;
      const bool emigrates =
          emigration_[age_index(age_months[head_of(pop, h)] / 12u)].fires(hh_draws.u0(k));
      const bool separates = couple & separation_.fires(hh_draws.u1(k));
      if (!(emigrates | separates)) [[likely]]
        continue;
      if (emigrates)
        c.events.emigrations.push_back(h);
      else
        c.events.separations.push_back(h);
    }
  }

  static std::uint32_t head_of(const Population& pop, std::uint32_t h) {
    const std::uint32_t end = pop.hh_first[h] + pop.hh_slots[h];
    std::uint32_t first_present = end;
    for (std::uint32_t p = pop.hh_first[h]; p < end; ++p) {
      if (!pop.present(p)) continue;
      if (pop.role[p] == Role::Head) return p;
      if (first_present == end) first_present = p;
    }
    return first_present;
  }

  static void apply_deaths(SerialContext& c) {
    Population& pop = c.pop;
    for (auto p : c.events.deaths) {
      if (!pop.present(p)) continue;
      const auto h = pop.household[p];
      ++c.flows.at(pop.district[p], Indicator::Deaths);
      pop.vacate(p);
      if (pop.household_present(h)) pop.refresh_household(h);
    }
  }

  static void apply_emigration(SerialContext& c) {
    Population& pop = c.pop;
    for (auto h : c.events.emigrations) {
      if (!pop.household_present(h)) continue;
      c.flows.at(pop.hh_district[h], Indicator::Emigrants) += pop.hh_members[h];
      pop.remove_household(h);
    }
  }

  /// Moves one person out into a new one-person household in the same district.
  static void move_out_alone(Population& pop, std::uint32_t p, SlotTracker& tracked) {
    PersonRecord r = pop.record(p);
    r.role = Role::Head;
    const auto h = pop.household[p];
    const auto d = pop.district[p];
    pop.vacate(p);
    if (pop.household_present(h)) pop.refresh_household(h);
    tracked.rehome(pop, pop.add_household(d, {r}));
  }

  static void apply_separations(SerialContext& c, SlotTracker& tracked) {
    Population& pop = c.pop;
    for (auto h : c.events.separations) {
      if (!pop.household_present(h)) continue;
      const auto t = pop.hh_type[h];
      if (t != HouseholdType::CoupleNoKids && t != HouseholdType::CoupleWithKids) continue;
      // The man moves out (children stay with their mother); in same-sex couples, the partner.
      std::uint32_t head = 0, partner = 0;
      for (auto p : pop.members(h)) {
        if (pop.role[p] == Role::Head) head = p;
        if (pop.role[p] == Role::Partner) partner = p;
      }
      const bool head_leaves = pop.sex[head] == Sex::Male && pop.sex[partner] == Sex::Female;
      move_out_alone(pop, head_leaves ? head : partner, tracked);
    }
  }

  static void apply_leaving_home(SerialContext& c, SlotTracker& tracked) {
    Population& pop = c.pop;
    for (auto p : c.events.leaving_home)
      if (pop.present(p) && pop.role[p] == Role::Child) move_out_alone(pop, p, tracked);
  }

  void apply_partnering(SerialContext& c, SlotTracker& tracked) const {
    Population& pop = c.pop;
    // Bucket seekers by (district, five-year age band, sex); order each bucket by a random key.
    std::map<std::tuple<int, int, int>, std::vector<std::pair<std::uint32_t, std::uint32_t>>>
        buckets;
    const MonthStream rng = c.month.stream(kStream);
    for (auto event_slot : c.events.partner_seekers) {
      const auto slot = tracked.slot(pop, event_slot);
      if (!slot || !seeks_partner_role(pop, *slot)) continue;
      const std::uint32_t p = *slot;
      const int band = std::min<int>(static_cast<int>(pop.age_years(p)) / 5, 20);
      buckets[{pop.district[p], band, static_cast<int>(pop.sex[p])}].emplace_back(
          rng(pop.id[p], kSubMatching)[0], pop.id[p]);
    }
    for (auto& [key, men] : buckets) {
      if (std::get<2>(key) != static_cast<int>(Sex::Male)) continue;
      auto it = buckets.find({std::get<0>(key), std::get<1>(key), static_cast<int>(Sex::Female)});
      if (it == buckets.end()) continue;
      auto& women = it->second;
      std::sort(men.begin(), men.end());
      std::sort(women.begin(), women.end());
      const std::size_t n = std::min(men.size(), women.size());
      for (std::size_t k = 0; k < n; ++k) {
        const auto m = tracked.slot_of_id(pop, men[k].second);
        const auto w = tracked.slot_of_id(pop, women[k].second);
        if (m && w) form_couple(pop, *m, *w, tracked);
      }
    }
  }

  static void form_couple(Population& pop, std::uint32_t m, std::uint32_t w, SlotTracker& tracked) {
    const auto hm = pop.household[m], hw = pop.household[w];
    if (hm == hw) return;
    auto single_parent_head = [&](std::uint32_t p) {
      return pop.role[p] == Role::Head &&
             pop.hh_type[pop.household[p]] == HouseholdType::SingleParent;
    };
    const bool m_parent = single_parent_head(m), w_parent = single_parent_head(w);
    if (m_parent && w_parent) return;  // two families merging is left out of the model
    if (m_parent || w_parent) {
      const std::uint32_t mover = m_parent ? w : m;
      const std::uint32_t host = pop.household[m_parent ? m : w];
      PersonRecord r = pop.record(mover);
      r.role = Role::Partner;
      const auto old = pop.household[mover];
      pop.vacate(mover);
      if (pop.household_present(old)) pop.refresh_household(old);
      tracked.rehome(pop, pop.regrow_household(host, {r}));
      return;
    }
    PersonRecord rw = pop.record(w), rm = pop.record(m);
    rw.role = Role::Head;
    rm.role = Role::Partner;
    const auto d = pop.district[w];
    pop.vacate(w);
    pop.vacate(m);
    if (pop.household_present(hw)) pop.refresh_household(hw);
    if (pop.household_present(hm)) pop.refresh_household(hm);
    tracked.rehome(pop, pop.add_household(d, {rw, rm}));
  }

  void apply_births(SerialContext& c, SlotTracker& tracked) const {
    Population& pop = c.pop;
    const MonthStream rng = c.month.stream(kStream);
    for (auto event_slot : c.events.births) {
      const auto slot = tracked.slot(pop, event_slot);
      if (!slot) continue;  // died or left this month
      const std::uint32_t p = *slot;
      PersonRecord baby;
      baby.id = 0;  // assigned in order of application
      baby.sex = male_at_birth_.fires(rng(pop.id[p], kSubNewborn)[0]) ? Sex::Male : Sex::Female;
      baby.role = Role::Child;
      ++c.flows.at(pop.district[p], Indicator::Births);
      tracked.rehome(pop, pop.regrow_household(pop.household[p], {baby}));
    }
  }

  void apply_immigration(SerialContext& c) const {
    Population& pop = c.pop;
    const RandomKey& key = *c.month.key;
    // In-migration follows university intake and housing, not the current population: a count
    // tied to the base population, growing with the housing stock.
    const double expected =
        immigrants_per_month_ * std::pow(1.0 + immigration_growth_, c.month.month / 12.0);
    const auto target = static_cast<std::size_t>(std::floor(
        expected + unit_interval(key.draw(0, c.month.month, kStream, kSubImmigrationCount)[0])));
    if (target == 0 || pop.households() == 0) return;
    // In-migrating households are copies of resident ones, a share of them of households with a
    // head aged 18-29. Templates are found by rejection sampling over household slots, so no
    // month needs a pass over all households.
    const auto slots = static_cast<std::uint32_t>(pop.household_slots());
    std::size_t added = 0;
    for (std::uint32_t j = 0; added < target; ++j) {
      const bool young =
          unit_interval(key.draw(j, c.month.month, kStream, kSubImmigrationCount)[1]) <
          immigration_young_share_;
      std::uint32_t h = slots;
      // Candidates are drawn a batch at a time and their state is prefetched before they are
      // tried in order: each is a random household, so trying them one by one would wait for
      // several cache misses in turn. A batch is one candidate for a household that need not be
      // young (the first usually fits) and kBatch otherwise. Candidates are tried in the same
      // order as one at a time, so the pick is the same.
      const std::uint32_t batch = young ? kBatch : 1;
      for (std::uint32_t attempt = 0; attempt < kMaxPickAttempts && h == slots;) {
        const std::uint32_t n = std::min(batch, kMaxPickAttempts - attempt);
        std::array<std::uint32_t, kBatch> cands;
        for (std::uint32_t i = 0; i < n; ++i) {
          cands[i] = uniform_below(
              key.draw(j, c.month.month, kStream, kSubImmigrationPick + attempt + i)[0], slots);
          __builtin_prefetch(pop.hh_flags.data() + cands[i]);
          __builtin_prefetch(pop.hh_first.data() + cands[i]);
          __builtin_prefetch(pop.hh_slots.data() + cands[i]);
        }
        if (n > 1) {
          for (std::uint32_t i = 0; i < n; ++i) {
            const std::uint32_t first_slot = pop.hh_first[cands[i]];
            __builtin_prefetch(pop.flags.data() + first_slot);
            __builtin_prefetch(pop.role.data() + first_slot);
            __builtin_prefetch(pop.age_months.data() + first_slot);
          }
        }
        for (std::uint32_t i = 0; i < n && h == slots; ++i, ++attempt) {
          const std::uint32_t cand = cands[i];
          if (!pop.household_present(cand)) continue;
          const auto age = pop.age_years(head_of(pop, cand));
          // After many misses, any household will do (a city without young households).
          if (young && (age < 18 || age >= 30) && attempt < kMaxPickAttempts / 2) continue;
          h = cand;
        }
      }
      if (h == slots) break;
      std::vector<PersonRecord> members;
      for (auto p : pop.members(h)) {
        PersonRecord r = pop.record(p);
        r.id = 0;
        members.push_back(r);
      }
      const auto d_code = pop.hh_district[h];
      const auto flags = pop.hh_flags[h];
      const auto debt_months = pop.hh_debt_months[h];
      const auto nh = pop.add_household(d_code, members);
      pop.hh_flags[nh] = flags;
      pop.hh_debt_months[nh] = debt_months;
      c.flows.at(d_code, Indicator::Immigrants) += static_cast<std::int64_t>(members.size());
      added += members.size();
    }
  }

  AgeTable death_[2];
  AgeTable birth_partnered_, birth_single_;
  AgeTable leave_home_, partnering_, emigration_;
  // The person event tables as 32 bits for the vector path (deaths by sex), and whether all
  // fit.
  // Padded to 128 entries, so that the vector path looks them up with permutes.
  static constexpr int kTableEntries = 128;
  static_assert(kMaxAge < kTableEntries);
  std::array<std::uint32_t, kTableEntries> death_bits_[2]{};
  std::array<std::uint32_t, kTableEntries> birth_bits_{}, leave_bits_{}, partner_bits_{};
  bool vector_ok_ = false;
  Threshold separation_;
  Threshold male_at_birth_;
  double immigrants_per_month_;
  double immigration_growth_;
  double immigration_young_share_;
};

}  // namespace

void set_demography_vector_path(bool enabled) {
  vector_path_enabled.store(enabled, std::memory_order_relaxed);
}

ModuleDescriptor demography_module() {
  ModuleDescriptor d;
  d.name = "demography";
  d.version = "1.0";
  d.description = "ageing, mortality, births, partnering, separation, leaving home, migration";
  d.phases = kHazards | kTransitions;
  d.parallel_phases = kHazards;
  d.create = [](const ModuleSetup& setup) -> std::unique_ptr<Module> {
    const ModelSpec& spec = setup.spec;
    return std::make_unique<Demography>(spec.parameters, spec.base_population->persons());
  };
  return d;
}

}  // namespace leidensim
