# tests/decide/tests.cmake -- the HPA decision vector runner and its ctest
# entries (included from tests/CMakeLists.txt). The runner is built as
# build/tests/decide/run-vectors and evaluates any file in the vector format
# of docs/hpa-algorithm.md §1 through the public API.
add_executable(run-vectors ${CMAKE_CURRENT_LIST_DIR}/run_vectors.c)
target_compile_options(run-vectors PRIVATE ${HPA_WARNINGS})
target_link_libraries(run-vectors PRIVATE hpa_static PkgConfig::JANSSON m)
set_target_properties(run-vectors PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/decide)

file(GLOB HPA_DECIDE_VECTOR_FILES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/vectors/*.json)
foreach(vf IN LISTS HPA_DECIDE_VECTOR_FILES)
  get_filename_component(vname ${vf} NAME_WE)
  add_test(NAME decide.vectors.${vname} COMMAND run-vectors ${vf})
  set_tests_properties(decide.vectors.${vname} PROPERTIES LABELS "decide")
  # the same vectors through hpa_decide_prepare() / hpa_decide_prepared_run()
  add_test(NAME decide.vectors_prepared.${vname} COMMAND run-vectors --prepared ${vf})
  set_tests_properties(decide.vectors_prepared.${vname} PROPERTIES LABELS "decide")
endforeach()
add_test(NAME decide.vectors_prepared.runner_fails_on_wrong_vectors
  COMMAND run-vectors --prepared ${CMAKE_CURRENT_LIST_DIR}/selftest/deliberately_wrong.json)
set_tests_properties(decide.vectors_prepared.runner_fails_on_wrong_vectors PROPERTIES WILL_FAIL TRUE LABELS "decide")

# The runner must be able to fail: a small file of deliberately wrong vectors.
add_test(NAME decide.vectors.runner_fails_on_wrong_vectors
  COMMAND run-vectors ${CMAKE_CURRENT_LIST_DIR}/selftest/deliberately_wrong.json)
set_tests_properties(decide.vectors.runner_fails_on_wrong_vectors PROPERTIES WILL_FAIL TRUE LABELS "decide")
# ... and an unknown field or level is a failure, never a skip.
add_test(NAME decide.vectors.runner_fails_on_unknown_field
  COMMAND run-vectors ${CMAKE_CURRENT_LIST_DIR}/selftest/unknown_field.json)
set_tests_properties(decide.vectors.runner_fails_on_unknown_field PROPERTIES WILL_FAIL TRUE LABELS "decide")
