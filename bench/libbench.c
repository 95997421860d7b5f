/* libbench: trivial functions, so a benchmark measures call overhead, not work. */
#include "libbench.h"

#include <stdarg.h>
#include <string.h>

int inc(int a) { return a + 1; }

double add_dd(double a, double b) { return a + b; }

int sum4(int a, int b, int c, int d) { return a + b + c + d; }

void *ptr_off(void *p, size_t n) { return (char *)p + n; }

/* Keeps struct Pt in the library's debug info and gives tools a layout check. */
size_t pt_size(void) { return sizeof(struct Pt); }

Vec3 vadd(Vec3 a, Vec3 b) {
  Vec3 r;
  r.x = a.x + b.x;
  r.y = a.y + b.y;
  r.z = a.z + b.z;
  return r;
}

Pair pmake(int a, int b) {
  Pair p;
  p.a = a;
  p.b = b;
  return p;
}

int sum_var(int n, ...) {
  va_list ap;
  long long s = 0;
  int i;
  va_start(ap, n);
  for (i = 0; i < n; i++) s += va_arg(ap, long long);
  va_end(ap);
  return (int)s;
}

int apply(int (*f)(int), int x) { return f(x); }

Vec3 vscale(Vec3 a, double k) {
  Vec3 r;
  r.x = a.x * k;
  r.y = a.y * k;
  r.z = a.z * k;
  return r;
}

int cb_loop(int (*f)(int), int n) {
  unsigned s = 0;
  int i;
  for (i = 0; i < n; i++) s += (unsigned)f(i);
  return (int)s;
}

size_t bench_layout(const char *what) {
  if (strcmp(what, "Vec3") == 0) return sizeof(Vec3);
  if (strcmp(what, "Pair") == 0) return sizeof(Pair);
  if (strcmp(what, "Outer") == 0) return sizeof(struct Outer);
  if (strcmp(what, "Outer.inner") == 0) return offsetof(struct Outer, inner);
  if (strcmp(what, "Outer.inner.x") == 0) return offsetof(struct Outer, inner.x);
  if (strcmp(what, "Outer.w") == 0) return offsetof(struct Outer, w);
  return (size_t)-1;
}
