# tests/explain/tests.cmake -- hpactl explain and hpactl get hpa end to end
# on captured-style objects (tests/data/explain), and the same inputs as
# decide vectors run through hpa_decide directly (run-vectors, defined in
# tests/decide/tests.cmake). Expected values are worked out by hand in each
# fixture's README.md.
set(HPA_EXPLAIN_TESTS ${CMAKE_CURRENT_LIST_DIR})
set(HPA_EXPLAIN_DATA ${CMAKE_CURRENT_SOURCE_DIR}/data/explain)

# the inputs of the fixtures as controller vectors, through hpa_decide
add_test(NAME explain.vectors COMMAND run-vectors ${HPA_EXPLAIN_TESTS}/vectors.json)
# hpactl explain on each fixture: JSON and text expectations, and the decision
# equal to the vector's (the one hpa_decide gives)
add_test(NAME explain.cli_cases
  COMMAND ${HPA_PYTHON} ${HPA_EXPLAIN_TESTS}/check_cli.py $<TARGET_FILE:hpactl> ${HPA_EXPLAIN_DATA} cases
    ${HPA_EXPLAIN_TESTS}/cases.json ${HPA_EXPLAIN_TESTS}/vectors.json)
# ... which must be able to fail
add_test(NAME explain.cli_selftest_fails
  COMMAND ${HPA_PYTHON} ${HPA_EXPLAIN_TESTS}/check_cli.py $<TARGET_FILE:hpactl> ${HPA_EXPLAIN_DATA} selftest
    ${HPA_EXPLAIN_TESTS}/cases.json ${HPA_EXPLAIN_TESTS}/vectors.json)
set_tests_properties(explain.cli_selftest_fails PROPERTIES WILL_FAIL TRUE)
add_test(NAME explain.cli_bad_input
  COMMAND ${HPA_PYTHON} ${HPA_EXPLAIN_TESTS}/check_cli.py $<TARGET_FILE:hpactl> ${HPA_EXPLAIN_DATA} bad)
add_test(NAME explain.get_hpa_lab
  COMMAND ${HPA_PYTHON} ${HPA_EXPLAIN_TESTS}/check_cli.py $<TARGET_FILE:hpactl> ${HPA_EXPLAIN_DATA} lab)
add_test(NAME explain.get_hpa_render
  COMMAND ${HPA_PYTHON} ${HPA_EXPLAIN_TESTS}/check_cli.py $<TARGET_FILE:hpactl> ${HPA_EXPLAIN_DATA} render)
set_tests_properties(explain.vectors explain.cli_cases explain.cli_selftest_fails explain.cli_bad_input
  explain.get_hpa_lab explain.get_hpa_render PROPERTIES LABELS "explain")
