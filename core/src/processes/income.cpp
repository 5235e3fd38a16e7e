#include "leidensim/processes/income.hpp"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <limits>
#include <vector>
#if defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512VL__)
#include <immintrin.h>
#define LEIDENSIM_INCOME_AVX512 1
// GCC 12's AVX-512 headers trip -Wmaybe-uninitialized on _mm512_undefined_epi32 once the
// widening loads are inlined (GCC PR 105593; see rng.cpp).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif

#include "leidensim/model_spec.hpp"

namespace leidensim {

namespace {

std::int64_t cents(double euros) {
  return std::llround(euros * 100.0);
}

std::atomic<bool> vector_path_enabled{true};

}  // namespace

SocialMinimum SocialMinimum::from(const ParameterSet& ps) {
  SocialMinimum m;
  m.norm_single_ = cents(ps.scalar("income.bijstand_norm_single"));
  m.norm_couple_ = cents(ps.scalar("income.bijstand_norm_couple"));
  m.pension_single_ = cents(ps.scalar("income.pension_norm_single"));
  m.pension_couple_ = cents(ps.scalar("income.pension_norm_couple"));
  m.line_factor_ = ps.scalar("income.poverty_line_factor");
  m.pension_age_months_ = static_cast<std::uint16_t>(12 * ps.scalar("labour.pension_age_years"));
  return m;
}

std::int64_t SocialMinimum::of(const Population& pop, std::uint32_t h) const {
  const bool couple = pop.hh_type[h] == HouseholdType::CoupleNoKids ||
                      pop.hh_type[h] == HouseholdType::CoupleWithKids;
  bool pension_age = false;
  const std::uint32_t end = pop.hh_first[h] + pop.hh_slots[h];
  for (std::uint32_t p = pop.hh_first[h]; p < end; ++p)
    if (pop.present(p) && pop.role[p] == Role::Head)
      pension_age = pop.age_months[p] >= pension_age_months_;
  return norm_cents(couple, pension_age);
}

namespace {

class Income final : public Module {
 public:
  explicit Income(const ParameterSet& ps)
      : minimum_(SocialMinimum::from(ps)),
        ww_rate_(ps.scalar("income.ww_replacement_rate")),
        disability_(cents(ps.scalar("income.disability_benefit_monthly"))),
        student_(cents(ps.scalar("income.student_income_monthly"))) {}

