cmake_minimum_required(VERSION 3.25)
# cmake -DSOURCE=<checkout> -DCC=<compiler> -DGENERATOR=<generator> -DMAKE=<make program>
#       -DPKG_CONFIG=<pkg-config> -DWORK=<scratch dir> -P check_no_testing.cmake
# -DBUILD_TESTING=OFF configures the product alone: no tests/, bench/ or
# examples/, and no test registered. The Lua interpreter is needed all the
# same (it generates the call stubs at build time): with it hidden, configure
# fails naming lua5.4. Hidden: PATH holds links to every program of /usr/bin and
# /usr/local/bin except lua*, and CMake ignores those directories.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/bin")
set(common -G "${GENERATOR}" -DCMAKE_MAKE_PROGRAM=${MAKE} -DCMAKE_C_COMPILER=${CC})
if(PKG_CONFIG)
  list(APPEND common -DPKG_CONFIG_EXECUTABLE=${PKG_CONFIG})
endif()

execute_process(COMMAND ${CMAKE_COMMAND} -S "${SOURCE}" -B "${WORK}/off" ${common} -DBUILD_TESTING=OFF
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "-DBUILD_TESTING=OFF does not configure (${rc}):\n${out}\n${err}")
endif()
foreach(dir tests bench examples)
  if(EXISTS "${WORK}/off/${dir}")
    message(FATAL_ERROR "-DBUILD_TESTING=OFF still configures ${dir}/")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_CTEST_COMMAND} -N WORKING_DIRECTORY "${WORK}/off"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT out MATCHES "Total Tests: 0")
  message(FATAL_ERROR "ctest -N after -DBUILD_TESTING=OFF:\n${out}\n${err}")
endif()
message(STATUS "-DBUILD_TESTING=OFF: configured; ctest -N: Total Tests: 0")

file(GLOB programs /usr/local/bin/[a-zA-Z0-9_]* /usr/bin/[a-zA-Z0-9_]*) # not "[": it would upset the list
foreach(p IN LISTS programs)
  get_filename_component(name "${p}" NAME)
  if(NOT name MATCHES "^lua" AND NOT EXISTS "${WORK}/bin/${name}")
    file(CREATE_LINK "${p}" "${WORK}/bin/${name}" RESULT ignored SYMBOLIC) # an odd name may not link: no matter
  endif()
endforeach()
set(ENV{PATH} "${WORK}/bin")
file(WRITE "${WORK}/hide.cmake"
  "set(CMAKE_IGNORE_PATH /usr/local/bin /usr/local/sbin /usr/bin /usr/sbin /bin /sbin CACHE STRING \"\")\n")
execute_process(COMMAND ${CMAKE_COMMAND} -S "${SOURCE}" -B "${WORK}/hidden" ${common} -C "${WORK}/hide.cmake"
  -DBUILD_TESTING=OFF RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "lua5.4")
  message(FATAL_ERROR "with no Lua interpreter, configure should fail naming lua5.4 (rc ${rc}):\n${err}")
endif()
string(REGEX MATCH "The Lua 5.4 interpreter[^\n]*" said "${err}")
message(STATUS "no lua5.4: fails: ${said}")
message(STATUS "1 passed, 0 failed")
