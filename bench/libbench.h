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

/* Passed and returned by value: 24 bytes (memory class on x86-64) and 8 bytes (one register). */
typedef struct Vec3 {
  double x, y, z;
} Vec3;

typedef struct Pair {
  int a, b;
} Pair;

/* A struct with a nested struct member: outer.inner.x */
struct Inner {
  int x;
  int y;
};

struct Outer {
  int id;
  struct Inner inner;
  double w;
};

LIBBENCH_API int inc(int a);
LIBBENCH_API double add_dd(double a, double b);
LIBBENCH_API int sum4(int a, int b, int c, int d);
LIBBENCH_API void *ptr_off(void *p, size_t n);
LIBBENCH_API size_t pt_size(void);

LIBBENCH_API Vec3 vadd(Vec3 a, Vec3 b);
LIBBENCH_API Pair pmake(int a, int b);
/* The n extra arguments are read as long long (the FFI passes Lua integers so). */
LIBBENCH_API int sum_var(int n, ...);
LIBBENCH_API int apply(int (*f)(int), int x);
/* Issue-12 rows: a by-value record in and out with a scalar, and a C loop
   that calls f(i) for i = 0..n-1 (the sum, wrapped to int, is the result). */
LIBBENCH_API Vec3 vscale(Vec3 a, double k);
LIBBENCH_API int cb_loop(int (*f)(int), int n);
/* sizeof / offsetof by name ("Vec3", "Pair", "Outer", "Outer.inner", "Outer.inner.x",
   "Outer.w"), so bench.lua can check the FFI's layouts; (size_t)-1 for an unknown name. */
LIBBENCH_API size_t bench_layout(const char *what);

#endif
