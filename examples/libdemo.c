/*
** libdemo.c -- the library examples/demo.lua loads: the seed's lib.cpp example
** (MY_MAGIC_INT, add) in C, plus a struct pointer, a string and a callback.
*/
#include <stddef.h>
#include <stdlib.h>

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

/* An object the caller owns, for the LuaJIT-style binding in luajit_oo.lua:
   point_new allocates, point_free releases, point_live counts what is left. */

static int live_points;

struct Point *point_new(int x, int y) {
  struct Point *p = malloc(sizeof *p);
  if (p == NULL) return NULL;
  p->x = x;
  p->y = y;
  live_points++;
  return p;
}

void point_free(struct Point *p) {
  if (p == NULL) return;
  live_points--;
  free(p);
}

int point_live(void) { return live_points; }
