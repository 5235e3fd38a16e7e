# Project-wide compile settings as INTERFACE targets, so that consumers opt in by linking.
#
# leidensim::warnings   the warning set every project target compiles with
# leidensim::numerics   floating-point settings that keep results identical across machines:
#                       no FMA contraction and no fast-math, whatever -march is in use

add_library(leidensim_warnings INTERFACE)
add_library(leidensim::warnings ALIAS leidensim_warnings)
target_compile_options(leidensim_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow
                                 -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual>
  # GCC 12 reports -Wrestrict false positives inside libstdc++'s std::string at -O3 (GCC PR 105329)
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
  $<$<AND:$<CXX_COMPILER_ID:GNU,Clang>,$<BOOL:${LEIDENSIM_WARNINGS_AS_ERRORS}>>:-Werror>)

add_library(leidensim_numerics INTERFACE)
add_library(leidensim::numerics ALIAS leidensim_numerics)
target_compile_options(leidensim_numerics INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-ffp-contract=off -fno-fast-math>
  $<$<AND:$<CXX_COMPILER_ID:GNU,Clang>,$<BOOL:${LEIDENSIM_NATIVE_ARCH}>>:-march=native>)

install(TARGETS leidensim_warnings EXPORT leidensimTargets)
