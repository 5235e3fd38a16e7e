# leidensim_add_measure(<name> SOURCES <files...>)
# Builds the measure <name> as a plugin: a MODULE library libleidensim_<name>.so with hidden
# visibility (only the entry function is exported), linked against the leidensim SDK.
function(leidensim_add_measure name)
  cmake_parse_arguments(M "" "OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
  set(target leidensim_measure_${name})
  add_library(${target} MODULE ${M_SOURCES})
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME leidensim_${name}
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(M_OUTPUT_DIRECTORY)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${M_OUTPUT_DIRECTORY})
  endif()
  if(TARGET leidensim::sdk)
    target_link_libraries(${target} PRIVATE leidensim::sdk)
  else()
    target_link_libraries(${target} PRIVATE leidensim::core)
  endif()
  target_compile_features(${target} PRIVATE cxx_std_20)
endfunction()
