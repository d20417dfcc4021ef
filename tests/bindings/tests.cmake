# tests/bindings/tests.cmake -- the Python and Lua binding suites, the drift
# check between the public headers and the SWIG interface (included from
# tests/CMakeLists.txt, which is processed before bindings/: the targets do
# not exist yet, so the options that create them are the guard).
#
# Under HPA_SANITIZE the interpreters are not instrumented: the suites run
# with the ASan runtime preloaded and leak detection off (the interpreters'
# own allocations are not ours); the RSS leak test skips itself there.
set(HPA_BINDINGS_ENV "HPA_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
if(HPA_SANITIZE)
  execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=libasan.so
    OUTPUT_VARIABLE HPA_LIBASAN OUTPUT_STRIP_TRAILING_WHITESPACE)
  list(APPEND HPA_BINDINGS_ENV "LD_PRELOAD=${HPA_LIBASAN}" "ASAN_OPTIONS=detect_leaks=0:abort_on_error=0"
    "HPA_SANITIZE=1" "PYTHONMALLOC=malloc")
endif()

if(HPA_BUILD_PYTHON)
  file(GLOB HPA_PY_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/../python/test_*.py)
  foreach(t IN LISTS HPA_PY_TESTS)
    get_filename_component(n ${t} NAME_WE)
    string(REGEX REPLACE "^test_" "" n ${n})
    add_test(NAME bindings.python.${n}
      COMMAND ${HPA_PYTHON} -m unittest -v test_${n}
      WORKING_DIRECTORY ${CMAKE_CURRENT_LIST_DIR}/../python)
    set_tests_properties(bindings.python.${n} PROPERTIES LABELS "bindings;python" TIMEOUT 600
      ENVIRONMENT "PYTHONPATH=${PROJECT_BINARY_DIR}/python;HPA_RUN_VECTORS=$<TARGET_FILE:run-vectors>;${HPA_BINDINGS_ENV}")
  endforeach()
  # the drift check: every public hpa_ function is wrapped or ignored with a reason
  add_test(NAME bindings.drift
    COMMAND ${HPA_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/drift.py --headers ${PROJECT_SOURCE_DIR}/include/hpa
      --interface ${PROJECT_SOURCE_DIR}/bindings/hpa.i
      --wrapper ${PROJECT_BINARY_DIR}/bindings/python-gen/hpa_pythonPYTHON_wrap.c
      $<$<BOOL:${HPA_BUILD_LUA}>:--wrapper> $<$<BOOL:${HPA_BUILD_LUA}>:${PROJECT_BINARY_DIR}/bindings/lua-gen/hpa_luaLUA_wrap.c>)
  set_tests_properties(bindings.drift PROPERTIES LABELS "bindings")
  # ... and it can fail: a header with a function nobody wrapped nor ignored
  add_test(NAME bindings.drift_fails_on_unwrapped
    COMMAND ${HPA_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/drift.py --self-test-unwrapped
      --headers ${PROJECT_SOURCE_DIR}/include/hpa --interface ${PROJECT_SOURCE_DIR}/bindings/hpa.i
      --wrapper ${PROJECT_BINARY_DIR}/bindings/python-gen/hpa_pythonPYTHON_wrap.c)
  set_tests_properties(bindings.drift_fails_on_unwrapped PROPERTIES WILL_FAIL TRUE LABELS "bindings")
endif()

if(HPA_BUILD_LUA)
  find_program(HPA_LUA_EXE NAMES lua5.4 REQUIRED)
  file(GLOB HPA_LUA_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/../lua/test_*.lua)
  foreach(t IN LISTS HPA_LUA_TESTS)
    get_filename_component(n ${t} NAME_WE)
    string(REGEX REPLACE "^test_" "" n ${n})
    add_test(NAME bindings.lua.${n} COMMAND ${HPA_LUA_EXE} ${t}
      WORKING_DIRECTORY ${CMAKE_CURRENT_LIST_DIR}/../lua)
    set_tests_properties(bindings.lua.${n} PROPERTIES LABELS "bindings;lua" TIMEOUT 600
      ENVIRONMENT "LUA_PATH=${PROJECT_BINARY_DIR}/lua/?.lua\;${CMAKE_CURRENT_LIST_DIR}/../lua/?.lua\;\;;LUA_CPATH=${PROJECT_BINARY_DIR}/lua/?.so\;\;;HPA_RUN_VECTORS=$<TARGET_FILE:run-vectors>;${HPA_BINDINGS_ENV}")
  endforeach()
endif()

# the examples keep working (examples/python, examples/lua: the 12st mall flow)
if(HPA_BUILD_PYTHON)
  add_test(NAME bindings.python.example_12st_mall
    COMMAND ${HPA_PYTHON} ${PROJECT_SOURCE_DIR}/examples/python/12st_mall.py ${PROJECT_SOURCE_DIR}/examples/12st-mall/model.yml)
  add_test(NAME bindings.python.example_explain COMMAND ${HPA_PYTHON} ${PROJECT_SOURCE_DIR}/examples/python/explain.py)
  set_tests_properties(bindings.python.example_12st_mall bindings.python.example_explain PROPERTIES
    LABELS "bindings;python" ENVIRONMENT "PYTHONPATH=${PROJECT_BINARY_DIR}/python;${HPA_BINDINGS_ENV}")
  set_tests_properties(bindings.python.example_12st_mall PROPERTIES PASS_REGULAR_EXPRESSION "order-hpa: 1 -> peak")
  set_tests_properties(bindings.python.example_explain PROPERTIES PASS_REGULAR_EXPRESSION "desired: 4 ScaleUpLimit")
endif()
if(HPA_BUILD_LUA)
  add_test(NAME bindings.lua.example_12st_mall
    COMMAND ${HPA_LUA_EXE} ${PROJECT_SOURCE_DIR}/examples/lua/12st_mall.lua ${PROJECT_SOURCE_DIR}/examples/12st-mall/model.yml)
  set_tests_properties(bindings.lua.example_12st_mall PROPERTIES LABELS "bindings;lua"
    PASS_REGULAR_EXPRESSION "order-hpa: 1 -> peak"
    ENVIRONMENT "LUA_PATH=${PROJECT_BINARY_DIR}/lua/?.lua\;\;;LUA_CPATH=${PROJECT_BINARY_DIR}/lua/?.so\;\;;${HPA_BINDINGS_ENV}")
endif()
