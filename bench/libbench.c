/* libbench: trivial functions, so a benchmark measures call overhead, not work. */
#include "libbench.h"

int inc(int a) { return a + 1; }

double add_dd(double a, double b) { return a + b; }

int sum4(int a, int b, int c, int d) { return a + b + c + d; }

void *ptr_off(void *p, size_t n) { return (char *)p + n; }

/* Keeps struct Pt in the library's debug info and gives tools a layout check. */
size_t pt_size(void) { return sizeof(struct Pt); }
