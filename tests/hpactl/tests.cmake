# tests/hpactl/tests.cmake -- hpactl's command-line contract across commands
# (write errors, standard input, output paths, usage errors): one ctest
# case per group of cli.py, which runs the built hpactl.
if(TARGET hpactl)
  foreach(case stdout_write_errors render_empty_dir stdin_once help_help dash_output
      lint_repeated_rules simulate_bounds simulate_bounds_namespace simulate_flag_bounds lint_rules_json fmt_json_files lint_json_utf8
      history_keys usage_errors_are_short read_errors_say_why)
    add_test(NAME hpactl.cli_${case}
      COMMAND ${HPA_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/cli.py $<TARGET_FILE:hpactl> ${PROJECT_SOURCE_DIR}/tests/data ${case})
    set_tests_properties(hpactl.cli_${case} PROPERTIES LABELS "cli" SKIP_RETURN_CODE 77)
  endforeach()
endif()
