cmake_minimum_required(VERSION 3.20)
# cli.cmake -- runs ffi-import and checks its exit status and messages.
#
#   cmake -DIMPORT=<ffi-import> -DWORKDIR=<dir> -DARGS=<a|b> -DRC=<status>
#         [-DSTDERR=<text>] [-DSTDOUT=<text>] -P cli.cmake
#
# STDERR / STDOUT: text (not a pattern) that must appear; several may be given
# separated by '|'.
string(REPLACE "|" ";" args "${ARGS}")
execute_process(
  COMMAND ${IMPORT} ${args}
  WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
if(NOT rc EQUAL RC)
  message(FATAL_ERROR "ffi-import ${args}: exit ${rc}, expected ${RC}\nstdout:\n${out}\nstderr:\n${err}")
endif()
foreach(stream STDERR STDOUT)
  if(DEFINED ${stream})
    string(REPLACE "|" ";" wanted "${${stream}}")
    if(stream STREQUAL "STDERR")
      set(text "${err}")
    else()
      set(text "${out}")
    endif()
    foreach(w IN LISTS wanted)
      string(FIND "${text}" "${w}" pos)
      if(pos EQUAL -1)
        message(FATAL_ERROR "ffi-import ${args}: ${stream} lacks '${w}':\n${text}")
      endif()
    endforeach()
  endif()
endforeach()
