/*
** pluto_ffi.h -- public C entry points of the pluto:ffi runtime (for embedding hosts).
*/
#ifndef PLUTO_FFI_H
#define PLUTO_FFI_H

#include <lua.h>

/* Exported from ffi.so and from embedding hosts' shared objects; every other
   runtime symbol is hidden (-fvisibility=hidden). */
#define PLUTO_FFI_API __attribute__((visibility("default")))

/* Opens the module: returns its table. Also records it in package.loaded
   under both "ffi" and "pluto:ffi" so either require finds the same table. */
PLUTO_FFI_API int luaopen_ffi(lua_State *L);

/* Registers luaopen_ffi in package.preload under "ffi" and "pluto:ffi". */
PLUTO_FFI_API void pluto_ffi_preload(lua_State *L);

#endif
