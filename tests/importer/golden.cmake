cmake_minimum_required(VERSION 3.20)
# golden.cmake -- runs ffi-import and compares its output with a committed file.
#
#   cmake -DIMPORT=<ffi-import> -DWORKDIR=<dir> -DARGS=<a|b|c> -DOUTPUT=<file>
#         -DEXPECTED=<file> -P golden.cmake
#
# ARGS are separated by '|'. The line naming the clang version (Lua: "-- clang:
# ...", JSON: "clang": "...") is compared as a pattern (it must name a clang
# version; which one does not matter, the output is the same from libclang 13
# to 16); everything else byte for byte. Any difference fails the test and
# shows a diff.
# With FFI_IMPORT_UPDATE_GOLDEN=1 in the environment the expected file is
# rewritten instead (tests/importer/update-golden.sh).
string(REPLACE "|" ";" args "${ARGS}")
execute_process(
  COMMAND ${IMPORT} ${args} -o ${OUTPUT}
  WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE rc
  ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "ffi-import ${args} failed (exit ${rc}):\n${err}")
endif()
if("$ENV{FFI_IMPORT_UPDATE_GOLDEN}" STREQUAL "1")
  configure_file(${OUTPUT} ${EXPECTED} COPYONLY)
  message(STATUS "updated ${EXPECTED}")
  return()
endif()
if(NOT EXISTS ${EXPECTED})
  message(FATAL_ERROR "no expected output ${EXPECTED} (run tests/importer/update-golden.sh)")
endif()
# The clang version in text (its first occurrence) replaced by a placeholder;
# fails when text has no clang version line of the expected form.
function(clang_line_pattern text_var what)
  set(text "${${text_var}}")
  set(line_re "\n-- clang: [^\n]*\n") # Lua
  set(value_re "^\n-- clang: (.*)\n$")
  set(placeholder "\n-- clang: <clang version>\n")
  if(NOT text MATCHES "${line_re}")
    set(line_re "\"clang\": \"[^\"\n]*\"") # JSON
    set(value_re "^\"clang\": \"(.*)\"$")
    set(placeholder "\"clang\": \"<clang version>\"")
  endif()
  string(REGEX MATCH "${line_re}" line "${text}")
  if(NOT line)
    message(FATAL_ERROR "${what} has no clang version line (-- clang: ... or \"clang\": \"...\")")
  endif()
  string(REGEX REPLACE "${value_re}" "\\1" value "${line}")
  if(NOT value MATCHES "clang version [0-9]+\\.[0-9]+")
    message(FATAL_ERROR "${what}: '${value}' does not name a clang version")
  endif()
  string(FIND "${text}" "${line}" at)
  string(LENGTH "${line}" n)
  string(SUBSTRING "${text}" 0 ${at} head)
  math(EXPR rest "${at} + ${n}")
  string(SUBSTRING "${text}" ${rest} -1 tail)
  set(${text_var} "${head}${placeholder}${tail}" PARENT_SCOPE)
endfunction()

file(READ ${OUTPUT} got)
file(READ ${EXPECTED} want)
clang_line_pattern(got "the output of ffi-import")
clang_line_pattern(want "${EXPECTED}")
if(NOT got STREQUAL want)
  find_program(DIFF diff)
  if(DIFF) # the two with the clang line made the same: the differences that count
    file(WRITE ${OUTPUT}.expected-cmp "${want}")
    file(WRITE ${OUTPUT}.cmp "${got}")
    execute_process(COMMAND ${DIFF} -u ${OUTPUT}.expected-cmp ${OUTPUT}.cmp OUTPUT_VARIABLE d)
  endif()
  message(FATAL_ERROR "output of ffi-import ${args} differs from ${EXPECTED}:\n${d}")
endif()
