-- luajit_oo.lua: a LuaJIT-style object-oriented binding, unchanged LuaJIT
-- code: ffi.cdef + ffi.load + ffi.metatype with methods, __tostring, __eq,
-- __len and __gc, over examples/libdemo.c (point_new / point_move / point_free).
--
--   lua5.4 examples/luajit_oo.lua path/to/libdemo.so

local ffi = require "ffi"

ffi.cdef [[
struct Point { int x; int y; };
struct Point *point_new(int x, int y);
void point_free(struct Point *p);
int point_move(struct Point *p, int dx, int dy);
int point_live(void);
]]

local demo = ffi.load(assert(arg[1] or os.getenv("FFI_DEMO_LIB"), "usage: luajit_oo.lua path/to/libdemo.so"))

-- The binding: methods on the struct type; they work on C-allocated
-- pointers and on Lua-allocated values alike.
local Point = {}
Point.__index = Point

function Point.new(x, y) -- owned by C's allocator, freed by the GC through point_free itself
  return ffi.gc(demo.point_new(x, y), demo.point_free)
end

function Point:move(dx, dy)
  return demo.point_move(self, dx, dy)
end

function Point:norm1()
  return math.abs(self.x) + math.abs(self.y)
end

Point.__tostring = function(p)
  return string.format("Point(%d, %d)", p.x, p.y)
end
Point.__eq = function(a, b)
  return a.x == b.x and a.y == b.y
end
Point.__len = Point.norm1

local dropped = 0
Point.__gc = function(p) -- for Lua-allocated instances (ffi.new / the constructor)
  dropped = dropped + 1
end

local PointT = ffi.metatype("struct Point", Point)

-- C-allocated objects
do
  local p = Point.new(1, 2)
  assert(p:move(3, 4) == 10, "point_move returns x + y")
  assert(p.x == 4 and p.y == 6)
  assert(tostring(p) == "Point(4, 6)")
  assert(#p == 10)
  assert(demo.point_live() == 1)
end
collectgarbage()
collectgarbage()
assert(demo.point_live() == 0, "ffi.gc called point_free")

-- Lua-allocated values of the same type get the same methods
do
  local a, b = PointT(2, -3), PointT({ x = 2, y = -3 })
  assert(a == b, "__eq")
  assert(a:norm1() == 5)
  a:move(1, 1) -- a Lua-owned struct passed as struct Point *
  assert(tostring(a) == "Point(3, -2)")
end
collectgarbage()
collectgarbage()
assert(dropped == 2, "__gc ran for both instances")

print("luajit_oo: ok")
