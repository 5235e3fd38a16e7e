#pragma once
// Problematic debt of households: inflow (higher below the poverty line) and outflow.
//
// Phase: hazards (parallel, per household; draws keyed by the first member's person id).
// Reads: the household's poor flag (set by income in the previous month's payments).
// Writes: the household debt flag and its duration.
// Parameters (prefix "debt."): inflow_monthly_poor, inflow_monthly_nonpoor, outflow_monthly.
#include "leidensim/module.hpp"

namespace leidensim {

ModuleDescriptor debt_module();

/// Whether the pass may use its vector path (AVX-512, where the build targets it). Both paths
/// give identical results; this switch exists so that a test can check that. Process-wide: set
/// it only while no simulation runs.
void set_debt_vector_path(bool enabled);

}  // namespace leidensim
