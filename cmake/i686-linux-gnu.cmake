# Cross-build for i686-linux-gnu with Debian's gcc-i686-linux-gnu; scripts/cross.sh i686-linux-gnu
# installs the packages, builds build/i686-linux-gnu and runs the suite:
#   cmake -S . -B build/i686-linux-gnu -DCMAKE_TOOLCHAIN_FILE=cmake/i686-linux-gnu.cmake
set(FFI_CROSS_TRIPLET i686-linux-gnu)
set(FFI_CROSS_PROCESSOR i686)
set(FFI_CROSS_QEMU )
include(${CMAKE_CURRENT_LIST_DIR}/cross-linux-gnu.cmake)
