#pragma once
// Common random numbers: scenarios compared with one another run the same design, so that
// their paired differences come from the scenarios and not from different random draws.
#include "leidensim/scenario.hpp"

namespace leidensim::cli {

/// Gives `other` the run design of `lead`: its seed, replications, start month, years and
/// population scale. Everything else of `other` (data, parameters, measures) stays its own.
/// `other` may be `lead` itself.
void share_run_design(const Scenario& lead, Scenario& other);

}  // namespace leidensim::cli
