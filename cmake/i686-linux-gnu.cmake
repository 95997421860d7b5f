# Cross-build for i686-linux-gnu with Debian's gcc-i686-linux-gnu; scripts/cross.sh i686-linux-gnu
# installs the packages, builds build/i686-linux-gnu and runs the suite:
#   cmake -S . -B build/i686-linux-gnu -DCMAKE_TOOLCHAIN_FILE=cmake/i686-linux-gnu.cmake
set(FFI_CROSS_TRIPLET i686-linux-gnu)
set(FFI_CROSS_PROCESSOR i686)
# i386 programs run natively on an x86-64 kernel with IA32 emulation; where it
# is off (exec of an i386 program fails), under qemu-i386. The probe runs the
# i386 dynamic loader of libc6:i386.
set(FFI_CROSS_QEMU)
execute_process(COMMAND /usr/lib/i386-linux-gnu/ld-linux.so.2 --version
  RESULT_VARIABLE _ffi_i386_native OUTPUT_QUIET ERROR_QUIET)
if(NOT _ffi_i386_native EQUAL 0)
  set(FFI_CROSS_QEMU qemu-i386)
endif()
set(FFI_CROSS_MULTIARCH i386-linux-gnu)
include(${CMAKE_CURRENT_LIST_DIR}/cross-linux-gnu.cmake)
