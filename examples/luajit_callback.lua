-- luajit_callback.lua: a LuaJIT-style callback: ffi.cast of a Lua function to
-- a function pointer type, called from C and from Lua, redirected with
-- cb:set, then released with cb:free (examples/libdemo.c: apply, sum_of).
--
--   lua5.4 examples/luajit_callback.lua path/to/libdemo.so

local ffi = require "ffi"

ffi.cdef [[
typedef int (*int_fn)(int);
int apply(int_fn f, int x);
long long sum_of(int_fn f, int n);
]]

local demo = ffi.load(assert(arg[1] or os.getenv("FFI_DEMO_LIB"), "usage: luajit_callback.lua path/to/libdemo.so"))

local calls = 0
local cb = ffi.cast("int_fn", function(x)
  calls = calls + 1
  return x * x
end)

assert(demo.apply(cb, 7) == 49, "called from C")
assert(cb(5) == 25, "called from Lua, through the C entry point")
assert(demo.sum_of(cb, 4) == 0 + 1 + 4 + 9)
assert(calls == 6)

cb:set(function(x) -- same function pointer, new receiver
  return -x
end)
assert(demo.apply(cb, 7) == -7)
assert(cb(2) == -2)

cb:free()
assert(not pcall(demo.apply, cb, 1), "a freed callback is refused, not called")

print("luajit_callback: ok")
