# FfiPackaging: the ways other software installs and finds pluto-ffi. Every
# version below is PROJECT_VERSION, from project() in the top CMakeLists.txt.
#
#   find_package(PlutoFFI CONFIG)  <libdir>/cmake/PlutoFFI/PlutoFFIConfig.cmake (+ ConfigVersion,
#                                  Targets, FindLibFFI.cmake): target PlutoFFI::pluto_ffi
#   pkg-config pluto-ffi           <libdir>/pkgconfig/pluto-ffi.pc
#   cpack -G DEB                   pluto-ffi_<version>_<arch>.deb, installed under /usr
#   pluto-ffi-<version>-1.rockspec the release rockspec, made from pluto-ffi-scm-1.rockspec
#
# tests/install checks each of them.

include(CMakePackageConfigHelpers)

# -- CMake package --
set(FFI_CMAKE_PACKAGE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/PlutoFFI")
install(EXPORT PlutoFFITargets NAMESPACE PlutoFFI:: FILE PlutoFFITargets.cmake
  DESTINATION ${FFI_CMAKE_PACKAGE_DIR})
configure_package_config_file(cmake/PlutoFFIConfig.cmake.in
  ${PROJECT_BINARY_DIR}/PlutoFFIConfig.cmake INSTALL_DESTINATION ${FFI_CMAKE_PACKAGE_DIR})
# 0.x: a minor version may break the API, so only the same minor version is compatible.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/PlutoFFIConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/PlutoFFIConfig.cmake ${PROJECT_BINARY_DIR}/PlutoFFIConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/FindLibFFI.cmake DESTINATION ${FFI_CMAKE_PACKAGE_DIR})

# -- pkg-config --
# libffi through its own .pc when it has one (it then adds its flags), else -lffi.
if(PC_LIBFFI_FOUND)
  set(FFI_PC_REQUIRES "libffi")
  set(FFI_PC_LIBS "")
else()
  set(FFI_PC_REQUIRES "")
  set(FFI_PC_LIBS "-lffi")
endif()
foreach(_lib IN LISTS CMAKE_DL_LIBS)
  string(APPEND FFI_PC_LIBS " -l${_lib}")
endforeach()
string(APPEND FFI_PC_LIBS " ${CMAKE_THREAD_LIBS_INIT}")
string(STRIP "${FFI_PC_LIBS}" FFI_PC_LIBS)
# The prefix is the one of the install (cmake --install --prefix, cpack's /usr),
# so the file is finished at install time; a directory per prefix keeps
# concurrent installs from one build apart.
set(FFI_PC_PREFIX "@FFI_PC_PREFIX@")
configure_file(cmake/pluto-ffi.pc.in ${PROJECT_BINARY_DIR}/pkgconfig/pluto-ffi.pc.in @ONLY)
set(_ffi_pc_code [[
  string(SHA1 _ffi_pc_tag "$ENV{DESTDIR}|${CMAKE_INSTALL_PREFIX}")
  set(FFI_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
  configure_file("@CMAKE_BINARY_DIR@/pkgconfig/pluto-ffi.pc.in" "@CMAKE_BINARY_DIR@/pkgconfig/${_ffi_pc_tag}/pluto-ffi.pc" @ONLY)
  file(INSTALL DESTINATION "${CMAKE_INSTALL_PREFIX}/@CMAKE_INSTALL_LIBDIR@/pkgconfig" TYPE FILE
    FILES "@CMAKE_BINARY_DIR@/pkgconfig/${_ffi_pc_tag}/pluto-ffi.pc")
]])
string(CONFIGURE "${_ffi_pc_code}" _ffi_pc_code @ONLY)
install(CODE "${_ffi_pc_code}")

# -- The release rockspec (the checked-in one is scm-1) --
file(READ ${PROJECT_SOURCE_DIR}/pluto-ffi-scm-1.rockspec _ffi_rockspec)
string(REPLACE "version = \"scm-1\"" "version = \"${PROJECT_VERSION}-1\"" _ffi_rockspec "${_ffi_rockspec}")
string(REGEX REPLACE "(\n  url = \"[^\"]*\",)" "\\1\n  tag = \"v${PROJECT_VERSION}\"," _ffi_rockspec "${_ffi_rockspec}")
file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/pluto-ffi-${PROJECT_VERSION}-1.rockspec CONTENT "${_ffi_rockspec}" @ONLY)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/pluto-ffi-scm-1.rockspec)

# -- Debian package (cpack -G DEB, from the build directory) --
# Files go where Debian's lua5.4 looks: /usr/lib/lua/5.4/ffi.so and
# /usr/share/lua/5.4/pluto:ffi.lua. dpkg-shlibdeps derives the shared-library
# dependencies from the binaries themselves: libffi8, libc6 and, for
# ffi-import, the libclang package it was linked against (libclang1-14 ...).
# ffi.so takes Lua from its host: Debian's lua5.4 (which has Lua linked in) or a
# program linked with liblua5.4-0, hence Depends: lua5.4 | liblua5.4-0 (the
# library's package asked from dpkg for the liblua this build found).
set(CPACK_PACKAGE_NAME pluto-ffi)
set(CPACK_PACKAGE_VENDOR "pluto-ffi")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION "The pluto:ffi library as a C module for Debian's lua5.4 (require pluto:ffi or ffi),
the static runtime libpluto_ffi.a for hosts that embed Lua, and ffi-import, which
turns C headers into Lua modules.")
set(CPACK_PACKAGE_CONTACT "pluto-ffi maintainers <maintainers@users.noreply.b-seed-8104989a.example>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES TRUE) # executables and ffi.so (install/strip leaves libpluto_ffi.a whole)
set(CPACK_DEBIAN_PACKAGE_SECTION interpreters)
find_program(FFI_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(FFI_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  message(STATUS "dpkg-shlibdeps not found (apt-get install dpkg-dev): a .deb made here declares Lua only")
endif()
set(_ffi_deb_lua liblua5.4-0)
find_program(FFI_DPKG_QUERY dpkg-query)
if(FFI_DPKG_QUERY AND LUA_LIBRARY)
  file(REAL_PATH "${LUA_LIBRARY}" _ffi_lua_so)
  execute_process(COMMAND ${FFI_DPKG_QUERY} -S "${_ffi_lua_so}" OUTPUT_VARIABLE _ffi_owner ERROR_QUIET RESULT_VARIABLE _ffi_rc)
  if(_ffi_rc EQUAL 0 AND _ffi_owner MATCHES "^([^:, ]+)")
    set(_ffi_deb_lua ${CMAKE_MATCH_1})
  endif()
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS "lua5.4 | ${_ffi_deb_lua}")
set(CPACK_SOURCE_IGNORE_FILES "/build/" "/\\\\.git/")
include(CPack)
