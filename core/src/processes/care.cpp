#include "leidensim/processes/care.hpp"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <vector>
#if defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512VL__)
#include <immintrin.h>
#define LEIDENSIM_CARE_AVX512 1
// GCC 12's AVX-512 headers trip -Wmaybe-uninitialized on _mm512_undefined_epi32 once the
// widening loads are inlined (GCC PR 105593; see rng.cpp).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif

#include "leidensim/model_spec.hpp"
#include "leidensim/rate_tables.hpp"

namespace leidensim {

namespace {

constexpr std::uint32_t kStream = stream_id("care");

std::atomic<bool> vector_path_enabled{true};

#if defined(LEIDENSIM_CARE_AVX512)
/// A Threshold for 16 lanes of 32-bit draws. A Threshold holds up to 2^32 (certainty), one more
/// than 32 bits hold, so certainty is a lane mask of its own.
struct LaneThreshold {
  explicit LaneThreshold(Threshold t) {
    // probability() is the threshold over 2^32, exact in a double, so this recovers it exactly.
    const auto raw = static_cast<std::uint64_t>(t.probability() * 4294967296.0);
    always = static_cast<__mmask16>(raw >> 32 ? 0xFFFF : 0);
    below = _mm512_set1_epi32(static_cast<int>(static_cast<std::uint32_t>(raw)));
  }
  __mmask16 fires(__m512i u) const { return _mm512_cmplt_epu32_mask(u, below) | always; }
  __m512i below;
  __mmask16 always;
};
#endif

class Care final : public Module {
 public:
  explicit Care(const ParameterSet& ps)
      : youth_in_{Threshold(ps.scalar("care.jeugdhulp_inflow_monthly")),
                  Threshold(std::min(1.0, ps.scalar("care.jeugdhulp_inflow_monthly") *
                                              ps.scalar("care.jeugdhulp_poverty_factor")))},
        youth_out_(monthly_threshold(ps, "care.jeugdhulp_outflow_monthly", false)),
        wmo_in_(monthly_age_table(ps, "care.wmo_inflow_annual")),
        wmo_out_(monthly_threshold(ps, "care.wmo_outflow_annual", true)),
        youth_cents_(std::llround(ps.scalar("care.jeugdhulp_cost_annual") * 100.0 / 12.0)),
        wmo_cents_(std::llround(ps.scalar("care.wmo_cost_annual") * 100.0 / 12.0)) {}

  void run_block(Phase, BlockContext& c) override {
    Population& pop = c.pop;
    const std::uint32_t first = c.block.person_begin;
    const std::size_t n = c.block.person_end - first;
    // The block's draws (as MonthStream::block would give them), in arrays the vector path can
    // load from. Per-thread, reused across blocks and months.
    thread_local std::vector<std::uint32_t> buffer;
    if (buffer.size() < 4 * n) buffer.resize(4 * n);
    std::uint32_t* const u0 = buffer.data();
    std::uint32_t* const u1 = u0 + n;
    draw_many(*c.month.key, &pop.id[first], n, c.month.month, kStream, 0, u0, u1, u1 + n,
              u1 + 2 * n);
    Clients clients;
    std::uint32_t p = first;
#if defined(LEIDENSIM_CARE_AVX512)
    if (vector_path_enabled.load(std::memory_order_relaxed)) p = run_vector(c, u0, u1, clients);
#endif
    // The scalar path (the rest of the block after the vector path, or all of it).
    for (; p < c.block.person_end; ++p)
      person(pop, c.modifiers, p, u0[p - first], u1[p - first], clients);
    c.ledger.post(Programme::JeugdOnderwijs, LedgerCategory::JeugdhulpCost,
                  clients.youth * youth_cents_);
    c.ledger.post(Programme::MaatschappelijkeOndersteuning, LedgerCategory::WmoCost,
                  clients.wmo * wmo_cents_);
  }

 private:
  struct Clients {
    std::int64_t youth = 0, wmo = 0;
  };

