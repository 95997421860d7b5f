# Cross-build for powerpc64le-linux-gnu with Debian's gcc-powerpc64le-linux-gnu; scripts/cross.sh powerpc64le-linux-gnu
# installs the packages, builds build/powerpc64le-linux-gnu and runs the suite:
#   cmake -S . -B build/powerpc64le-linux-gnu -DCMAKE_TOOLCHAIN_FILE=cmake/powerpc64le-linux-gnu.cmake
set(FFI_CROSS_TRIPLET powerpc64le-linux-gnu)
set(FFI_CROSS_PROCESSOR ppc64le)
set(FFI_CROSS_QEMU qemu-ppc64le)
include(${CMAKE_CURRENT_LIST_DIR}/cross-linux-gnu.cmake)