  void run_block(Phase, BlockContext& c) override {
    Population& pop = c.pop;
    const Block& block = c.block;
    const std::uint32_t nh = block.household_end - block.household_begin;
    // Per-household sums of the block, filled by a pass over persons: a loop over each
    // household's members would mispredict its exit for most households (sizes vary).
    // Per-thread buffers, reused across blocks and months; a block far larger than the usual
    // (the synthesis runs the whole population as one) gets buffers of its own, freed after.
    thread_local std::vector<std::int64_t> reused_income;
    thread_local std::vector<std::uint64_t> reused_members;
    std::vector<std::int64_t> own_income;
    std::vector<std::uint64_t> own_members;
    const bool reuse = nh <= (1u << 16);
    std::vector<std::int64_t>& income_sum = reuse ? reused_income : own_income;
    std::vector<std::uint64_t>& member_sum = reuse ? reused_members : own_members;
    income_sum.assign(nh, 0);
    member_sum.assign(nh, 0);
    // Member counts packed as 16-bit fields (a household has fewer than 2^16 slots).
    constexpr int kAdults = 0, kStudents = 16, kBijstandHead = 32, kPensionAgeHead = 48;
    {
      // Raw column pointers: the compiler cannot keep a vector's data pointer in a register
      // across stores that might alias it.
      const std::uint8_t* const flags = pop.flags.data();
      const std::uint16_t* const age_months = pop.age_months.data();
      const std::int32_t* const wage_cents = pop.wage_cents.data();
      const Benefit* const benefit = pop.benefit.data();
      const Labour* const labour = pop.labour.data();
      const Role* const role = pop.role.data();
      const std::uint32_t* const household = pop.household.data();
      const HouseholdType* const hh_type = pop.hh_type.data();
      std::int64_t* const income_of = income_sum.data() - block.household_begin;
      std::uint64_t* const members_of = member_sum.data() - block.household_begin;
      const std::uint16_t pension_age_months = minimum_.pension_age_months();
      const std::int64_t aow_single = minimum_.pension_single_cents();
      const std::int64_t aow_couple = minimum_.pension_couple_cents() / 2;
      const std::int64_t disability = disability_, student_income = student_;
      std::uint32_t start = block.person_begin;
#if defined(LEIDENSIM_INCOME_AVX512)
      // Eight persons at a time: each person's own income (but AOW and WW) and member bits in
      // 64-bit lanes, then the additions into the households one person at a time (members of
      // one household are adjacent, so the lanes would collide). AOW needs the household's type
      // and WW a rounding of a product: those few persons add theirs as the scalar loop does.
      // Why: this pass runs over every person every month.
      if (vector_path_enabled.load(std::memory_order_relaxed)) {
        auto bytes = [](const void* column, std::uint32_t p) {
          return _mm512_cvtepu8_epi64(_mm_loadl_epi64(
              reinterpret_cast<const __m128i*>(static_cast<const std::uint8_t*>(column) + p)));
        };
        auto set = [](std::int64_t v) { return _mm512_set1_epi64(v); };
        auto is = [](__m512i v, auto value) {
          return _mm512_cmpeq_epi64_mask(v, _mm512_set1_epi64(static_cast<std::int64_t>(value)));
        };
        for (; start + 8 <= block.person_end; start += 8) {
          const std::uint32_t p = start;
          const __mmask8 here = _mm512_test_epi64_mask(bytes(flags, p), set(person_flag::kPresent));
          const __m512i b = bytes(benefit, p), l = bytes(labour, p);
          const __m512i age = _mm512_cvtepu16_epi64(
              _mm_loadu_si128(reinterpret_cast<const __m128i*>(age_months + p)));
          const __m512i wage = _mm512_cvtepi32_epi64(
              _mm256_loadu_si256(reinterpret_cast<const __m256i*>(wage_cents + p)));
          const __mmask8 head = here & is(bytes(role, p), Role::Head);
          const __mmask8 adult = here & _mm512_cmpge_epu64_mask(age, set(18 * 12));
          const __mmask8 student = adult & is(l, Labour::Student);
          const __mmask8 aow = here & is(b, Benefit::AOW);
          const __mmask8 ww = here & is(b, Benefit::WW);
          const __mmask8 earns =
              (is(b, Benefit::None) & is(l, Labour::Employed)) | is(b, Benefit::AOW);
          __m512i own = _mm512_maskz_mov_epi64(earns, wage);
          own = _mm512_mask_add_epi64(own, is(b, Benefit::Disability), own, set(disability));
          own = _mm512_mask_add_epi64(own, student, own, set(student_income));
          own = _mm512_maskz_mov_epi64(here, own);
          __m512i bits = _mm512_maskz_mov_epi64(adult, set(std::int64_t{1} << kAdults));
          bits = _mm512_mask_or_epi64(bits, student, bits, set(std::int64_t{1} << kStudents));
          bits = _mm512_mask_or_epi64(bits, head & is(b, Benefit::Bijstand), bits,
                                      set(std::int64_t{1} << kBijstandHead));
          bits = _mm512_mask_or_epi64(bits,
                                      head & _mm512_cmpge_epu64_mask(age, set(pension_age_months)),
                                      bits, set(std::int64_t{1} << kPensionAgeHead));
          alignas(64) std::int64_t own_of[8];
          alignas(64) std::uint64_t bits_of[8];
          _mm512_store_si512(own_of, own);
          _mm512_store_si512(bits_of, bits);
          for (unsigned rest = aow; rest != 0; rest &= rest - 1) {
            const int i = std::countr_zero(rest);
            const HouseholdType t = hh_type[household[p + static_cast<std::uint32_t>(i)]];
            const bool couple =
                (t == HouseholdType::CoupleNoKids) | (t == HouseholdType::CoupleWithKids);
            own_of[i] += couple ? aow_couple : aow_single;
          }
          for (unsigned rest = ww; rest != 0; rest &= rest - 1) {
            const int i = std::countr_zero(rest);
            own_of[i] += std::llround(
                ww_rate_ * static_cast<double>(wage_cents[p + static_cast<std::uint32_t>(i)]));
          }
          for (std::uint32_t i = 0; i < 8; ++i) {
            const std::uint32_t h = household[p + i];
            income_of[h] += own_of[i];
            members_of[h] += bits_of[i];
          }
        }
      }
#endif
      // Products and masks instead of branches (the compiler makes branches of selects):
      // presence and the benefit type vary unpredictably between persons. A vacant slot adds 0.
      for (std::uint32_t p = start; p < block.person_end; ++p) {
        const std::uint32_t h = household[p];
        const std::int64_t here = flags[p] & person_flag::kPresent;
        const std::int64_t wage = wage_cents[p];
        const Benefit b = benefit[p];
        const Labour l = labour[p];
        const std::uint64_t head = here & (role[p] == Role::Head);
        const std::uint64_t adult = here & (age_months[p] >= 18 * 12);
        const std::uint64_t student = adult & (l == Labour::Student);
        const HouseholdType t = hh_type[h];
        const std::int64_t couple =
            (t == HouseholdType::CoupleNoKids) | (t == HouseholdType::CoupleWithKids);
        const std::int64_t aow = couple ? aow_couple : aow_single;
        // Earnings when employed without benefit; AOW plus the supplementary pension, which
        // wage_cents holds from retirement on; the flat disability benefit; student finance.
        const std::int64_t earns =
            ((b == Benefit::None) & (l == Labour::Employed)) | (b == Benefit::AOW);
        std::int64_t own = (wage & -earns) + (b == Benefit::AOW) * aow +
                           (b == Benefit::Disability) * disability +
                           static_cast<std::int64_t>(student) * student_income;
        if ((b == Benefit::WW) & (here != 0))
          own += std::llround(ww_rate_ * static_cast<double>(wage));
        income_of[h] += own & -here;
        members_of[h] += adult << kAdults | student << kStudents |
                         (head & (b == Benefit::Bijstand)) << kBijstandHead |
                         (head & (age_months[p] >= pension_age_months)) << kPensionAgeHead;
      }
    }
    const HouseholdType* const hh_type = pop.hh_type.data();
    std::uint8_t* const hh_flags = pop.hh_flags.data();
    std::int32_t* const hh_income_cents = pop.hh_income_cents.data();
    std::int64_t bijstand_paid = 0;
    // The norms by (couple, pension age), indexed without branches.
    const std::int64_t norms[4] = {
        minimum_.norm_cents(false, false), minimum_.norm_cents(false, true),
        minimum_.norm_cents(true, false), minimum_.norm_cents(true, true)};
    for (std::uint32_t k = 0; k < nh; ++k) {
      const std::uint32_t h = block.household_begin + k;
      const std::uint8_t hf = hh_flags[h];
      if (!(hf & household_flag::kPresent)) continue;
      const HouseholdType t = hh_type[h];
      const unsigned couple =
          (t == HouseholdType::CoupleNoKids) | (t == HouseholdType::CoupleWithKids);
      std::int64_t income = income_sum[k];
      const std::uint64_t m = member_sum[k];
      const auto field = [m](int shift) { return static_cast<unsigned>((m >> shift) & 0xFFFF); };
      const unsigned adults = field(kAdults), students = field(kStudents);
      const unsigned bijstand = field(kBijstandHead) != 0;
      const unsigned pension_age = field(kPensionAgeHead) != 0;
      const std::int64_t norm = norms[couple * 2 + pension_age];
      // Bijstand tops the household up to its norm; the municipality pays the difference.
      const std::int64_t shortfall = norm - income;
      const std::int64_t top_up =
          shortfall & -static_cast<std::int64_t>(bijstand & (shortfall > 0));
      bijstand_paid += top_up;
      income += top_up;
      const unsigned student_household = (adults > 0) & (students == adults);
      const unsigned poor = !student_household & minimum_.poor(income, norm);
      hh_income_cents[h] = static_cast<std::int32_t>(
          std::clamp<std::int64_t>(income, 0, std::numeric_limits<std::int32_t>::max()));
      hh_flags[h] = static_cast<std::uint8_t>(
          (hf & ~(household_flag::kPoor | household_flag::kStudent)) |
          poor * household_flag::kPoor | student_household * household_flag::kStudent);
    }
    // One posting per block: the ledger holds integer sums, so the total is the same.
    if (bijstand_paid != 0)
      c.ledger.post(Programme::WerkInkomen, LedgerCategory::BijstandPaid, bijstand_paid);
  }

 private:
  SocialMinimum minimum_;
  double ww_rate_;
  std::int64_t disability_;
  std::int64_t student_;
};

}  // namespace

void set_income_vector_path(bool enabled) {
  vector_path_enabled.store(enabled, std::memory_order_relaxed);
}

ModuleDescriptor income_module() {
  ModuleDescriptor d;
  d.name = "income";
  d.version = "1.0";
  d.description = "household income against the social minimum, poverty (120% line)";
  d.phases = kPayments;
  d.parallel_phases = kPayments;
  d.create = [](const ModuleSetup& setup) -> std::unique_ptr<Module> {
    const ModelSpec& spec = setup.spec;
    return std::make_unique<Income>(spec.parameters);
  };
  return d;
}

}  // namespace leidensim
