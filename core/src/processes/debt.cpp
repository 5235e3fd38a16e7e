#include "leidensim/processes/debt.hpp"

#include <atomic>
#include <bit>
#include <cmath>
#include <vector>
#if defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512VL__)
#include <immintrin.h>
#define LEIDENSIM_DEBT_AVX512 1
// GCC 12's AVX-512 headers trip -Wmaybe-uninitialized on _mm512_undefined_epi32 once the
// widening loads are inlined (GCC PR 105593; see rng.cpp).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif

#include "leidensim/model_spec.hpp"
#include "leidensim/rate_tables.hpp"

namespace leidensim {

namespace {

constexpr std::uint32_t kStream = stream_id("debt");

std::atomic<bool> vector_path_enabled{true};

/// A threshold as 32 bits for the vector path; false if it is certainty (2^32), which 32 bits
/// cannot hold. probability() is the threshold over 2^32, exact in a double.
bool threshold_bits(Threshold t, std::uint32_t& bits) {
  const auto raw = static_cast<std::uint64_t>(t.probability() * 4294967296.0);
  bits = static_cast<std::uint32_t>(raw);
  return raw >> 32 == 0;
}

class Debt final : public Module {
 public:
  explicit Debt(const ParameterSet& ps)
      : in_poor_(monthly_threshold(ps, "debt.inflow_monthly_poor", false)),
        in_nonpoor_(monthly_threshold(ps, "debt.inflow_monthly_nonpoor", false)),
        out_(monthly_threshold(ps, "debt.outflow_monthly", false)),
        help_cents_(std::llround(ps.scalar("debt.help_cost_annual") * 100.0 / 12.0)),
        inflow_by_poor_{in_nonpoor_, in_poor_} {
    vector_ok_ = threshold_bits(in_poor_, in_poor_bits_) &
                 threshold_bits(in_nonpoor_, in_nonpoor_bits_) & threshold_bits(out_, out_bits_);
  }

  void run_block(Phase, BlockContext& c) override {
    std::int64_t in_debt = 0;
    const auto& subjects = c.household_subjects();
    const std::size_t n = subjects.size();
    // The block's draws (as MonthStream::block would give them), in arrays the vector path can
    // load from. Per-thread, reused across blocks and months.
    thread_local std::vector<std::uint32_t> buffer;
    if (buffer.size() < 4 * n) buffer.resize(4 * n);
    std::uint32_t* const u0 = buffer.data();
    draw_many(*c.month.key, subjects.data(), n, c.month.month, kStream, 0, u0, u0 + n, u0 + 2 * n,
              u0 + 3 * n);
    std::uint32_t start = c.block.household_begin;
#if defined(LEIDENSIM_DEBT_AVX512)
    if (vector_ok_ && vector_path_enabled.load(std::memory_order_relaxed))
      start = run_vector(c, u0, in_debt);
#endif
    for (std::uint32_t h = start; h < c.block.household_end; ++h)
      household(c, h, u0[h - c.block.household_begin], in_debt);
    // Debt help the municipality pays for (schuldhulpverlening), per household in debt.
    c.ledger.post(Programme::WerkInkomen, LedgerCategory::DebtReliefCost, in_debt * help_cents_);
  }

