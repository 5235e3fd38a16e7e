#include "leidensim/plugin_loader.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <memory>
#include <regex>
#include <sstream>

#include "leidensim/errors.hpp"
#include "leidensim/plugin_abi.hpp"

#ifndef LEIDENSIM_INSTALL_PLUGIN_DIR
#define LEIDENSIM_INSTALL_PLUGIN_DIR ""
#endif

namespace leidensim {

namespace {
[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what) {
  throw InputError(input_error_message(file.string(), "", what));
}
}  // namespace

PluginLoader::PluginLoader(std::vector<std::filesystem::path> search_path)
    : search_path_(std::move(search_path)) {
  if (const char* env = std::getenv("LEIDENSIM_PLUGIN_PATH")) {
    std::stringstream ss(env);
    for (std::string dir; std::getline(ss, dir, ':');)
      if (!dir.empty()) search_path_.emplace_back(dir);
  }
  // The installed measures live in <libdir>/leidensim/plugins, next to this library: found from
  // the library's own location, so an installation can be moved.
  Dl_info info{};
  if (::dladdr(reinterpret_cast<void*>(&PluginLoader::file_name_for), &info) && info.dli_fname) {
    const auto installed =
        std::filesystem::path(info.dli_fname).parent_path() / "leidensim" / "plugins";
    if (std::filesystem::is_directory(installed)) search_path_.push_back(installed);
  }
  if (*LEIDENSIM_INSTALL_PLUGIN_DIR) search_path_.emplace_back(LEIDENSIM_INSTALL_PLUGIN_DIR);
}

std::string PluginLoader::file_name_for(const std::string& name) {
  return "libleidensim_" + name + ".so";
}

std::filesystem::path PluginLoader::find(const std::string& name) const {
  for (const auto& dir : search_path_) {
    const auto f = dir / file_name_for(name);
    if (std::filesystem::exists(f)) return f;
  }
  return {};
}

ModuleDescriptor PluginLoader::load_by_name(const std::string& name) const {
  if (!std::regex_match(name, std::regex("[a-z0-9_]+")))
    throw InputError(input_error_message("", name, "not a valid measure name ([a-z0-9_]+)"));
  const auto f = find(name);
  if (f.empty()) {
    std::string where;
    for (const auto& d : search_path_) where += (where.empty() ? "" : ", ") + d.string();
    throw InputError(input_error_message(
        "", name,
        "unknown measure: no " + file_name_for(name) + " in the plugin search path (" +
            (where.empty() ? "empty" : where) +
            "); add a folder with LEIDENSIM_PLUGIN_PATH or give the file with --plugin"));
  }
  return load_file(f);
}

ModuleDescriptor PluginLoader::load_file(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) fail(file, "plugin file not found");
  ::dlerror();
  void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = ::dlerror();
    fail(file, std::string("not a loadable shared library: ") + (why ? why : "unknown reason"));
  }
  std::shared_ptr<void> library(handle, [](void* h) { ::dlclose(h); });
  ::dlerror();
  void* symbol = ::dlsym(handle, LEIDENSIM_PLUGIN_ENTRY_NAME);
  if (!symbol)
    fail(file, std::string("no entry symbol ") + LEIDENSIM_PLUGIN_ENTRY_NAME +
                   " (is it a leidensim plugin built with LEIDENSIM_DEFINE_PLUGIN?)");
  const auto entry = reinterpret_cast<leidensim_plugin_entry_fn>(symbol);
  const PluginDescriptor* d = entry();
  if (!d) fail(file, "the entry function returned no descriptor");
  if (d->abi_version != LEIDENSIM_PLUGIN_ABI_VERSION)
    fail(file, "plugin ABI version " + std::to_string(d->abi_version) + ", this leidensim needs " +
                   std::to_string(LEIDENSIM_PLUGIN_ABI_VERSION) +
                   ": rebuild the plugin against this leidensim's SDK");
  if (!d->name || !std::regex_match(d->name, std::regex("[a-z0-9_]+")))
    fail(file, "descriptor has no valid name");
  if (!d->create) fail(file, "descriptor has no factory");
  if ((d->parallel_phases & ~d->phases) != 0)
    fail(file, "parallel phases must be among the plugin's phases");
  ModuleDescriptor m;
  m.name = d->name;
  m.version = d->version ? d->version : "";
  m.description = d->description ? d->description : "";
  m.kind = ModuleKind::Plugin;
  m.library = file.string();
  m.phases = d->phases;
  m.parallel_phases = d->parallel_phases;
  try {
    m.parameter_schema = nlohmann::json::parse(d->parameter_schema ? d->parameter_schema : "{}");
  } catch (const nlohmann::json::exception& e) {
    fail(file, std::string("parameter schema is not valid JSON: ") + e.what());
  }
  const PluginFactory factory = d->create;
  const std::string path = file.string();
  m.create = [factory, path, library](const ModuleSetup& setup) -> std::unique_ptr<Module> {
    char error[512] = "";
    Module* module = factory(setup, error, sizeof error);
    if (!module)
      throw InputError(
          input_error_message(path, "", std::string("measure refused to start: ") + error));
    return std::unique_ptr<Module>(module);
  };
  m.keep_alive = library;
  return m;
}

}  // namespace leidensim
