-- real_sdl.lua -- SDL2's structs and enums through a module imported from
-- SDL2/SDL.h (--match '^SDL_|/SDL2/'). No display: only calls that need none.
--   lua real_sdl.lua <sdl.pluto>
local t = require "harness"
local ffi = require "ffi"
local SDL = dofile(assert(arg[1], "usage: real_sdl.lua <module>"))

-- SDL's arithmetic macros, translated to Lua functions by the importer; the
-- object-like SDL_COMPILEDVERSION is clang's own evaluation of SDL_VERSIONNUM
t.test("function-like macros", function()
  t.eq(SDL.SDL_VERSIONNUM(SDL.SDL_MAJOR_VERSION, SDL.SDL_MINOR_VERSION, SDL.SDL_PATCHLEVEL), SDL.SDL_COMPILEDVERSION)
  t.eq(SDL.SDL_VERSIONNUM(2, 0, 20), 2020)
  t.eq(SDL.SDL_BUTTON(SDL.SDL_BUTTON_RIGHT), 4) -- 1 << (3 - 1)
  t.eq(SDL.SDL_PIXELTYPE(SDL.SDL_PIXELFORMAT_RGBA8888), SDL.SDL_PIXELTYPE_PACKED32)
  t.eq(SDL.SDL_min(3, -2), -2)
  local surface = ffi.new("SDL_Surface")
  t.eq(SDL.SDL_MUSTLOCK(surface), false) -- a comparison: a Lua boolean
  surface.flags = SDL.SDL_RLEACCEL
  t.eq(SDL.SDL_MUSTLOCK(surface), true)
end)

t.test("version", function()
  local v = SDL.types.SDL_version()
  SDL.SDL_GetVersion(v)
  t.eq(v.major, SDL.SDL_MAJOR_VERSION)
  t.truthy(v.minor >= SDL.SDL_MINOR_VERSION)
  t.eq(SDL.SDL_GetPlatform(), "Linux")
end)

t.test("structs: rectangles", function()
  local a, b, r = SDL.types.SDL_Rect(), SDL.types.SDL_Rect(), SDL.types.SDL_Rect()
  a.x, a.y, a.w, a.h = 0, 0, 10, 10
  b.x, b.y, b.w, b.h = 5, 5, 10, 10
  t.eq(SDL.SDL_HasIntersection(a, b), SDL.SDL_TRUE)
  t.eq(SDL.SDL_IntersectRect(a, b, r), SDL.SDL_TRUE)
  t.eq(r.x, 5)
  t.eq(r.w, 5)
  SDL.SDL_UnionRect(a, b, r)
  t.eq(r.w, 15)
end)

t.test("the event union and its members", function()
  t.eq(ffi.sizeof("SDL_Event"), 56)
  local e = SDL.types.SDL_Event()
  e.type = SDL.SDL_KEYDOWN
  e.key.keysym.scancode = SDL.SDL_SCANCODE_A
  e.key.keysym.sym = SDL.SDLK_a
  t.eq(e.type, SDL.SDL_KEYDOWN)
  t.eq(e.key.type, SDL.SDL_KEYDOWN)
  t.eq(e.key.keysym.scancode, 4)
  t.eq(e.key.keysym.sym, string.byte("a"))
  t.eq(ffi.offsetof("SDL_KeyboardEvent", "keysym"), 16)
end)

t.test("enums and macro constants", function()
  t.eq(SDL.SDL_INIT_VIDEO, 0x20)
  t.eq(SDL.SDL_WINDOWPOS_CENTERED, 0x2FFF0000)
  t.eq(SDL.SDL_PIXELFORMAT_RGBA8888, 0x16462004)
  t.eq(SDL.SDL_BUTTON_LEFT, 1)
  t.eq(SDL.SDL_QUIT, 0x100)
  local c = SDL.types.SDL_Color()
  c.r, c.a = 255, 128
  t.eq(ffi.sizeof(c), 4)
  t.eq(c.r, 255)
end)

t.test("pure functions", function()
  t.eq(SDL.SDL_strlen("four"), 4)
  t.eq(SDL.SDL_GetScancodeName(SDL.SDL_SCANCODE_RETURN), "Return")
  t.eq(SDL.SDL_GetPixelFormatName(SDL.SDL_PIXELFORMAT_RGBA8888), "SDL_PIXELFORMAT_RGBA8888")
end)

t.done()
