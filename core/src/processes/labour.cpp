#include "leidensim/processes/labour.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <vector>
#if defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512VL__)
#include <immintrin.h>
#define LEIDENSIM_LABOUR_AVX512 1
// GCC 12's AVX-512 headers trip -Wmaybe-uninitialized on _mm512_undefined_epi32 once the
// widening loads are inlined (GCC PR 105593; see rng.cpp).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif

#include "leidensim/model_spec.hpp"
#include "leidensim/rate_tables.hpp"
#include "leidensim/wage_model.hpp"

namespace leidensim {

namespace {

constexpr std::uint32_t kStream = stream_id("labour");

std::atomic<bool> vector_path_enabled{true};

/// A threshold as 32 bits for the vector screen; false if it is certainty (2^32), which 32 bits
/// cannot hold. probability() is the threshold over 2^32, exact in a double.
bool threshold_bits(Threshold t, std::uint32_t& bits) {
  const auto raw = static_cast<std::uint64_t>(t.probability() * 4294967296.0);
  bits = static_cast<std::uint32_t>(raw);
  return raw >> 32 == 0;
}

class LabourModule final : public Module {
 public:
  explicit LabourModule(const ParameterSet& ps)
      : pension_age_months_(static_cast<std::uint16_t>(12 * ps.scalar("labour.pension_age_years"))),
        job_loss_(monthly_threshold(ps, "labour.job_loss_monthly", false)),
        to_inactive_(monthly_threshold(ps, "labour.employed_to_inactive_monthly", false)),
        inactive_finding_(monthly_threshold(ps, "labour.inactive_job_finding_monthly", false)),
        ww_min_months_(static_cast<std::uint16_t>(ps.scalar("labour.ww_min_employment_months"))),
        ww_max_months_(static_cast<std::uint16_t>(ps.scalar("labour.ww_max_months"))),
        bijstand_in_(monthly_threshold(ps, "labour.bijstand_inflow_monthly", false)),
        exit_to_work_(ps.scalar("labour.bijstand_exit_to_work_share")),
        disability_in_(monthly_threshold(ps, "labour.disability_inflow_annual", true)),
        disability_out_(monthly_threshold(ps, "labour.disability_outflow_annual", true)),
        wages_(WageModel::from(ps)),
        pension_(SupplementaryPension::from(ps)) {
    const double finding = ps.scalar("labour.job_finding_monthly");
    const auto by_level = ps.table("labour.job_finding_factor_by_level", 4);
    const double literacy = ps.scalar("labour.low_literacy_job_finding_factor");
    for (int l = 0; l < 4; ++l) {
      finding_[l][0] = Threshold(std::min(1.0, finding * by_level[l]));
      finding_[l][1] = Threshold(std::min(1.0, finding * by_level[l] * literacy));
    }
    const auto out = ps.table("labour.bijstand_outflow", 3);
    for (int b = 0; b < 3; ++b) bijstand_out_[b] = Threshold(out[b]);
    build_screen();
  }

