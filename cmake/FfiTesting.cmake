# ffi_add_lua_test: registers a ctest test that runs a Lua script with FFI_LUA_RUNNER.
#
#   ffi_add_lua_test(<name> <script> [ARGS <arg>...]
#                    [WORKING_DIRECTORY <dir>] [TIMEOUT <seconds>]
#                    [ENVIRONMENT <VAR=value>...] [LABELS <label>...])
#
# <name> and <script> may also be given as NAME <name> / SCRIPT <script>; a
# relative script path is taken from the calling directory's sources. Words
# after the script that are not keywords are passed to it too.
#
# The test sees:
#   LUA_CPATH_5_4     <build>/lua/?.so;;                      (the ffi.so module)
#   LUA_PATH_5_4      <source>/tests/lua/?.lua;<build>/lua/?.lua;;  (harness, pluto:ffi.lua)
#   FFI_FIXTURE_DIR   <build>/tests/fixtures                  (fixture libraries)
#   FFI_SOURCE_DIR    <source>
# and under FFI_SANITIZE the ASAN_OPTIONS / UBSAN_OPTIONS below.

# "\\;" is a literal ';' inside one ENVIRONMENT entry (a plain ';' would split the list).
set(FFI_TEST_ENVIRONMENT
  "LUA_CPATH_5_4=${PROJECT_BINARY_DIR}/lua/?.so\\;\\;"
  "LUA_PATH_5_4=${PROJECT_SOURCE_DIR}/tests/lua/?.lua\\;${PROJECT_BINARY_DIR}/lua/?.lua\\;\\;"
  "FFI_FIXTURE_DIR=${PROJECT_BINARY_DIR}/tests/fixtures"
  "FFI_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
if(FFI_SANITIZE)
  list(APPEND FFI_TEST_ENVIRONMENT
    "ASAN_OPTIONS=detect_leaks=1:abort_on_error=0"
    "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
endif()

function(ffi_add_lua_test)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;SCRIPT;WORKING_DIRECTORY;TIMEOUT"
    "ARGS;ENVIRONMENT;LABELS")
  set(rest ${arg_UNPARSED_ARGUMENTS})
  if(NOT arg_NAME AND rest)
    list(POP_FRONT rest arg_NAME)
  endif()
  if(NOT arg_SCRIPT AND rest)
    list(POP_FRONT rest arg_SCRIPT)
  endif()
  if(NOT arg_NAME OR NOT arg_SCRIPT)
    message(FATAL_ERROR "usage: ffi_add_lua_test(<name> <script> [ARGS <arg>...])")
  endif()
  cmake_path(ABSOLUTE_PATH arg_SCRIPT BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT arg_WORKING_DIRECTORY)
    set(arg_WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
  endif()

  add_test(NAME ${arg_NAME}
    COMMAND ${FFI_LUA_RUNNER} ${arg_SCRIPT} ${rest} ${arg_ARGS}
    WORKING_DIRECTORY ${arg_WORKING_DIRECTORY})
  # Quoted, so the escaped semicolons reach ctest intact.
  set(env "${FFI_TEST_ENVIRONMENT}")
  if(arg_ENVIRONMENT)
    string(APPEND env ";${arg_ENVIRONMENT}")
  endif()
  set_property(TEST ${arg_NAME} PROPERTY ENVIRONMENT "${env}")
  set_property(TEST ${arg_NAME} PROPERTY LABELS lua ${arg_LABELS})
  if(arg_TIMEOUT)
    set_property(TEST ${arg_NAME} PROPERTY TIMEOUT ${arg_TIMEOUT})
  endif()
endfunction()
