# tests/model/tests.cmake -- the deployment modeler end to end, through hpactl:
# golden comparison with the lab's reference end state, schema validation of
# the rendered manifests, and lint. Tests needing the shared material or a
# command that is not there yet exit 77 (skipped).
set(HPA_MODEL_TESTS ${CMAKE_CURRENT_LIST_DIR})
set(HPA_MODEL_VALIDATOR ${HPA_SHARED_DIR}/k8s-openapi/validate_manifest.py)
set(HPA_MODEL_LARGE ${CMAKE_CURRENT_SOURCE_DIR}/data/model/large.yml)

add_test(NAME model.golden_12st_mall
  COMMAND ${HPA_PYTHON} ${HPA_MODEL_TESTS}/golden.py $<TARGET_FILE:hpactl>
    ${HPA_SHARED_DIR}/reference/12st-mall-template.yml ${HPA_MODEL_TESTS}/golden-differences.tsv)

add_test(NAME model.validate_builtin
  COMMAND ${HPA_PYTHON} ${HPA_MODEL_TESTS}/render_check.py validate $<TARGET_FILE:hpactl> ${HPA_MODEL_VALIDATOR})
add_test(NAME model.validate_builtin_service_rule_load_pod
  COMMAND ${HPA_PYTHON} ${HPA_MODEL_TESTS}/render_check.py validate $<TARGET_FILE:hpactl> ${HPA_MODEL_VALIDATOR}
    -- --path-rule service --with-load-pod)
add_test(NAME model.validate_large
  COMMAND ${HPA_PYTHON} ${HPA_MODEL_TESTS}/render_check.py validate $<TARGET_FILE:hpactl> ${HPA_MODEL_VALIDATOR}
    ${HPA_MODEL_LARGE} -- --with-load-pod)

add_test(NAME model.lint_builtin
  COMMAND ${HPA_PYTHON} ${HPA_MODEL_TESTS}/render_check.py lint $<TARGET_FILE:hpactl>)
add_test(NAME model.lint_large
  COMMAND ${HPA_PYTHON} ${HPA_MODEL_TESTS}/render_check.py lint $<TARGET_FILE:hpactl> --no-info ${HPA_MODEL_LARGE})
# the lab tool's service-name rule routes /products to a service serving /inventories
add_test(NAME model.lint_service_rule_warns
  COMMAND ${HPA_PYTHON} ${HPA_MODEL_TESTS}/render_check.py lint-warns $<TARGET_FILE:hpactl> ING004
    -- --path-rule service)

# read back and written again by the codec (hpactl fmt): the same bytes
add_test(NAME model.reemit_builtin
  COMMAND ${HPA_PYTHON} ${HPA_MODEL_TESTS}/render_check.py reemit $<TARGET_FILE:hpactl> -- --with-load-pod)
add_test(NAME model.reemit_large
  COMMAND ${HPA_PYTHON} ${HPA_MODEL_TESTS}/render_check.py reemit $<TARGET_FILE:hpactl> ${HPA_MODEL_LARGE})

set_tests_properties(model.reemit_builtin model.reemit_large model.golden_12st_mall model.validate_builtin model.validate_builtin_service_rule_load_pod
  model.validate_large model.lint_builtin model.lint_large model.lint_service_rule_warns
  PROPERTIES SKIP_RETURN_CODE 77 LABELS "model")