  void run_block(Phase, BlockContext& c) override {
    Population& pop = c.pop;
    const MonthStream rng = c.month.stream(kStream);
    const std::uint32_t first = c.block.person_begin;
    const std::size_t n = c.block.person_end - first;
    // The block's draws (as MonthStream::block would give them), in arrays the vector path can
    // load from. Per-thread, reused across blocks and months.
    thread_local std::vector<std::uint32_t> buffer;
    if (buffer.size() < 4 * n) buffer.resize(4 * n);
    std::uint32_t* const u0 = buffer.data();
    std::uint32_t* const u1 = u0 + n;
    std::uint32_t* const u2 = u1 + n;
    draw_many(*c.month.key, &pop.id[first], n, c.month.month, kStream, 0, u0, u1, u2, u2 + n);
    std::uint32_t p = first;
#if defined(LEIDENSIM_LABOUR_AVX512)
    if (vector_ok_ && vector_path_enabled.load(std::memory_order_relaxed))
      p = run_vector(c, rng, u0, u1, u2);
#endif
    // Fast path. For most persons nothing happens this month but their durations growing. The
    // state decides which thresholds the three draws are compared with; those are looked up
    // (screen_*_), so that the test "does anything happen" has no branch on the state, which
    // varies unpredictably from person to person. Only a person for whom it does (a few per
    // cent) takes the full logic (person()), which decides exactly as if every person took it.
    const std::uint8_t* const flags = pop.flags.data();
    const std::uint16_t* const age_months = pop.age_months.data();
    const Labour* const labour = pop.labour.data();
    const Benefit* const benefit = pop.benefit.data();
    const EduStage* const edu_stage = pop.edu_stage.data();
    const EduLevel* const edu_level = pop.edu_level.data();
    const Role* const role = pop.role.data();
    const std::uint32_t* const household = pop.household.data();
    const std::uint8_t* const hh_flags = pop.hh_flags.data();
    const std::uint32_t* const measure_bits = pop.measure_bits.data();
    std::uint16_t* const labour_months = pop.labour_months.data();
    std::uint16_t* const benefit_months = pop.benefit_months.data();
    const bool modified = c.modifiers != nullptr;
    for (; p < c.block.person_end; ++p) {
      const std::size_t k = p - first;
      const bool here = flags[p] & person_flag::kPresent;
      const auto s = static_cast<unsigned>(labour[p]);
      const auto b = static_cast<unsigned>(benefit[p]);
      const std::uint16_t age = age_months[p];
      const std::uint16_t lm = labour_months[p], bm = benefit_months[p];
      const bool stepping = (s >= static_cast<unsigned>(Labour::Employed)) &
                            (s <= static_cast<unsigned>(Labour::Disabled));
      const bool on_bijstand = b == static_cast<unsigned>(Benefit::Bijstand);
      const bool no_benefit = b == static_cast<unsigned>(Benefit::None);
      const bool may_claim = no_benefit & (role[p] == Role::Head) & (age >= 18 * 12) &
                             ((hh_flags[household[p]] & household_flag::kPoor) != 0);
      const unsigned i0 = ((s * 2 + on_bijstand) * 3 + bijstand_duration_band(bm)) * 8 +
                          static_cast<unsigned>(edu_level[p]) * 2 +
                          ((flags[p] & person_flag::kLowLiteracy) != 0);
      const bool fires = screen0_[i0].fires(u0[k]) |
                         screen1_[(s * 2 + no_benefit) * 2 + may_claim].fires(u1[k]) |
                         screen2_[s * 2 + no_benefit].fires(u2[k]);
      const bool ww_ends = (b == static_cast<unsigned>(Benefit::WW)) & (bm + 1 >= ww_max_months_);
      const bool retires =
          (age >= pension_age_months_) & (s != static_cast<unsigned>(Labour::Retired));
      const bool leaves_school = (s == static_cast<unsigned>(Labour::Child)) & (age >= 16 * 12) &
                                 (edu_stage[p] == EduStage::None);
      const bool measure = modified & (measure_bits[p] != 0);
      if (here & (retires | leaves_school | (stepping & (fires | ww_ends | measure))))
          [[unlikely]] {
        person(pop, p, rng, {u0[k], u1[k], u2[k], 0}, c.modifiers);
        continue;
      }
      // Nothing happens: durations grow (those of persons in the labour market only).
      const bool counts = here & stepping;
      labour_months[p] = static_cast<std::uint16_t>(lm + (counts & (lm < 0xFFFF)));
      benefit_months[p] = static_cast<std::uint16_t>(bm + (counts & !no_benefit & (bm < 0xFFFF)));
    }
  }

