#include "leidensim/processes/education.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <vector>
#if defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512VL__)
#include <immintrin.h>
#define LEIDENSIM_EDUCATION_AVX512 1
// GCC 12's AVX-512 headers trip -Wmaybe-uninitialized on _mm512_undefined_epi32 once the
// widening loads are inlined (GCC PR 105593; see rng.cpp).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif

#include "leidensim/model_spec.hpp"
#include "leidensim/rate_tables.hpp"

namespace leidensim {

namespace {

constexpr std::uint32_t kStream = stream_id("education");

std::atomic<bool> vector_path_enabled{true};

/// A threshold as 32 bits for the vector screen; false if it is certainty (2^32), which 32 bits
/// cannot hold. probability() is the threshold over 2^32, exact in a double.
bool threshold_bits(Threshold t, std::uint32_t& bits) {
  const auto raw = static_cast<std::uint64_t>(t.probability() * 4294967296.0);
  bits = static_cast<std::uint32_t>(raw);
  return raw >> 32 == 0;
}

class Education final : public Module {
 public:
  explicit Education(const ParameterSet& ps)
      : general_track_(ps.scalar("education.general_track_share")),
        dropout_(monthly_threshold(ps, "education.dropout_annual", true)),
        vocational_done_months_(
            static_cast<std::uint16_t>(12 * ps.scalar("education.vocational_completion_age"))),
        general_done_months_(
            static_cast<std::uint16_t>(12 * ps.scalar("education.general_completion_age"))),
        higher_after_general_(ps.scalar("education.higher_entry_share_general")),
        higher_after_vocational_(ps.scalar("education.higher_entry_share_vocational")),
        higher_completion_(monthly_threshold(ps, "education.higher_completion_annual", true)),
        higher_dropout_(monthly_threshold(ps, "education.higher_dropout_annual", true)),
        second_chance_(monthly_threshold(ps, "education.second_chance_annual", true)) {
    // The fast path's per-stage screen: the age at which a stage ends (a month at or after it
    // is an event) and the drop-out threshold compared with the first draw.
    stage_end_.fill(0x10000);  // never
    stage_end_[static_cast<int>(EduStage::Primary)] = 12 * 12;
    stage_end_[static_cast<int>(EduStage::LowerSecondary)] = 16 * 12;
    stage_end_[static_cast<int>(EduStage::Vocational)] = vocational_done_months_;
    stage_end_[static_cast<int>(EduStage::General)] = general_done_months_;
    stage_dropout_[static_cast<int>(EduStage::Vocational)] = dropout_;
    stage_dropout_[static_cast<int>(EduStage::General)] = dropout_;
    // The vector screen holds thresholds in 32 bits: it runs unless one of them is certainty.
    vector_ok_ = threshold_bits(second_chance_, second_chance_bits_) &
                 threshold_bits(higher_completion_, higher_completion_bits_) &
                 threshold_bits(higher_dropout_, higher_dropout_bits_);
    for (int i = 0; i < kStages; ++i) {
      vector_ok_ &= threshold_bits(stage_dropout_[i], stage_dropout_bits_[i]);
      stage_end_bits_[i] = stage_end_[i];
    }
  }

  void run_block(Phase, BlockContext& c) override {
    Population& pop = c.pop;
    const std::uint32_t first = c.block.person_begin;
    const std::size_t n = c.block.person_end - first;
    // The block's draws (as MonthStream::block would give them), in arrays the vector path can
    // load from. Per-thread, reused across blocks and months.
    thread_local std::vector<std::uint32_t> buffer;
    if (buffer.size() < 4 * n) buffer.resize(4 * n);
    const Draw4 draws{buffer.data(), n};
    draw_many(*c.month.key, &pop.id[first], n, c.month.month, kStream, 0, draws.u[0], draws.u[1],
              draws.u[2], draws.u[3]);
    std::uint32_t start = first;
#if defined(LEIDENSIM_EDUCATION_AVX512)
    if (vector_ok_ && vector_path_enabled.load(std::memory_order_relaxed))
      start = run_vector(c, draws);
#endif
    // Fast path: for most persons nothing happens this month. Whether anything does is
    // computed without branches (presence and stage vary unpredictably from person to person);
    // only those persons (a few per cent) take the full logic of person().
    const std::uint8_t* const flags = pop.flags.data();
    const std::uint16_t* const age_months = pop.age_months.data();
    const EduStage* const edu_stage = pop.edu_stage.data();
    const EduLevel* const edu_level = pop.edu_level.data();
    const Labour* const labour = pop.labour.data();
    for (std::uint32_t p = start; p < c.block.person_end; ++p) {
      const std::size_t k = p - first;
      const std::uint32_t u0 = draws.u[0][k], u1 = draws.u[1][k];
      const bool here = flags[p] & person_flag::kPresent;
      const std::uint32_t age = age_months[p];
      const auto stage = static_cast<unsigned>(edu_stage[p]);
      const bool child = labour[p] == Labour::Child;
      const bool none = stage == static_cast<unsigned>(EduStage::None);
      const bool starts_school = (age == 48) & child;
      const bool second_chance = (edu_level[p] < EduLevel::Qualified) & (age >= 18 * 12) &
                                 (age < 28 * 12) & second_chance_.fires(u0);
      const bool higher = stage == static_cast<unsigned>(EduStage::Higher);
      const bool in_school_event =
          ((age == 15 * 12) & child) | (age >= stage_end_[stage]) |
          stage_dropout_[stage].fires(u0) |
          (higher & (age >= 21 * 12) & (higher_completion_.fires(u0) | higher_dropout_.fires(u1)));
      const bool event = (none & (starts_school | second_chance)) | (!none & in_school_event);
      if (!(here & event)) [[likely]]
        continue;
      person(c, p, {u0, u1, draws.u[2][k], draws.u[3][k]});
    }
  }

