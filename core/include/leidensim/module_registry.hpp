#pragma once
// One registry for all modules, built-in and plugin alike, keyed by name. A name collision is
// an error. The order of registration is the run order within each phase.
#include <string>
#include <vector>

#include "leidensim/module.hpp"

namespace leidensim {

class ModuleRegistry {
 public:
  /// Throws InputError if the name is already taken.
  void add(ModuleDescriptor d);
  const ModuleDescriptor* find(const std::string& name) const;
  const std::vector<ModuleDescriptor>& all() const { return modules_; }

 private:
  std::vector<ModuleDescriptor> modules_;
};

/// The life-course processes, in run order: demography, education, labour, income, debt, care.
ModuleRegistry builtin_registry();

}  // namespace leidensim
