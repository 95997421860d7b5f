-- demo.lua: pluto:ffi calling real system libraries (libm, libc) and a small
-- library of our own (examples/libdemo.c), checking every result.
--
--   lua5.4 examples/demo.lua [path/to/libdemo.so]
--
-- With no argument the library path comes from $FFI_DEMO_LIB (scripts/run.sh
-- sets it). lua5.4 must find the module: see the build-tree environment step
-- in README.md.

local ffi = require "pluto:ffi"
assert(require "ffi" == ffi, "require 'ffi' and require 'pluto:ffi' give the same table")

local demo_path = arg[1] or os.getenv("FFI_DEMO_LIB")
if not demo_path then
  error("usage: lua5.4 demo.lua path/to/libdemo.so (or set FFI_DEMO_LIB)", 0)
end

local function show(what, value)
  print(string.format("  %-44s %s", what, tostring(value)))
end

local function section(title)
  print(title)
end

print(string.format("pluto:ffi on %s/%s", ffi.os, ffi.arch))

-- libm: one function with wrap, two with cdef ---------------------------------
section("libm.so.6")
local libm = ffi.open("libm.so.6")
local sin = libm:wrap("f64", "sin", "f64")
show("sin(1.0)", sin(1.0))
assert(math.abs(sin(1.0) - math.sin(1.0)) < 1e-15)

libm:cdef [[
  double pow(double x, double y);
  double floor(double x);
]]
show("pow(2, 10)", libm.pow(2, 10))
assert(libm.pow(2, 10) == 1024.0)
show("floor(-2.5)", libm.floor(-2.5))
assert(libm.floor(-2.5) == -3.0)

-- libc ------------------------------------------------------------------------
section("libc.so.6")
local libc = ffi.open("libc.so.6")
libc:cdef [[
  size_t strlen(const char *s);
  int abs(int j);
]]
local getpid = libc:wrap("i32", "getpid", "void")
show("strlen(\"pluto\")", libc.strlen("pluto"))
assert(libc.strlen("pluto") == 5)
show("abs(-42)", libc.abs(-42))
assert(libc.abs(-42) == 42)

local stat = io.open("/proc/self/stat")
if stat then -- Linux: the interpreter's own pid, read another way
  local pid = tonumber(stat:read("l"):match("^%d+"))
  stat:close()
  show("getpid() matches /proc/self/stat", getpid() == pid)
  assert(getpid() == pid)
end

-- Raw memory: alloc, write, read, and C reading it ------------------------------
section("ffi.alloc / ffi.write / ffi.read")
local buf = ffi.alloc(16)
show("ffi.alloc(16) is zero-filled", ffi.read(buf) == string.rep("\0", 16))
assert(ffi.read(buf) == string.rep("\0", 16))
ffi.write(buf, "hello, C")
local strlen_ptr = libc:wrap("size_t", "strlen", "ptr") -- "ptr" takes the buffer's address
show("strlen(buffer) after ffi.write", strlen_ptr(buf))
assert(strlen_ptr(buf) == 8)
assert(ffi.read(buf):sub(1, 9) == "hello, C\0")
local ok, err = pcall(ffi.write, buf, string.rep("x", 17))
show("writing 17 bytes into 16 fails", not ok)
assert(not ok and err)

-- Structs ---------------------------------------------------------------------
section("ffi.struct / ffi.cdef / ffi.new")
local Color = ffi.struct [[
  struct Color {
    uint8_t r;
    uint8_t g;
    uint8_t b;
  };
]]
local c = Color.new()
c.r, c.g, c.b = 255, 128, 300 -- 300 wraps to 44, like C
show("Color{255, 128, 300}", string.format("r=%d g=%d b=%d", c.r, c.g, c.b))
assert(c.r == 255 and c.g == 128 and c.b == 44)
show("sizeof(Color), offsetof(Color, b)", ffi.sizeof(Color) .. ", " .. ffi.offsetof(Color, "b"))
assert(ffi.sizeof(Color) == 3 and ffi.offsetof(Color, "b") == 2)
assert(ffi.read(c) == "\255\128\44")

ffi.cdef [[
  struct Point {
    int x;
    int y;
  };
]]
local p = ffi.new("Point")
p.x, p.y = 3, 4
show("Point{3, 4}", string.format("x=%d y=%d", p.x, p.y))
assert(ffi.sizeof("Point") == 8 and ffi.offsetof("Point", "y") == 4)

-- libdemo: the seed's example, a struct pointer, a string, callbacks --------------
section("libdemo (" .. demo_path .. ")")
local demo = ffi.open(demo_path)
show("MY_MAGIC_INT via lib:value", demo:value("i32", "MY_MAGIC_INT"))
assert(demo:value("i32", "MY_MAGIC_INT") == 69)
show("add(38, 4) via lib:wrap", demo:wrap("i32", "add", "i32", "i32")(38, 4))
assert(demo:wrap("i32", "add", "i32", "i32")(38, 4) == 42)

demo:cdef [[
  int MY_MAGIC_INT;
  int add(int a, int b);
  int point_move(struct Point *p, int dx, int dy);
  int apply(int (*f)(int), int x);
  long long sum_of(int (*f)(int), int n);
  const char *greeting(void);
]]
assert(demo.MY_MAGIC_INT == 69 and demo.add(38, 4) == 42)

show("point_move(&{3, 4}, 10, 20)", demo.point_move(p, 10, 20))
assert(p.x == 13 and p.y == 24)
show("point after the call", string.format("x=%d y=%d", p.x, p.y))
show("greeting()", demo.greeting())
assert(demo.greeting() == "hello from libdemo")

local square = ffi.callback("int", "int", function(x) return x * x end)
local applied = demo.apply(square, 7)
show("apply(square, 7)", applied)
assert(applied == 49)
local sum = demo.sum_of(square, 10)
show("sum_of(square, 10)", sum)
assert(sum == 285)
show("square:callcount()", square:callcount())
assert(square:callcount() == 11) -- 1 from apply, 10 from sum_of

local failing = ffi.callback("int", "int", function() error("raised in the callback") end)
ok, err = pcall(demo.apply, failing, 1)
show("an error in a callback fails the call", not ok)
assert(not ok and tostring(err):find("raised in the callback", 1, true))
square:free()
failing:free()

print("demo: all checks passed")