 private:
  /// A block's four draw arrays.
  struct Draw4 {
    Draw4(std::uint32_t* base, std::size_t n) : u{base, base + n, base + 2 * n, base + 3 * n} {}
    std::uint32_t* u[4];
  };

#if defined(LEIDENSIM_EDUCATION_AVX512)
  /// The screen of run_block for 16 persons at a time (the same test, lane by lane; the
  /// per-stage values come from permutes); returns the first person left for the scalar loop.
  /// Why: education screens every person every month, and nothing happens to almost all.
  std::uint32_t run_vector(BlockContext& c, const Draw4& draws) const {
    Population& pop = c.pop;
    const std::uint32_t first = c.block.person_begin, end = c.block.person_end;
    const std::uint8_t* const flags = pop.flags.data();
    const std::uint16_t* const age_months = pop.age_months.data();
    const EduStage* const edu_stage = pop.edu_stage.data();
    const EduLevel* const edu_level = pop.edu_level.data();
    const Labour* const labour = pop.labour.data();
    auto bytes = [](const void* column, std::uint32_t p) {
      return _mm512_cvtepu8_epi32(_mm_loadu_si128(
          reinterpret_cast<const __m128i*>(static_cast<const std::uint8_t*>(column) + p)));
    };
    auto set = [](unsigned v) { return _mm512_set1_epi32(static_cast<int>(v)); };
    std::array<std::uint32_t, 16> end_table{}, dropout_table{};
    std::copy(stage_end_bits_.begin(), stage_end_bits_.end(), end_table.begin());
    std::copy(stage_dropout_bits_.begin(), stage_dropout_bits_.end(), dropout_table.begin());
    const __m512i stage_end = _mm512_loadu_si512(end_table.data());
    const __m512i stage_dropout = _mm512_loadu_si512(dropout_table.data());
    const __m512i second_chance = set(second_chance_bits_);
    const __m512i higher_completion = set(higher_completion_bits_);
    const __m512i higher_dropout = set(higher_dropout_bits_);
    std::uint32_t p = first;
    for (; p + 16 <= end; p += 16) {
      const std::size_t k = p - first;
      const __m512i u0 = _mm512_loadu_si512(draws.u[0] + k);
      const __m512i u1 = _mm512_loadu_si512(draws.u[1] + k);
      const __mmask16 here = _mm512_test_epi32_mask(bytes(flags, p), set(person_flag::kPresent));
      const __m512i age = _mm512_cvtepu16_epi32(
          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(age_months + p)));
      const __m512i stage = bytes(edu_stage, p);
      const __mmask16 child =
          _mm512_cmpeq_epi32_mask(bytes(labour, p), set(static_cast<unsigned>(Labour::Child)));
      const __mmask16 none =
          _mm512_cmpeq_epi32_mask(stage, set(static_cast<unsigned>(EduStage::None)));
      const __mmask16 starts_school = _mm512_cmpeq_epi32_mask(age, set(48)) & child;
      const __mmask16 second =
          _mm512_cmplt_epu32_mask(bytes(edu_level, p),
                                  set(static_cast<unsigned>(EduLevel::Qualified))) &
          _mm512_cmpge_epu32_mask(age, set(18 * 12)) & _mm512_cmplt_epu32_mask(age, set(28 * 12)) &
          _mm512_cmplt_epu32_mask(u0, second_chance);
      const __mmask16 higher =
          _mm512_cmpeq_epi32_mask(stage, set(static_cast<unsigned>(EduStage::Higher)));
      const __mmask16 in_school_event =
          (_mm512_cmpeq_epi32_mask(age, set(15 * 12)) & child) |
          _mm512_cmpge_epu32_mask(age, _mm512_permutexvar_epi32(stage, stage_end)) |
          _mm512_cmplt_epu32_mask(u0, _mm512_permutexvar_epi32(stage, stage_dropout)) |
          (higher & _mm512_cmpge_epu32_mask(age, set(21 * 12)) &
           (_mm512_cmplt_epu32_mask(u0, higher_completion) |
            _mm512_cmplt_epu32_mask(u1, higher_dropout)));
      const __mmask16 event =
          (none & (starts_school | second)) | (static_cast<__mmask16>(~none) & in_school_event);
      for (unsigned rest = here & event; rest != 0; rest &= rest - 1) {
        const std::uint32_t q = p + static_cast<std::uint32_t>(std::countr_zero(rest));
        const std::size_t kq = q - first;
        person(c, q, {draws.u[0][kq], draws.u[1][kq], draws.u[2][kq], draws.u[3][kq]});
      }
    }
    return p;
  }
#endif

