#pragma once
// Loading measures from shared libraries, by name from a search path or by explicit path; never
// by scanning folders. The search path is, in order: the directories given by the caller (e.g.
// the build tree's plugins/ folder), LEIDENSIM_PLUGIN_PATH (colon-separated) and the install
// prefix's lib/leidensim/plugins. A measure named "jobcoach" is the file
// "libleidensim_jobcoach.so" in one of them.
//
// Every failure is an InputError naming the file: not found, not a shared library, missing
// entry symbol, wrong ABI version, malformed descriptor or schema.
#include <filesystem>
#include <string>
#include <vector>

#include "leidensim/module.hpp"

namespace leidensim {

class PluginLoader {
 public:
  explicit PluginLoader(std::vector<std::filesystem::path> search_path = {});

  /// Loads the library at `file` and returns its descriptor (kind Plugin, library = file).
  static ModuleDescriptor load_file(const std::filesystem::path& file);
  /// Finds "libleidensim_<name>.so" on the search path and loads it.
  ModuleDescriptor load_by_name(const std::string& name) const;
  /// The file a name resolves to, or empty if none.
  std::filesystem::path find(const std::string& name) const;

  const std::vector<std::filesystem::path>& search_path() const { return search_path_; }
  static std::string file_name_for(const std::string& name);

 private:
  std::vector<std::filesystem::path> search_path_;
};

}  // namespace leidensim
