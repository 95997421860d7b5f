-- test_memory.lua -- buffers and raw memory: ffi.alloc / ffi.read / ffi.write
-- (both argument orders), struct instances as exactly sizeof bytes,
-- ffi.string, ffi.isnull, ffi.nullptr, array instances (fixture: libcalls).
local t = require "harness"
local ffi = require "ffi"

local lib = ffi.open(t.fixture("calls"))

t.test("ffi.alloc(n) is n zero bytes", function()
  for _, n in ipairs { 1, 4, 7, 64, 4096, 100000 } do
    local b = ffi.alloc(n)
    t.type(b, "userdata")
    local s = ffi.read(b)
    t.eq(#s, n, "length of alloc(" .. n .. ")")
    t.eq(s, string.rep("\0", n), "zero-filled alloc(" .. n .. ")")
  end
end)

t.test("ffi.alloc(n) is aligned as malloc's memory, for any C type", function()
  for n = 0, 40 do -- docs/api.md: 16 bytes (C's long double needs them on x86-64)
    t.eq(ffi.cast("uintptr_t", ffi.alloc(n)) % 16, 0, "ffi.alloc(" .. n .. ")")
  end
end)

t.test("ffi.alloc(0) is an empty buffer", function()
  t.eq(ffi.read(ffi.alloc(0)), "")
end)

t.test("ffi.write(ud, s) copies at offset 0 and leaves the rest", function()
  local b = ffi.alloc(8)
  ffi.write(b, "abcdefgh")
  t.eq(ffi.read(b), "abcdefgh")
  ffi.write(b, "XY")
  t.eq(ffi.read(b), "XYcdefgh")
  ffi.write(b, "")
  t.eq(ffi.read(b), "XYcdefgh", "an empty write changes nothing")
end)

t.test("ffi.write(s, ud): the seed page's argument order", function()
  local b = ffi.alloc(6)
  ffi.write("hello!", b)
  t.eq(ffi.read(b), "hello!")
  ffi.write("J", b)
  t.eq(ffi.read(b), "Jello!")
end)

t.test("binary data with embedded zeros is copied exactly", function()
  local data = string.pack("i4 d z B", -7, 0.1, "in", 255)
  local b = ffi.alloc(#data)
  ffi.write(b, data)
  t.eq(ffi.read(b), data)
  local i, d, z, byte = string.unpack("i4 d z B", ffi.read(b))
  t.eq(i, -7)
  t.eq(d, 0.1)
  t.eq(z, "in")
  t.eq(byte, 255)
end)

t.test("a write longer than the buffer is an error and writes nothing", function()
  local b = ffi.alloc(4)
  ffi.write(b, "abcd")
  t.errors(function() ffi.write(b, "12345") end, "bytes")
  t.eq(ffi.read(b), "abcd", "buffer unchanged")
  t.errors(function() ffi.write("123456789", b) end, "bytes")
  t.eq(ffi.read(b), "abcd", "buffer unchanged (other argument order)")
  ffi.write(b, "wxyz") -- exactly the size is fine
  t.eq(ffi.read(b), "wxyz")
end)

t.test("C writes into a buffer, Lua reads it", function()
  local b = ffi.alloc(10)
  t.eq(lib:wrap("i32", "fill_buffer", "ptr", "i32")(b, 10), 9)
  t.eq(ffi.read(b), "abcdefghi\0")
end)

t.test("struct instances: ffi.read and ffi.write see exactly sizeof bytes", function()
  local T = ffi.struct "struct Mem { int x; char c; };" -- 5 bytes of fields, 8 with padding
  t.eq(ffi.sizeof(T), 8)
  local inst = T.new()
  inst.x = -2
  inst.c = 65
  local raw = ffi.read(inst)
  t.eq(#raw, 8)
  t.eq(string.unpack("i4", raw), -2)
  t.eq(raw:byte(5), 65)
  ffi.write(inst, string.pack("i4", 123456))
  t.eq(inst.x, 123456)
  t.eq(inst.c, 65, "bytes past the written string are untouched")
  ffi.write(string.pack("i4 b", 9, 66), inst)
  t.eq(inst.x, 9)
  t.eq(inst.c, 66)
  t.errors(function() ffi.write(inst, string.rep("z", 9)) end, "bytes")
  t.eq(inst.x, 9, "an oversize write to an instance writes nothing")
  ffi.write(inst, string.rep("\0", 8))
  t.eq(inst.x, 0)
  t.eq(inst.c, 0)
end)

t.test("ffi.read on a light userdata takes a length", function()
  local p = lib:wrap("ptr", "str_hello")()
  t.eq(type(p), "userdata")
  t.eq(ffi.read(p, 5), "hello")
  t.eq(ffi.read(p, 6), "hello\0")
  t.eq(ffi.read(p, 0), "")
end)

t.test("ffi.string: NUL-terminated or with a length", function()
  local b = ffi.alloc(8)
  ffi.write(b, "ab\0cd")
  t.eq(ffi.string(b), "ab")
  t.eq(ffi.string(b, 5), "ab\0cd")
  t.eq(ffi.string(b, 8), "ab\0cd\0\0\0")
  local p = lib:wrap("ptr", "str_hello")()
  t.eq(ffi.string(p), "hello")
  t.eq(ffi.string(p, 2), "he")
end)

t.test("ffi.nullptr is the NULL light userdata", function()
  t.eq(type(ffi.nullptr), "userdata")
  t.eq(ffi.nullptr, lib:wrap("ptr", "ptr_null")())
  t.eq(lib:wrap("i32", "ptr_is_null", "ptr")(ffi.nullptr), 1)
  t.ne(ffi.nullptr, lib:wrap("ptr", "str_hello")())
end)

t.test("ffi.isnull accepts every pointer form", function()
  t.eq(ffi.isnull(nil), true)
  t.eq(ffi.isnull(ffi.nullptr), true)
  t.eq(ffi.isnull(lib:wrap("ptr", "ptr_null")()), true)
  t.eq(ffi.isnull(lib:wrap("ptr", "str_hello")()), false)
  t.eq(ffi.isnull(ffi.alloc(1)), false)
  local l2 = ffi.open(t.fixture("calls"))
  ffi.cdef "struct MemPoint { int x; int y; };"
  l2:cdef [[
    struct MemPoint *point_identity(struct MemPoint *p);
  ]]
  local p = ffi.new("MemPoint")
  t.eq(ffi.isnull(l2.point_identity(p)), false, "a non-NULL pointer object")
  t.eq(ffi.isnull(l2.point_identity(nil)), true, "NULL typed pointer (nil)")
end)

t.test("ffi.new of arrays gives zero-filled memory of the right size", function()
  local a = ffi.new("int[4]")
  t.eq(ffi.sizeof(a), 16)
  t.eq(ffi.read(a), string.rep("\0", 16))
  local v = ffi.new("int[?]", 5)
  t.eq(ffi.sizeof(v), 20)
  t.eq(#ffi.read(v), 20)
  lib:wrap("void", "set_int_out", "ptr", "i32")(a, 31)
  t.eq(string.unpack("i4", ffi.read(a)), 31, "an array passes to C as its address")
end)

t.test("many short-lived buffers are collected", function()
  local before = collectgarbage("count")
  for i = 1, 20000 do
    local b = ffi.alloc(256)
    ffi.write(b, "x")
  end
  collectgarbage()
  collectgarbage()
  -- 20000 * 256 bytes = 5 MB if nothing were freed
  t.truthy(collectgarbage("count") - before < 2048, "memory returned after collection")
end)

t.test("pointer arithmetic: n + p is p + n; p - q needs one pointee type (issue 9, item 9)", function()
  local arr = ffi.new("int[8]", { 10, 11, 12, 13, 14, 15, 16, 17 })
  local p = ffi.cast("int *", arr)
  local q = 3 + p
  t.eq(q[0], 13, "3 + p")
  t.eq((p + 3)[0], 13, "p + 3")
  t.eq(q - p, 3)
  t.eq((2 + arr)[1], 13, "n + array")
  local c = ffi.cast("char *", arr)
  t.errors(function() return p - c end, "cannot subtract pointers to different types ('int *' and 'char *')")
  t.errors(function() return c - p end, "different types")
  t.eq(ffi.cast("char *", q) - c, 12, "char pointers: bytes")
end)

t.done()
