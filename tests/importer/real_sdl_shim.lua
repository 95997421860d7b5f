-- real_sdl_shim.lua -- issue 15: SDL2's static inline functions through
-- ffi-import --shim (no display needed). Expected values follow the
-- functions' definitions in SDL_rect.h, SDL_stdinc.h and SDL_endian.h.
--   lua real_sdl_shim.lua <module imported with --shim>
local t = require "harness"
local ffi = require "ffi"
local sdl = dofile(assert(arg[1]))
local TRUE, FALSE = sdl.SDL_TRUE, sdl.SDL_FALSE

t.test("SDL_PointInRect: the right and bottom edges are outside", function()
  local r = ffi.new("SDL_Rect", {0, 0, 10, 10})
  t.eq(sdl.SDL_PointInRect(ffi.new("SDL_Point", {5, 5}), r), TRUE)
  t.eq(sdl.SDL_PointInRect(ffi.new("SDL_Point", {0, 0}), r), TRUE)
  t.eq(sdl.SDL_PointInRect(ffi.new("SDL_Point", {10, 5}), r), FALSE)
  t.eq(sdl.SDL_PointInRect(ffi.new("SDL_Point", {5, 10}), r), FALSE)
  t.eq(sdl.SDL_PointInRect(ffi.new("SDL_Point", {-1, 5}), r), FALSE)
end)

t.test("SDL_RectEmpty: no width, no height, or NULL", function()
  t.eq(sdl.SDL_RectEmpty(ffi.new("SDL_Rect", {0, 0, 3, 4})), FALSE)
  t.eq(sdl.SDL_RectEmpty(ffi.new("SDL_Rect", {0, 0, 0, 4})), TRUE)
  t.eq(sdl.SDL_RectEmpty(ffi.new("SDL_Rect", {0, 0, 3, -1})), TRUE)
  t.eq(sdl.SDL_RectEmpty(ffi.nullptr), TRUE)
end)

t.test("SDL_RectEquals: every field, and NULL is never equal", function()
  local a = ffi.new("SDL_Rect", {1, 2, 3, 4})
  t.eq(sdl.SDL_RectEquals(a, ffi.new("SDL_Rect", {1, 2, 3, 4})), TRUE)
  t.eq(sdl.SDL_RectEquals(a, ffi.new("SDL_Rect", {1, 2, 3, 5})), FALSE)
  t.eq(sdl.SDL_RectEquals(a, ffi.nullptr), FALSE)
end)

t.test("SDL_FRectEqualsEpsilon: a float parameter, SDL_fabsf from libSDL2", function()
  local a, b = ffi.new("SDL_FRect", {0, 0, 1, 1}), ffi.new("SDL_FRect", {0.05, 0, 1, 1})
  t.eq(sdl.SDL_FRectEqualsEpsilon(a, b, 0.1), TRUE)
  t.eq(sdl.SDL_FRectEqualsEpsilon(a, b, 0.01), FALSE)
  t.eq(sdl.SDL_FRectEquals(a, a), TRUE)
  t.eq(sdl.SDL_FRectEquals(a, b), FALSE)
  t.eq(sdl.SDL_PointInFRect(ffi.new("SDL_FPoint", {0.5, 0.999}), a), TRUE)
  t.eq(sdl.SDL_FRectEmpty(ffi.new("SDL_FRect", {0, 0, 0.5, 0})), TRUE)
end)

t.test("SDL_SwapFloat: the float's bytes reversed", function()
  local x = string.unpack("<f", "\x41\x42\x43\x44")
  t.eq(sdl.SDL_SwapFloat(x), (string.unpack("<f", "\x44\x43\x42\x41")))
end)

t.test("SDL_size_mul_overflow / SDL_size_add_overflow: -1 on overflow, else the result", function()
  local ret = ffi.new("size_t[1]")
  t.eq(sdl.SDL_size_mul_overflow(1 << 20, 1 << 20, ret), 0)
  t.eq(ret[0], 1 << 40)
  t.eq(sdl.SDL_size_mul_overflow(1 << 33, 1 << 33, ret), -1)
  t.eq(sdl.SDL_size_add_overflow(40, 2, ret), 0)
  t.eq(ret[0], 42)
end)

t.test("SDL_memset4: a void result, n 32-bit words filled", function()
  local buf = ffi.new("uint32_t[4]")
  t.eq(sdl.SDL_memset4(buf, 0xdeadbeef, 3), nil)
  for i = 0, 2 do t.eq(buf[i], 0xdeadbeef) end
  t.eq(buf[3], 0)
end)

t.done()