  /// The full monthly logic of one present person.
  void person(BlockContext& c, std::uint32_t p, const Draws& d) const {
    Population& pop = c.pop;
    const std::uint16_t age = pop.age_months[p];
    const EduStage stage = pop.edu_stage[p];
    if (stage == EduStage::None) {
      if (age == 48 && pop.labour[p] == Labour::Child) {
        pop.edu_stage[p] = EduStage::Primary;
      } else if (pop.edu_level[p] < EduLevel::Qualified && age >= 18 * 12 && age < 28 * 12 &&
                 second_chance_.fires(d[0])) {
        pop.edu_level[p] = EduLevel::Qualified;
      }
      return;
    }
    if (age == 15 * 12 && pop.labour[p] == Labour::Child) pop.labour[p] = Labour::Student;
    switch (stage) {
      case EduStage::Primary:
        if (age >= 12 * 12) pop.edu_stage[p] = EduStage::LowerSecondary;
        break;
      case EduStage::LowerSecondary:
        if (age >= 16 * 12) {
          pop.edu_level[p] = EduLevel::Basic;
          pop.edu_stage[p] = general_track_.fires(d[0]) ? EduStage::General : EduStage::Vocational;
        }
        break;
      case EduStage::Vocational:
      case EduStage::General: {
        if (dropout_.fires(d[0])) {
          leave(pop, p);
          pop.flags[p] |= person_flag::kEarlyLeaver;
          ++c.flows.at(pop.district[p], Indicator::EarlySchoolLeavers);
          break;
        }
        const bool vocational = stage == EduStage::Vocational;
        if (age >= (vocational ? vocational_done_months_ : general_done_months_)) {
          pop.edu_level[p] = EduLevel::Qualified;
          if ((vocational ? higher_after_vocational_ : higher_after_general_).fires(d[1]))
            pop.edu_stage[p] = EduStage::Higher;
          else
            leave(pop, p);
        }
        break;
      }
      case EduStage::Higher: {
        if (age < 21 * 12) break;
        if (higher_completion_.fires(d[0])) {
          pop.edu_level[p] = EduLevel::Higher;
          leave(pop, p);
        } else if (higher_dropout_.fires(d[1])) {
          leave(pop, p);
        }
        break;
      }
      case EduStage::None:
        break;
    }
  }

  static void leave(Population& pop, std::uint32_t p) {
    pop.edu_stage[p] = EduStage::None;
    pop.labour[p] = Labour::Unemployed;
    pop.labour_months[p] = 0;
  }

  Threshold general_track_;
  Threshold dropout_;
  std::uint16_t vocational_done_months_, general_done_months_;
  Threshold higher_after_general_, higher_after_vocational_;
  Threshold higher_completion_, higher_dropout_, second_chance_;
  static constexpr int kStages = 6;  // EduStage values
  std::array<std::uint32_t, kStages> stage_end_;
  std::array<Threshold, kStages> stage_dropout_;
  // The screen's values as 32 bits for the vector path, and whether all thresholds fit.
  std::array<std::uint32_t, kStages> stage_end_bits_{}, stage_dropout_bits_{};
  std::uint32_t second_chance_bits_ = 0, higher_completion_bits_ = 0, higher_dropout_bits_ = 0;
  bool vector_ok_ = false;
};

}  // namespace

void set_education_vector_path(bool enabled) {
  vector_path_enabled.store(enabled, std::memory_order_relaxed);
}

ModuleDescriptor education_module() {
  ModuleDescriptor d;
  d.name = "education";
  d.version = "1.0";
  d.description = "school stages by age, dropout, startkwalificatie";
  d.phases = kHazards;
  d.parallel_phases = kHazards;
  d.create = [](const ModuleSetup& setup) -> std::unique_ptr<Module> {
    const ModelSpec& spec = setup.spec;
    return std::make_unique<Education>(spec.parameters);
  };
  return d;
}

}  // namespace leidensim
