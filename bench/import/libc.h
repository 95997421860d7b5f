/* libc.h -- one header for bindgen, which takes one: the libc headers the
   real-header test imports (ffi-import takes the four directly). */
#include <string.h>
#include <stdlib.h>
#include <time.h>
#include <stdio.h>
