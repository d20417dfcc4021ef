# tests/simulate/tests.cmake -- hpactl simulate's command line (the
# simulation itself is tested through the API in tests/unit/test_simulate.c).
if(TARGET hpactl)
  # a duration beyond 10^15 ms is refused, not overflowed: 9e16 days used to
  # wrap around in v * 86400000; 10^15 ms itself is accepted up to the
  # manifest (which does not exist: the run then fails on the file)
  add_test(NAME simulate.cli_duration_too_long
    COMMAND hpactl simulate no-such-manifest.yaml --hpa x --load "constant 1" --duration 90000000000000000d)
  set_tests_properties(simulate.cli_duration_too_long PROPERTIES
    PASS_REGULAR_EXPRESSION "bad duration" LABELS "simulate")
  add_test(NAME simulate.cli_duration_longest
    COMMAND hpactl simulate no-such-manifest.yaml --hpa x --load "constant 1" --duration 1000000000000000ms)
  set_tests_properties(simulate.cli_duration_longest PROPERTIES
    FAIL_REGULAR_EXPRESSION "bad duration" PASS_REGULAR_EXPRESSION "no-such-manifest" LABELS "simulate")
endif()