 private:
#if defined(LEIDENSIM_LABOUR_AVX512)
  /// The screen of run_block for 16 persons at a time; returns the first person left for the
  /// scalar loop.
  ///
  /// Why: labour screens every person every month, and nothing but the durations changes for
  /// almost all. In sixteen lanes the screen looks its first threshold up with a
  /// gather and the other two with permutes. It may send a person to person() whom the scalar
  /// screen would not: whether a head may claim bijstand needs the household's poverty flag (a
  /// gather of bytes), so every head who could claim is screened with the claim threshold and
  /// person() decides exactly. person() gives any present person the result the fast path
  /// would, so the state is the same.
  std::uint32_t run_vector(BlockContext& c, const MonthStream& rng, const std::uint32_t* draws0,
                           const std::uint32_t* draws1, const std::uint32_t* draws2) const {
    Population& pop = c.pop;
    const std::uint32_t first = c.block.person_begin, end = c.block.person_end;
    const std::uint8_t* const flags = pop.flags.data();
    const std::uint16_t* const age_months = pop.age_months.data();
    const Labour* const labour = pop.labour.data();
    const Benefit* const benefit = pop.benefit.data();
    const EduStage* const edu_stage = pop.edu_stage.data();
    const EduLevel* const edu_level = pop.edu_level.data();
    const Role* const role = pop.role.data();
    const std::uint32_t* const measure_bits = pop.measure_bits.data();
    std::uint16_t* const labour_months = pop.labour_months.data();
    std::uint16_t* const benefit_months = pop.benefit_months.data();
    auto bytes = [](const void* column, std::uint32_t p) {
      return _mm512_cvtepu8_epi32(_mm_loadu_si128(
          reinterpret_cast<const __m128i*>(static_cast<const std::uint8_t*>(column) + p)));
    };
    auto halfwords = [](const std::uint16_t* column, std::uint32_t p) {
      return _mm512_cvtepu16_epi32(
          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(column + p)));
    };
    auto set = [](unsigned v) { return _mm512_set1_epi32(static_cast<int>(v)); };
    const __m512i screen1 = _mm512_loadu_si512(screen1_bits_.data());
    const __m512i screen1_hi = _mm512_loadu_si512(screen1_bits_.data() + 16);
    const __m512i screen2 = _mm512_loadu_si512(screen2_bits_.data());
    const __m512i one = set(1);
    const __mmask16 modified = c.modifiers ? 0xFFFF : 0;
    std::uint32_t p = first;
    for (; p + 16 <= end; p += 16) {
      const std::size_t k = p - first;
      const __m512i f = bytes(flags, p);
      const __m512i s = bytes(labour, p), b = bytes(benefit, p);
      const __m512i age = halfwords(age_months, p);
      const __m512i lm = halfwords(labour_months, p), bm = halfwords(benefit_months, p);
      const __mmask16 here = _mm512_test_epi32_mask(f, set(person_flag::kPresent));
      const __mmask16 stepping =
          _mm512_cmpge_epu32_mask(s, set(static_cast<unsigned>(Labour::Employed))) &
          _mm512_cmple_epu32_mask(s, set(static_cast<unsigned>(Labour::Disabled)));
      const __mmask16 on_bijstand =
          _mm512_cmpeq_epi32_mask(b, set(static_cast<unsigned>(Benefit::Bijstand)));
      const __mmask16 no_benefit =
          _mm512_cmpeq_epi32_mask(b, set(static_cast<unsigned>(Benefit::None)));
      const __mmask16 could_claim =
          no_benefit &
          _mm512_cmpeq_epi32_mask(bytes(role, p), set(static_cast<unsigned>(Role::Head))) &
          _mm512_cmpge_epu32_mask(age, set(18 * 12));
      // bijstand_duration_band: (bm >= 12) + (bm >= 36).
      const __m512i band =
          _mm512_add_epi32(_mm512_maskz_mov_epi32(_mm512_cmpge_epu32_mask(bm, set(12)), one),
                           _mm512_maskz_mov_epi32(_mm512_cmpge_epu32_mask(bm, set(36)), one));
      const __m512i s2 = _mm512_add_epi32(s, s);
      const __m512i bij = _mm512_maskz_mov_epi32(on_bijstand, one);
      const __m512i none = _mm512_maskz_mov_epi32(no_benefit, one);
      const __m512i lit =
          _mm512_maskz_mov_epi32(_mm512_test_epi32_mask(f, set(person_flag::kLowLiteracy)), one);
      // i0 = ((s * 2 + bij) * 3 + band) * 8 + level * 2 + lit
      const __m512i sb = _mm512_add_epi32(s2, bij);
      const __m512i i0 = _mm512_add_epi32(
          _mm512_slli_epi32(_mm512_add_epi32(_mm512_add_epi32(sb, _mm512_add_epi32(sb, sb)), band),
                            3),
          _mm512_add_epi32(_mm512_add_epi32(bytes(edu_level, p), bytes(edu_level, p)), lit));
      const __m512i t0 = _mm512_i32gather_epi32(i0, screen0_bits_.data(), 4);
      const __m512i sn = _mm512_add_epi32(s2, none);
      const __m512i i1 =
          _mm512_add_epi32(_mm512_add_epi32(sn, sn), _mm512_maskz_mov_epi32(could_claim, one));
      const __m512i t1 = _mm512_permutex2var_epi32(screen1, i1, screen1_hi);
      const __m512i t2 = _mm512_permutexvar_epi32(sn, screen2);
      const __mmask16 fires = _mm512_cmplt_epu32_mask(_mm512_loadu_si512(draws0 + k), t0) |
                              _mm512_cmplt_epu32_mask(_mm512_loadu_si512(draws1 + k), t1) |
                              _mm512_cmplt_epu32_mask(_mm512_loadu_si512(draws2 + k), t2);
      const __mmask16 ww_ends =
          _mm512_cmpeq_epi32_mask(b, set(static_cast<unsigned>(Benefit::WW))) &
          _mm512_cmpge_epu32_mask(_mm512_add_epi32(bm, one), set(ww_max_months_));
      const __mmask16 retires =
          _mm512_cmpge_epu32_mask(age, set(pension_age_months_)) &
          _mm512_cmpneq_epi32_mask(s, set(static_cast<unsigned>(Labour::Retired)));
      const __mmask16 leaves_school =
          _mm512_cmpeq_epi32_mask(s, set(static_cast<unsigned>(Labour::Child))) &
          _mm512_cmpge_epu32_mask(age, set(16 * 12)) &
          _mm512_cmpeq_epi32_mask(bytes(edu_stage, p), set(static_cast<unsigned>(EduStage::None)));
      const __m512i bits = _mm512_loadu_si512(measure_bits + p);
      const __mmask16 measure = modified & _mm512_test_epi32_mask(bits, bits);
      const __mmask16 full =
          here & (retires | leaves_school | (stepping & (fires | ww_ends | measure)));
      // Nothing happens to the others: durations grow (those of persons in the labour market).
      const __mmask16 counts = here & stepping & static_cast<__mmask16>(~full);
      const __m512i limit = set(0xFFFF);
      const __m512i lm_now =
          _mm512_mask_add_epi32(lm, counts & _mm512_cmplt_epu32_mask(lm, limit), lm, one);
      const __m512i bm_now = _mm512_mask_add_epi32(
          bm, counts & static_cast<__mmask16>(~no_benefit) & _mm512_cmplt_epu32_mask(bm, limit), bm,
          one);
      _mm512_mask_cvtepi32_storeu_epi16(labour_months + p, counts, lm_now);
      _mm512_mask_cvtepi32_storeu_epi16(benefit_months + p, counts, bm_now);
      for (unsigned rest = full; rest != 0; rest &= rest - 1) {
        const std::uint32_t q = p + static_cast<std::uint32_t>(std::countr_zero(rest));
        const std::size_t kq = q - first;
        person(pop, q, rng, {draws0[kq], draws1[kq], draws2[kq], 0}, c.modifiers);
      }
    }
    return p;
  }
#endif

