# Cross-build for s390x-linux-gnu with Debian's gcc-s390x-linux-gnu; scripts/cross.sh s390x-linux-gnu
# installs the packages, builds build/s390x-linux-gnu and runs the suite:
#   cmake -S . -B build/s390x-linux-gnu -DCMAKE_TOOLCHAIN_FILE=cmake/s390x-linux-gnu.cmake
set(FFI_CROSS_TRIPLET s390x-linux-gnu)
set(FFI_CROSS_PROCESSOR s390x)
set(FFI_CROSS_QEMU qemu-s390x)
include(${CMAKE_CURRENT_LIST_DIR}/cross-linux-gnu.cmake)
