#pragma once
// Education: school stages by age, track choice, completion, dropout and startkwalificatie.
//
// Phase: hazards (parallel, per person). A branch-free screen finds the few persons for whom
//   anything changes this month; only they take the full stage logic.
// Stages: primary from age 4, lower secondary from 12, at 16 a vocational (mbo) or general
//   (havo/vwo) upper track; completing either gives a startkwalificatie and may lead on to
//   higher education. Leaving a track early without one makes an early school leaver (counted as
//   a flow). Young adults without a startkwalificatie may still earn one (second chance).
// Reads: age, stage, level. Writes: edu_stage, edu_level, the early-leaver flag, and labour
//   (Student while in education from 15; Unemployed on leaving education, so that the labour
//   module takes over).
// Parameters (prefix "education."): general_track_share, dropout_annual,
//   vocational_completion_age, general_completion_age, higher_entry_share_general,
//   higher_entry_share_vocational, higher_completion_annual, higher_dropout_annual,
//   second_chance_annual.
#include "leidensim/module.hpp"

namespace leidensim {

ModuleDescriptor education_module();

/// Whether the education screen may use its vector path (AVX-512, where the build targets it).
/// Both paths give identical results; this switch exists so that a test can check that.
/// Process-wide: set it only while no simulation runs.
void set_education_vector_path(bool enabled);

}  // namespace leidensim