  /// The full monthly logic of one present person.
  void person(Population& pop, std::uint32_t p, const MonthStream& rng, const Draws& d,
              const HazardModifiers* mods) const {
    Labour s = pop.labour[p];
    if (s == Labour::Retired) return;
    const std::uint16_t age = pop.age_months[p];
    if (age >= pension_age_months_) {  // students too
      pop.labour[p] = Labour::Retired;
      pop.benefit[p] = Benefit::AOW;
      pop.wage_cents[p] = pension_.of_last_wage(pop.wage_cents[p]);
      pop.labour_months[p] = pop.benefit_months[p] = 0;
      return;
    }
    if (s == Labour::Student) return;
    if (s == Labour::Child) {
      if (age < 16 * 12 || pop.edu_stage[p] != EduStage::None) return;
      s = Labour::Unemployed;  // past compulsory school age and not in education
      pop.labour[p] = s;
      pop.labour_months[p] = 0;
    }
    step(pop, p, s, rng, d, mods);
  }

  /// The thresholds of the fast path's screen (see run_block): by labour state, bijstand or
  /// not, bijstand duration band, education level and literacy for draw 0; by state, no benefit
  /// or not, and whether the person may claim bijstand for draw 1; by state and no benefit or
  /// not for draw 2. Each is the threshold step() compares that draw with first (0 where it
  /// compares none), so that nothing fires in step() unless the screen fires.
  void build_screen() {
    for (unsigned s = 0; s < kLabourStates; ++s) {
      const auto st = static_cast<Labour>(s);
      const bool unemployed_or_inactive = st == Labour::Unemployed || st == Labour::Inactive;
      for (unsigned bij = 0; bij < 2; ++bij)
        for (unsigned band = 0; band < 3; ++band)
          for (unsigned level = 0; level < 4; ++level)
            for (unsigned lit = 0; lit < 2; ++lit) {
              Threshold t;
              if (st == Labour::Employed) t = job_loss_;
              if (st == Labour::Disabled) t = disability_out_;
              if (unemployed_or_inactive)
                t = bij ? bijstand_out_[band]
                        : (st == Labour::Unemployed ? finding_[level][lit] : inactive_finding_);
              screen0_[((s * 2 + bij) * 3 + band) * 8 + level * 2 + lit] = t;
            }
      for (unsigned none = 0; none < 2; ++none) {
        for (unsigned claim = 0; claim < 2; ++claim) {
          Threshold t;
          if (st == Labour::Employed) t = disability_in_;
          if (unemployed_or_inactive && none && claim) t = bijstand_in_;
          screen1_[(s * 2 + none) * 2 + claim] = t;
        }
        Threshold t;
        if (st == Labour::Employed) t = to_inactive_;
        if (unemployed_or_inactive && none) t = disability_in_;
        screen2_[s * 2 + none] = t;
      }
    }
    // The vector screen holds thresholds in 32 bits: it runs unless one of them is certainty.
    vector_ok_ = true;
    for (std::size_t i = 0; i < screen0_.size(); ++i)
      vector_ok_ &= threshold_bits(screen0_[i], screen0_bits_[i]);
    for (std::size_t i = 0; i < screen1_.size(); ++i)
      vector_ok_ &= threshold_bits(screen1_[i], screen1_bits_[i]);
    for (std::size_t i = 0; i < screen2_.size(); ++i)
      vector_ok_ &= threshold_bits(screen2_[i], screen2_bits_[i]);
  }

