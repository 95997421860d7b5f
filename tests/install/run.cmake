# run(<what> <command>...): runs the command; on failure stops the script with
# <what>, the exit status, the command and its output. Sets out (stdout,
# trailing white space stripped) in the caller. Included by the check_*.cmake
# scripts of this directory.
function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
    OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${ARGN}\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()
