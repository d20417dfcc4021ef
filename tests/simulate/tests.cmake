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
  # 10^15 ms is read, then refused by the simulator's bound (3650 days,
  # named with the flag); 3650d itself goes on to the manifest
  add_test(NAME simulate.cli_duration_above_bound
    COMMAND hpactl simulate no-such-manifest.yaml --hpa x --load "constant 1" --duration 1000000000000000ms)
  set_tests_properties(simulate.cli_duration_above_bound PROPERTIES
    FAIL_REGULAR_EXPRESSION "bad duration" PASS_REGULAR_EXPRESSION "--duration must be above 0 and at most 3650d"
    LABELS "simulate")
  add_test(NAME simulate.cli_duration_longest
    COMMAND hpactl simulate no-such-manifest.yaml --hpa x --load "constant 1" --duration 3650d)
  set_tests_properties(simulate.cli_duration_longest PROPERTIES
    FAIL_REGULAR_EXPRESSION "bad duration|must be" PASS_REGULAR_EXPRESSION "no-such-manifest" LABELS "simulate")
  # --seed takes 0 .. 2^64 - 1 and nothing else: strtoull used to take "-1"
  # (as 2^64 - 1) and clamp 2^64 and beyond to 2^64 - 1
  foreach(bad -1 18446744073709551616 99999999999999999999 1x)
    add_test(NAME simulate.cli_seed_refused_${bad}
      COMMAND hpactl simulate no-such-manifest.yaml --hpa x --load "constant 1" --seed ${bad})
    set_tests_properties(simulate.cli_seed_refused_${bad} PROPERTIES
      PASS_REGULAR_EXPRESSION "--seed wants a number from 0 to 18446744073709551615" LABELS "simulate")
  endforeach()
  add_test(NAME simulate.cli_seed_largest
    COMMAND hpactl simulate no-such-manifest.yaml --hpa x --load "constant 1" --seed 18446744073709551615)
  set_tests_properties(simulate.cli_seed_largest PROPERTIES
    FAIL_REGULAR_EXPRESSION "--seed wants" PASS_REGULAR_EXPRESSION "no-such-manifest" LABELS "simulate")
endif()