  void set_labour(Population& pop, std::uint32_t p, Labour s) const {
    pop.labour[p] = s;
    pop.labour_months[p] = 0;
  }
  void set_benefit(Population& pop, std::uint32_t p, Benefit b) const {
    pop.benefit[p] = b;
    pop.benefit_months[p] = 0;
  }
  void start_job(Population& pop, std::uint32_t p, const MonthStream& rng) const {
    set_labour(pop, p, Labour::Employed);
    set_benefit(pop, p, Benefit::None);
    const Draws w = rng(pop.id[p], 1);  // wage draws: a sub-stream, drawn only at job start
    pop.wage_cents[p] = wages_.draw_cents(pop.edu_level[p], w[0], w[1], w[2]);
  }

  void step(Population& pop, std::uint32_t p, Labour s, const MonthStream& rng, const Draws& d,
            const HazardModifiers* mods) const {
    // Measures change the hazards of their participants (identity for everyone else).
    auto adjusted = [&](Threshold t, Hazard h) { return mods ? mods->adjust(t, h, pop, p) : t; };
    const std::uint32_t u0 = d[0], u1 = d[1], u2 = d[2];
    const bool low_lit = pop.flags[p] & person_flag::kLowLiteracy;
    const Benefit b = pop.benefit[p];
    switch (s) {
      case Labour::Employed:
        if (adjusted(job_loss_, Hazard::JobLoss).fires(u0)) {
          // Durations count completed months before this one, so this month is the +1.
          const bool ww = pop.labour_months[p] + 1 >= ww_min_months_;
          set_labour(pop, p, Labour::Unemployed);
          set_benefit(pop, p, ww ? Benefit::WW : Benefit::None);
          return;
        }
        if (disability_in_.fires(u1)) {
          set_labour(pop, p, Labour::Disabled);
          set_benefit(pop, p, Benefit::Disability);
          return;
        }
        if (to_inactive_.fires(u2)) {
          set_labour(pop, p, Labour::Inactive);
          return;
        }
        break;
      case Labour::Unemployed:
      case Labour::Inactive: {
        if (b == Benefit::Bijstand) {
          const int band = bijstand_duration_band(pop.benefit_months[p]);
          if (adjusted(bijstand_out_[band], Hazard::BijstandOutflow).fires(u0)) {
            if (exit_to_work_.fires(u1))
              start_job(pop, p, rng);
            else
              set_benefit(pop, p, Benefit::None);
            return;
          }
          break;
        }
        const auto& finding = s == Labour::Unemployed
                                  ? finding_[static_cast<int>(pop.edu_level[p])][low_lit]
                                  : inactive_finding_;
        if (adjusted(finding, Hazard::JobFinding).fires(u0)) {
          start_job(pop, p, rng);
          return;
        }
        if (b == Benefit::WW && pop.benefit_months[p] + 1 >= ww_max_months_) {
          set_benefit(pop, p, Benefit::None);
          return;
        }
        if (b == Benefit::None && pop.role[p] == Role::Head && age_ok(pop, p) &&
            (pop.hh_flags[pop.household[p]] & household_flag::kPoor) &&
            adjusted(bijstand_in_, Hazard::BijstandInflow).fires(u1)) {
          set_benefit(pop, p, Benefit::Bijstand);
          return;
        }
        if (b == Benefit::None && disability_in_.fires(u2)) {
          set_labour(pop, p, Labour::Disabled);
          set_benefit(pop, p, Benefit::Disability);
          return;
        }
        break;
      }
      case Labour::Disabled:
        if (disability_out_.fires(u0)) {
          set_labour(pop, p, Labour::Unemployed);
          set_benefit(pop, p, Benefit::None);
          return;
        }
        break;
      default:
        break;
    }
    if (pop.labour_months[p] < 0xFFFF) ++pop.labour_months[p];
    if (pop.benefit[p] != Benefit::None && pop.benefit_months[p] < 0xFFFF) ++pop.benefit_months[p];
  }

