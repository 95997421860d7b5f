# FindLibFFI: libffi via pkg-config (libffi) with a find_path/find_library fallback.
# Debian puts ffi.h under /usr/include/<multiarch>, which find_path searches too.
#
# Sets:
#   LibFFI_FOUND       true when ffi.h and the library were found
#   FFI_INCLUDE_DIRS   directory holding ffi.h (and ffitarget.h)
#   FFI_LIBRARIES      the libffi library
#   LIBFFI_VERSION     from pkg-config when available
#   LibFFI::LibFFI     imported target (library and include directory)

find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(PC_LIBFFI QUIET libffi)
endif()

find_path(FFI_INCLUDE_DIR ffi.h HINTS ${PC_LIBFFI_INCLUDE_DIRS})
find_library(FFI_LIBRARY NAMES ffi libffi HINTS ${PC_LIBFFI_LIBRARY_DIRS})
set(LIBFFI_VERSION "${PC_LIBFFI_VERSION}")

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LibFFI REQUIRED_VARS FFI_LIBRARY FFI_INCLUDE_DIR)

if(LibFFI_FOUND)
  set(FFI_INCLUDE_DIRS ${FFI_INCLUDE_DIR})
  set(FFI_LIBRARIES ${FFI_LIBRARY})
  if(NOT TARGET LibFFI::LibFFI)
    add_library(LibFFI::LibFFI UNKNOWN IMPORTED)
    set_target_properties(LibFFI::LibFFI PROPERTIES
      IMPORTED_LOCATION "${FFI_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${FFI_INCLUDE_DIR}")
  endif()
endif()
mark_as_advanced(FFI_INCLUDE_DIR FFI_LIBRARY)
