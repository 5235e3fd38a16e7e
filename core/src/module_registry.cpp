#include "leidensim/module_registry.hpp"

#include "leidensim/errors.hpp"
#include "leidensim/hazard_modifiers.hpp"
#include "leidensim/processes/care.hpp"
#include "leidensim/processes/debt.hpp"
#include "leidensim/processes/demography.hpp"
#include "leidensim/processes/education.hpp"
#include "leidensim/processes/income.hpp"
#include "leidensim/processes/labour.hpp"

namespace leidensim {

const char* to_string(Phase p) {
  switch (p) {
    case kBeginMonth:
      return "begin_month";
    case kHazards:
      return "hazards";
    case kTransitions:
      return "transitions";
    case kPayments:
      return "payments";
    case kEndMonth:
      return "end_month";
    case kEndYear:
      return "end_year";
  }
  return "?";
}

const char* to_string(Hazard h) {
  static const char* names[] = {"job_finding",     "job_loss",    "bijstand_outflow",
                                "bijstand_inflow", "debt_inflow", "jeugdhulp_inflow",
                                "wmo_inflow"};
  return names[static_cast<int>(h)];
}

void ModuleRegistry::add(ModuleDescriptor d) {
  if (const ModuleDescriptor* existing = find(d.name))
    throw InputError(input_error_message(
        "", d.name,
        std::string("name already taken by a ") +
            (existing->kind == ModuleKind::BuiltIn ? "built-in module" : "plugin")));
  if ((d.parallel_phases & ~d.phases) != 0)
    throw InputError(input_error_message("", d.name, "parallel phases must be among its phases"));
  modules_.push_back(std::move(d));
}

const ModuleDescriptor* ModuleRegistry::find(const std::string& name) const {
  for (const auto& m : modules_)
    if (m.name == name) return &m;
  return nullptr;
}

ModuleRegistry builtin_registry() {
  ModuleRegistry r;
  r.add(demography_module());
  r.add(education_module());
  r.add(labour_module());
  r.add(debt_module());
  r.add(care_module());
  r.add(income_module());
  return r;
}

}  // namespace leidensim
