/*
** pluto_ffi.h -- public C entry points of the pluto:ffi runtime (for embedding hosts).
*/
#ifndef PLUTO_FFI_H
#define PLUTO_FFI_H

#include <lua.h>

/* Opens the module: returns its table. Also records it in package.loaded
   under both "ffi" and "pluto:ffi" so either require finds the same table. */
int luaopen_ffi(lua_State *L);

/* Registers luaopen_ffi in package.preload under "ffi" and "pluto:ffi". */
void pluto_ffi_preload(lua_State *L);

#endif
