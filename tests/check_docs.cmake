# Run Doxygen on the public headers; any warning (an undocumented public
# declaration, a broken reference) fails the test.
execute_process(COMMAND ${DOXYGEN} ${DOXYFILE} WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE rc ERROR_VARIABLE warnings OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "doxygen failed (${rc}):\n${warnings}")
endif()
if(warnings MATCHES "warning")
  message(FATAL_ERROR "undocumented or badly documented public API:\n${warnings}")
endif()
message(STATUS "public API documented: no Doxygen warning")