  static bool age_ok(const Population& pop, std::uint32_t p) {
    return pop.age_months[p] >= 18 * 12;
  }

  std::uint16_t pension_age_months_;
  Threshold job_loss_, to_inactive_, inactive_finding_;
  std::uint16_t ww_min_months_, ww_max_months_;
  Threshold bijstand_in_;
  Threshold exit_to_work_;
  Threshold disability_in_, disability_out_;
  WageModel wages_;
  SupplementaryPension pension_;
  Threshold finding_[4][2];
  Threshold bijstand_out_[3];
  std::array<Threshold, kLabourStates * 2 * 3 * 8> screen0_;
  std::array<Threshold, kLabourStates * 2 * 2> screen1_;
  std::array<Threshold, kLabourStates * 2> screen2_;
  // The screens' thresholds as 32 bits (padded to whole vectors), and whether all fit.
  std::array<std::uint32_t, kLabourStates * 2 * 3 * 8> screen0_bits_{};
  std::array<std::uint32_t, 32> screen1_bits_{};
  std::array<std::uint32_t, 16> screen2_bits_{};
  bool vector_ok_ = false;
};

}  // namespace

void set_labour_vector_path(bool enabled) {
  vector_path_enabled.store(enabled, std::memory_order_relaxed);
}

ModuleDescriptor labour_module() {
  ModuleDescriptor d;
  d.name = "labour";
  d.version = "1.0";
  d.description =
      "employment, job loss, WW, bijstand with duration-dependent outflow, disability, retirement";
  d.phases = kHazards;
  d.parallel_phases = kHazards;
  d.create = [](const ModuleSetup& setup) -> std::unique_ptr<Module> {
    const ModelSpec& spec = setup.spec;
    return std::make_unique<LabourModule>(spec.parameters);
  };
  return d;
}

}  // namespace leidensim
