# lib/schema/module.cmake -- C tables generated from the committed schema
# description (lib/schema/k8s-1.36.schema) by scripts/gen-schema --c.
# The build never reads the swagger: regenerate the .schema file by hand
# (scripts/gen-schema) when Kubernetes changes.
set(HPA_SCHEMA_FILE ${CMAKE_CURRENT_SOURCE_DIR}/lib/schema/k8s-1.36.schema)
set(HPA_SCHEMA_DATA ${CMAKE_CURRENT_BINARY_DIR}/lib/schema/schema_data.c)
file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/lib/schema)
add_custom_command(
  OUTPUT ${HPA_SCHEMA_DATA}
  COMMAND ${HPA_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/scripts/gen-schema --c ${HPA_SCHEMA_FILE} ${HPA_SCHEMA_DATA}
  DEPENDS ${HPA_SCHEMA_FILE} ${CMAKE_CURRENT_SOURCE_DIR}/scripts/gen-schema
  COMMENT "Generating schema tables from k8s-1.36.schema"
  VERBATIM)
list(APPEND HPA_SOURCES ${HPA_SCHEMA_DATA})
# One target owns the generation: every library variant (hpa, hpa_static,
# hpa_testing, the fuzz library) depends on it, so parallel builds never run
# the generator twice at once.
add_custom_target(hpa_generated DEPENDS ${HPA_SCHEMA_DATA})
