# Cross-build for arm-linux-gnueabihf with Debian's gcc-arm-linux-gnueabihf; scripts/cross.sh arm-linux-gnueabihf
# installs the packages, builds build/arm-linux-gnueabihf and runs the suite:
#   cmake -S . -B build/arm-linux-gnueabihf -DCMAKE_TOOLCHAIN_FILE=cmake/arm-linux-gnueabihf.cmake
set(FFI_CROSS_TRIPLET arm-linux-gnueabihf)
set(FFI_CROSS_PROCESSOR arm)
set(FFI_CROSS_QEMU qemu-arm)
include(${CMAKE_CURRENT_LIST_DIR}/cross-linux-gnu.cmake)