 private:
  /// One household's month (a vacant household is skipped).
  void household(BlockContext& c, std::uint32_t h, std::uint32_t u, std::int64_t& in_debt) const {
    // Raw column pointers: hh_flags holds bytes, and a byte store may alias anything.
    std::uint8_t* const hh_flags = c.pop.hh_flags.data();
    std::uint16_t* const hh_debt_months = c.pop.hh_debt_months.data();
    std::uint8_t f = hh_flags[h];
    if (!(f & household_flag::kPresent)) return;
    const std::uint16_t months = hh_debt_months[h];
    // Without branches on the debt and poverty flags, which vary unpredictably between
    // households; measures' adjustments (a per-member lookup) only where they apply.
    const bool debt = f & household_flag::kDebt;
    const Threshold in =
        (c.modifiers && !debt) ? inflow(c, h) : inflow_by_poor_[(f & household_flag::kPoor) != 0];
    const bool change = (debt & out_.fires(u)) | (!debt & in.fires(u));
    const bool grows = debt & !change & (months < 0xFFFF);
    f = static_cast<std::uint8_t>(f ^ (change * household_flag::kDebt));
    hh_flags[h] = f;
    hh_debt_months[h] = change ? 0 : static_cast<std::uint16_t>(months + grows);
    in_debt += (f & household_flag::kDebt) != 0;
  }

#if defined(LEIDENSIM_DEBT_AVX512)
  /// The block's households 16 at a time; returns the first household left for the scalar
  /// loop. Households outside debt whose inflow measures may adjust (where measures are
  /// loaded) take household(), which looks at their first member.
  /// Why: debt runs over every household every month; lane by lane it is a handful of
  /// compares and selects.
  std::uint32_t run_vector(BlockContext& c, const std::uint32_t* draws,
                           std::int64_t& in_debt) const {
    std::uint8_t* const hh_flags = c.pop.hh_flags.data();
    std::uint16_t* const hh_debt_months = c.pop.hh_debt_months.data();
    const std::uint32_t first = c.block.household_begin, end = c.block.household_end;
    auto set = [](unsigned v) { return _mm512_set1_epi32(static_cast<int>(v)); };
    const __mmask16 modified = c.modifiers ? 0xFFFF : 0;
    std::uint32_t h = first;
    for (; h + 16 <= end; h += 16) {
      const __m512i u = _mm512_loadu_si512(draws + (h - first));
      const __m512i f =
          _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(hh_flags + h)));
      const __m512i months = _mm512_cvtepu16_epi32(
          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(hh_debt_months + h)));
      const __mmask16 here = _mm512_test_epi32_mask(f, set(household_flag::kPresent));
      const __mmask16 debt = _mm512_test_epi32_mask(f, set(household_flag::kDebt));
      const __mmask16 poor = _mm512_test_epi32_mask(f, set(household_flag::kPoor));
      const __m512i in = _mm512_mask_mov_epi32(set(in_nonpoor_bits_), poor, set(in_poor_bits_));
      const __mmask16 change = (debt & _mm512_cmplt_epu32_mask(u, set(out_bits_))) |
                               (static_cast<__mmask16>(~debt) & _mm512_cmplt_epu32_mask(u, in));
      const __mmask16 grows =
          debt & static_cast<__mmask16>(~change) & _mm512_cmplt_epu32_mask(months, set(0xFFFF));
      const __m512i f_now = _mm512_mask_xor_epi32(f, change, f, set(household_flag::kDebt));
      const __m512i months_now = _mm512_maskz_mov_epi32(
          static_cast<__mmask16>(~change), _mm512_mask_add_epi32(months, grows, months, set(1)));
      const __mmask16 scalar = here & modified & static_cast<__mmask16>(~debt);
      const __mmask16 vector = here & static_cast<__mmask16>(~scalar);
      _mm512_mask_cvtepi32_storeu_epi8(hh_flags + h, vector, f_now);
      _mm512_mask_cvtepi32_storeu_epi16(hh_debt_months + h, vector, months_now);
      in_debt += std::popcount(static_cast<unsigned>(
          vector & _mm512_test_epi32_mask(f_now, set(household_flag::kDebt))));
      for (unsigned rest = scalar; rest != 0; rest &= rest - 1) {
        const std::uint32_t k = h + static_cast<std::uint32_t>(std::countr_zero(rest));
        household(c, k, draws[k - first], in_debt);
      }
    }
    return h;
  }
#endif

  /// Inflow threshold of a household: by its poverty flag, adjusted by measures through the
  /// bits of its first member.
  Threshold inflow(const BlockContext& c, std::uint32_t h) const {
    const Population& pop = c.pop;
    const Threshold base = (pop.hh_flags[h] & household_flag::kPoor) ? in_poor_ : in_nonpoor_;
    if (!c.modifiers) return base;
    std::uint32_t p = pop.hh_first[h];
    while (!pop.present(p)) ++p;
    return c.modifiers->adjust(base, Hazard::DebtInflow, pop, p);
  }

  Threshold in_poor_, in_nonpoor_, out_;
  std::int64_t help_cents_;      // per household in problematic debt per month
  Threshold inflow_by_poor_[2];  // by the poverty flag, without measures
  // The thresholds as 32 bits for the vector path, and whether all fit.
  std::uint32_t in_poor_bits_ = 0, in_nonpoor_bits_ = 0, out_bits_ = 0;
  bool vector_ok_ = false;
};

}  // namespace

void set_debt_vector_path(bool enabled) {
  vector_path_enabled.store(enabled, std::memory_order_relaxed);
}

ModuleDescriptor debt_module() {
  ModuleDescriptor d;
  d.name = "debt";
  d.version = "1.0";
  d.description = "problematic household debt: inflow and outflow";
  d.phases = kHazards;
  d.parallel_phases = kHazards;
  d.create = [](const ModuleSetup& setup) -> std::unique_ptr<Module> {
    const ModelSpec& spec = setup.spec;
    return std::make_unique<Debt>(spec.parameters);
  };
  return d;
}

}  // namespace leidensim
