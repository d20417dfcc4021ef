# tests/lint/tests.cmake -- oracles and command-line checks of the validation
# and lint module (included from tests/CMakeLists.txt).
if(TARGET hpactl)
  # Independent oracle: what libhpa accepts validates against the Kubernetes
  # 1.36 JSON schemas (the shared k8s-openapi/validate_manifest.py logic).
  add_test(NAME lint.schema_oracle
    COMMAND ${HPA_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/schema_oracle.py
      --hpactl $<TARGET_FILE:hpactl> --shared ${HPA_SHARED_DIR}
      --fixtures ${PROJECT_SOURCE_DIR}/tests/data/lint)
  set_tests_properties(lint.schema_oracle PROPERTIES SKIP_RETURN_CODE 77 LABELS "oracle")
  # The oracle can fail: with libhpa's schema and API-server checks switched
  # off, it must catch the fixtures that carry unknown fields.
  add_test(NAME lint.schema_oracle_detects_weakened_validation
    COMMAND ${HPA_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/schema_oracle.py
      --hpactl $<TARGET_FILE:hpactl> --shared ${HPA_SHARED_DIR}
      --fixtures ${PROJECT_SOURCE_DIR}/tests/data/lint
      --lint-arg=--no-schema --lint-arg=--disable=VAL001)
  set_tests_properties(lint.schema_oracle_detects_weakened_validation PROPERTIES
    WILL_FAIL TRUE LABELS "oracle")
  if(NOT EXISTS ${HPA_SHARED_DIR}/k8s-openapi/validate_manifest.py)
    set_tests_properties(lint.schema_oracle_detects_weakened_validation PROPERTIES DISABLED TRUE)
  endif()
  add_test(NAME lint.hpactl_cli
    COMMAND ${HPA_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/hpactl_cli.py
      --hpactl $<TARGET_FILE:hpactl> --data ${PROJECT_SOURCE_DIR}/tests/data
      --docs ${PROJECT_SOURCE_DIR}/docs/lint.md)
  set_tests_properties(lint.hpactl_cli PROPERTIES LABELS "cli")
endif()
