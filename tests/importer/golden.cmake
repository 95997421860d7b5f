cmake_minimum_required(VERSION 3.20)
# golden.cmake -- runs ffi-import and compares its output with a committed file.
#
#   cmake -DIMPORT=<ffi-import> -DWORKDIR=<dir> -DARGS=<a|b|c> -DOUTPUT=<file>
#         -DEXPECTED=<file> -P golden.cmake
#
# ARGS are separated by '|'. Any difference fails the test and shows a diff.
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
file(READ ${OUTPUT} got)
file(READ ${EXPECTED} want)
if(NOT got STREQUAL want)
  find_program(DIFF diff)
  if(DIFF)
    execute_process(COMMAND ${DIFF} -u ${EXPECTED} ${OUTPUT} OUTPUT_VARIABLE d)
  endif()
  message(FATAL_ERROR "output of ffi-import ${args} differs from ${EXPECTED}:\n${d}")
endif()
