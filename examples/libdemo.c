/*
** libdemo.c -- the library examples/demo.lua loads: the seed's lib.cpp example
** (MY_MAGIC_INT, add) in C, plus a struct pointer, a string and a callback.
*/
#include <stddef.h>

int MY_MAGIC_INT = 69;

int add(int a, int b) { return a + b; }

struct Point {
  int x;
  int y;
};

/* Moves *p by (dx, dy); returns the new x + y (-1 for NULL). */
int point_move(struct Point *p, int dx, int dy) {
  if (p == NULL) return -1;
  p->x += dx;
  p->y += dy;
  return p->x + p->y;
}

/* Calls back into the caller's function. */
int apply(int (*f)(int), int x) { return f(x); }

/* Sums f(0) + f(1) + ... + f(n - 1): one call from C, n callbacks. */
long long sum_of(int (*f)(int), int n) {
  long long total = 0;
  for (int i = 0; i < n; i++) total += f(i);
  return total;
}

const char *greeting(void) { return "hello from libdemo"; }
