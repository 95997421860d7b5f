# Cross-build for aarch64-linux-gnu with Debian's gcc-aarch64-linux-gnu; scripts/cross.sh aarch64-linux-gnu
# installs the packages, builds build/aarch64-linux-gnu and runs the suite:
#   cmake -S . -B build/aarch64-linux-gnu -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake
set(FFI_CROSS_TRIPLET aarch64-linux-gnu)
set(FFI_CROSS_PROCESSOR aarch64)
set(FFI_CROSS_QEMU qemu-aarch64)
include(${CMAKE_CURRENT_LIST_DIR}/cross-linux-gnu.cmake)
