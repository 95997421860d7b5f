/* libbench: the C functions both bench sides call (FFI and hand-written binding). */
#ifndef PLUTO_FFI_LIBBENCH_H
#define PLUTO_FFI_LIBBENCH_H

#include <stddef.h>

#if defined(__GNUC__)
#define LIBBENCH_API __attribute__((visibility("default")))
#else
#define LIBBENCH_API
#endif

struct Pt {
  int x;
  int y;
  double z;
};

LIBBENCH_API int inc(int a);
LIBBENCH_API double add_dd(double a, double b);
LIBBENCH_API int sum4(int a, int b, int c, int d);
LIBBENCH_API void *ptr_off(void *p, size_t n);
LIBBENCH_API size_t pt_size(void);

#endif
