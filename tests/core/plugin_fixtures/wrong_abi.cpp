// A plugin built against a different ABI version: the loader must refuse it.
#include "leidensim/plugin_abi.hpp"

namespace {
leidensim::Module* create(const leidensim::ModuleSetup&, char*, std::size_t) {
  return nullptr;
}
const leidensim::PluginDescriptor descriptor = {LEIDENSIM_PLUGIN_ABI_VERSION + 998,
                                                "wrong_abi",
                                                "1.0",
                                                "built for another ABI",
                                                "{}",
                                                leidensim::kBeginMonth,
                                                0,
                                                &create};
}  // namespace

extern "C" __attribute__((visibility("default"))) const leidensim::PluginDescriptor*
LEIDENSIM_PLUGIN_ENTRY() {
  return &descriptor;
}