  /// One person's month (a vacant slot is left unchanged and not counted).
  void person(Population& pop, const HazardModifiers* mods, std::uint32_t p, std::uint32_t u0,
              std::uint32_t u1, Clients& clients) const {
    // Bitwise rather than short-circuit logic: which branch a person takes is unpredictable,
    // and computing both sides is cheaper than a mispredicted branch.
    const bool here = pop.flags[p] & person_flag::kPresent;
    const std::uint8_t care = pop.care[p];
    const std::uint32_t age = pop.age_months[p] / 12u;
    const bool minor = age < 18;
    const bool poor = (pop.hh_flags[pop.household[p]] & household_flag::kPoor) != 0;
    const bool youth = (care & care_flag::kJeugdhulp) != 0;
    const Threshold youth_in =
        mods ? mods->adjust(youth_in_[poor], Hazard::JeugdhulpInflow, pop, p) : youth_in_[poor];
    const bool youth_start = !youth & minor & youth_in.fires(u0);
    const bool youth_stop = youth & (!minor | youth_out_.fires(u0));
    const bool wmo = (care & care_flag::kWmo) != 0;
    const Threshold wmo_in = mods ? mods->adjust(wmo_in_[age_index(age)], Hazard::WmoInflow, pop, p)
                                  : wmo_in_[age_index(age)];
    const bool wmo_start = !wmo & wmo_in.fires(u1);
    const bool wmo_stop = wmo & wmo_out_.fires(u1);
    const auto toggle =
        static_cast<std::uint8_t>((youth_start | youth_stop) * care_flag::kJeugdhulp |
                                  (wmo_start | wmo_stop) * care_flag::kWmo);
    const std::uint8_t now = here ? care ^ toggle : care;
    pop.care[p] = now;
    clients.youth += here & ((now & care_flag::kJeugdhulp) != 0);
    clients.wmo += here & ((now & care_flag::kWmo) != 0);
  }

#if defined(LEIDENSIM_CARE_AVX512)
  /// The block's persons 16 at a time; returns the first person left for the scalar path.
  ///
  /// Why: care runs over every person every month, and the scalar loop spends most of its time
  /// on per-person selects. Sixteen lanes decide everything that does not depend on a
  /// lookup: the two lookups (the household's poverty flag, the Wmo inflow by age) matter only
  /// where a draw falls between the smallest and the largest threshold they can give, and the
  /// measures' adjustments only for persons in a measure. Those few lanes are left to person(),
  /// so every person gets exactly the scalar result.
  std::uint32_t run_vector(BlockContext& c, const std::uint32_t* draws0,
                           const std::uint32_t* draws1, Clients& clients) const {
    Population& pop = c.pop;
    const std::uint32_t first = c.block.person_begin, end = c.block.person_end;
    const std::uint8_t* const flags = pop.flags.data();
    const std::uint16_t* const age_months = pop.age_months.data();
    const std::uint32_t* const measure_bits = pop.measure_bits.data();
    std::uint8_t* const care_col = pop.care.data();
    const auto [wmo_min, wmo_max] = std::minmax_element(
        wmo_in_.begin(), wmo_in_.end(),
        [](Threshold a, Threshold b) { return a.probability() < b.probability(); });
    const bool youth_poor_higher = youth_in_[0].probability() <= youth_in_[1].probability();
    const LaneThreshold youth_lo(youth_in_[youth_poor_higher ? 0 : 1]);
    const LaneThreshold youth_hi(youth_in_[youth_poor_higher ? 1 : 0]);
    const LaneThreshold youth_out(youth_out_), wmo_out(wmo_out_);
    const LaneThreshold wmo_lo(*wmo_min), wmo_hi(*wmo_max);
    const __m512i present = _mm512_set1_epi32(person_flag::kPresent);
    const __m512i jeugdhulp = _mm512_set1_epi32(care_flag::kJeugdhulp);
    const __m512i wmo_bit = _mm512_set1_epi32(care_flag::kWmo);
    const __m512i adult_age = _mm512_set1_epi32(18 * 12);
    const __mmask16 modified = c.modifiers ? 0xFFFF : 0;
    std::uint32_t p = first;
    for (; p + 16 <= end; p += 16) {
      const std::size_t k = p - first;
      const __m512i u0 = _mm512_loadu_si512(draws0 + k);
      const __m512i u1 = _mm512_loadu_si512(draws1 + k);
      const __m512i f =
          _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(flags + p)));
      const __m512i care =
          _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(care_col + p)));
      const __m512i age = _mm512_cvtepu16_epi32(
          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(age_months + p)));
      const __m512i bits = _mm512_loadu_si512(measure_bits + p);
      const __mmask16 here = _mm512_test_epi32_mask(f, present);
      const __mmask16 minor = _mm512_cmplt_epu32_mask(age, adult_age);
      const __mmask16 youth = _mm512_test_epi32_mask(care, jeugdhulp);
      const __mmask16 wmo = _mm512_test_epi32_mask(care, wmo_bit);
      const __mmask16 youth_lo_fires = youth_lo.fires(u0);
      const __mmask16 wmo_lo_fires = wmo_lo.fires(u1);
      // Lanes whose outcome depends on a lookup or a measure: person() decides them.
      const __mmask16 youth_unsure = ~youth & minor & youth_hi.fires(u0) & ~youth_lo_fires;
      const __mmask16 wmo_unsure = ~wmo & wmo_hi.fires(u1) & ~wmo_lo_fires;
      const __mmask16 in_measure = modified & _mm512_test_epi32_mask(bits, bits);
      const __mmask16 scalar = here & (youth_unsure | wmo_unsure | in_measure);
      const __mmask16 youth_toggle =
          here & ((~youth & minor & youth_lo_fires) | (youth & (~minor | youth_out.fires(u0))));
      const __mmask16 wmo_toggle = here & ((~wmo & wmo_lo_fires) | (wmo & wmo_out.fires(u1)));
      const __m512i now =
          _mm512_xor_si512(care, _mm512_or_si512(_mm512_maskz_mov_epi32(youth_toggle, jeugdhulp),
                                                 _mm512_maskz_mov_epi32(wmo_toggle, wmo_bit)));
      const __mmask16 vector = static_cast<__mmask16>(~scalar);
      _mm512_mask_cvtepi32_storeu_epi8(care_col + p, vector, now);
      clients.youth += std::popcount(
          static_cast<unsigned>(here & vector & _mm512_test_epi32_mask(now, jeugdhulp)));
      clients.wmo += std::popcount(
          static_cast<unsigned>(here & vector & _mm512_test_epi32_mask(now, wmo_bit)));
      for (unsigned rest = scalar; rest != 0; rest &= rest - 1) {
        const std::uint32_t q = p + static_cast<std::uint32_t>(std::countr_zero(rest));
        person(pop, c.modifiers, q, draws0[q - first], draws1[q - first], clients);
      }
    }
    return p;
  }
#endif

  Threshold youth_in_[2];
  Threshold youth_out_;
  AgeTable wmo_in_;
  Threshold wmo_out_;
  std::int64_t youth_cents_, wmo_cents_;  // cost per client per month
};

}  // namespace

void set_care_vector_path(bool enabled) {
  vector_path_enabled.store(enabled, std::memory_order_relaxed);
}

ModuleDescriptor care_module() {
  ModuleDescriptor d;
  d.name = "care";
  d.version = "1.0";
  d.description = "jeugdhulp and Wmo: inflow and outflow";
  d.phases = kHazards;
  d.parallel_phases = kHazards;
  d.create = [](const ModuleSetup& setup) -> std::unique_ptr<Module> {
    const ModelSpec& spec = setup.spec;
    return std::make_unique<Care>(spec.parameters);
  };
  return d;
}

}  // namespace leidensim
