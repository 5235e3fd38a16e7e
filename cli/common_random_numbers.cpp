#include "common_random_numbers.hpp"

namespace leidensim::cli {

void share_run_design(const Scenario& lead, Scenario& other) {
  other.seed = lead.seed;
  other.replications = lead.replications;
  other.start = lead.start;
  other.years = lead.years;
  other.scale = lead.scale;
}

}  // namespace leidensim::cli
