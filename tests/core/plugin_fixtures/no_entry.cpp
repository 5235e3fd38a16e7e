// A shared library without the plugin entry function.
extern "C" __attribute__((visibility("default"))) int some_other_function() {
  return 42;
}
