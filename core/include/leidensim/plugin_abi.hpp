#pragma once
// The plugin ABI: how a policy measure in a shared library presents itself to leidensim.
//
// A plugin is a shared library (CMake MODULE, built with hidden visibility) that exports one
// C function, LEIDENSIM_PLUGIN_ENTRY, returning a pointer to a static descriptor. The host loads
// it with dlopen(RTLD_NOW | RTLD_LOCAL), checks abi_version against LEIDENSIM_PLUGIN_ABI_VERSION
// and refuses any mismatch with an error naming the file. Plugins and host are C++ built against
// the same SDK headers (find_package(leidensim)); the ABI version changes whenever a type the
// descriptor or the Module interface exposes changes layout.
//
// Writing one (see plugins/README.md):
//
//   class MyMeasure final : public leidensim::Measure { ... };
//   LEIDENSIM_DEFINE_PLUGIN(my_measure, "1.0", "one line", kSchemaJson,
//                           leidensim::kBeginMonth | leidensim::kPayments, 0, MyMeasure)
#include <cstdint>

#include "leidensim/module.hpp"

#define LEIDENSIM_PLUGIN_ABI_VERSION 2u
#define LEIDENSIM_PLUGIN_ENTRY leidensim_plugin_descriptor
#define LEIDENSIM_PLUGIN_ENTRY_NAME "leidensim_plugin_descriptor"

namespace leidensim {

/// Creates the module, or returns null and writes a message to `error` (plugins must not let
/// exceptions cross the library boundary).
using PluginFactory = Module* (*)(const ModuleSetup& setup, char* error, std::size_t error_size);

struct PluginDescriptor {
  std::uint32_t abi_version;      // LEIDENSIM_PLUGIN_ABI_VERSION of the SDK it was built with
  const char* name;               // registry name, [a-z0-9_]+
  const char* version;            // the measure's own version
  const char* description;        // one line
  const char* parameter_schema;   // JSON Schema (draft 2020-12 subset) of its parameters
  std::uint32_t phases;           // Phase bits
  std::uint32_t parallel_phases;  // subset of phases that run per block
  PluginFactory create;
};

}  // namespace leidensim

extern "C" {
using leidensim_plugin_entry_fn = const leidensim::PluginDescriptor* (*)();
}

#define LEIDENSIM_PLUGIN_STR2(x) #x
#define LEIDENSIM_PLUGIN_STR(x) LEIDENSIM_PLUGIN_STR2(x)

/// Defines the entry function and a factory that catches exceptions.
#define LEIDENSIM_DEFINE_PLUGIN(NAME, VERSION, DESCRIPTION, SCHEMA, PHASES, PARALLEL, CLASS)     \
  namespace {                                                                                    \
  leidensim::Module* leidensim_create_##NAME(const leidensim::ModuleSetup& setup, char* error,   \
                                             std::size_t error_size) {                           \
    try {                                                                                        \
      return new CLASS(setup);                                                                   \
    } catch (const std::exception& e) {                                                          \
      std::snprintf(error, error_size, "%s", e.what());                                          \
      return nullptr;                                                                            \
    }                                                                                            \
  }                                                                                              \
  const leidensim::PluginDescriptor leidensim_descriptor_##NAME = {LEIDENSIM_PLUGIN_ABI_VERSION, \
                                                                   LEIDENSIM_PLUGIN_STR(NAME),   \
                                                                   VERSION,                      \
                                                                   DESCRIPTION,                  \
                                                                   SCHEMA,                       \
                                                                   PHASES,                       \
                                                                   PARALLEL,                     \
                                                                   &leidensim_create_##NAME};    \
  }                                                                                              \
  extern "C" __attribute__((visibility("default"))) const leidensim::PluginDescriptor*           \
  LEIDENSIM_PLUGIN_ENTRY() {                                                                     \
    return &leidensim_descriptor_##NAME;                                                         \
  }
