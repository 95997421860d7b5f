-- test_regress.lua -- what the fuzzer found (tests/fuzz), as behaviour tests.
-- The inputs themselves are in tests/fuzz/regress/ (replayed by fuzz_replay).
local t = require "harness"
local ffi = require "ffi"

ffi.cdef [[
struct rg_str { const char *s; const char *a[2]; };
struct rg_four { int x; };
struct rg_empty { char z[0]; };
]]

-- A const char * member holding one of the module's own objects (stored from
-- Lua) was read with strlen past the object's end (ASan: heap-buffer-overflow
-- in cdata_index). The string now stops at the object's last byte.
t.test("a const char * member holding an instance reads within it", function()
  local o, four = ffi.new("struct rg_str"), ffi.new("struct rg_four")
  four.x = 0x44434241 -- "ABCD" in memory on a little-endian target, no NUL
  o.s = four
  t.eq(#o.s, 4, "the string is the instance's 4 bytes")
  o.a[1] = four
  t.eq(#o.a[1], 4, "an array element too")
end)

t.test("a const char * member holding a buffer reads within it", function()
  local o, buf = ffi.new("struct rg_str"), ffi.alloc(3)
  ffi.write(buf, "xyz")
  o.s = buf
  t.eq(o.s, "xyz")
  ffi.write(buf, "a\0c")
  t.eq(o.s, "a", "a NUL inside ends it as in C")
end)

t.test("a const char * member holding an empty object or itself", function()
  local o, e = ffi.new("struct rg_str"), ffi.new("struct rg_empty")
  o.s = e.z
  t.eq(o.s, "", "a zero-length array has no bytes to read")
  o.s = o -- the record's first bytes are this pointer: no NUL within 24 bytes
  t.truthy(#o.s <= ffi.sizeof(o), "bounded by the record")
  local p = ffi.cast("struct rg_four *", ffi.new("struct rg_four", {x = 0x41414141}))
  o.s = p -- a pointer object made from an instance: bounded by that instance
  t.truthy(#o.s <= 4)
end)

t.test("ffi.cast of an instance to const char * reads within it", function()
  local four = ffi.new("struct rg_four", {x = 0x44434241})
  t.eq(#ffi.cast("const char *", four), 4)
end)

-- A wrapper taking or returning a record with a 2^31-element array by value
-- built a libffi description of one element per array element: a 16 GiB
-- calloc, then 2^31 stores (libFuzzer: out-of-memory in ccall_ffitype). Such
-- records are refused when the wrapper is made; a record over the runtime's
-- 2^31-1 byte limit is refused already by cdef (issue 9, item 3).
t.test("a record of more than 65536 scalar members is refused by value", function()
  local ok0, err0 = pcall(ffi.cdef, "struct rg_huge { double d[0x7fffffff]; char c; };")
  t.eq(ok0, false)
  t.truthy(tostring(err0):find("too large", 1, true), tostring(err0))
  ffi.cdef [[
    struct rg_big { char d[0x7ffffff0]; };
    struct rg_65537 { int a[65536]; char c; };
    struct rg_65536 { int a[65535]; char c; };
  ]]
  local C = ffi.C
  for _, T in ipairs({"struct rg_big", "struct rg_65537"}) do
    local ok, err = pcall(C.wrap, C, T, "abs", "int")
    t.eq(ok, false, T .. " as a result")
    t.truthy(tostring(err):find("records of more than 65536 scalar members", 1, true), tostring(err))
    ok, err = pcall(C.wrap, C, "int", "abs", T)
    t.eq(ok, false, T .. " as a parameter")
    t.truthy(tostring(err):find("cannot pass '" .. T .. "' to 'abs' (parameter 1)", 1, true), tostring(err))
  end
  t.truthy(pcall(C.wrap, C, "struct rg_65536", "abs", "int"), "65536 members are still described")
end)

-- A bit-field may span 9 bytes when it may straddle its unit (packed records,
-- and under #pragma pack): a 64-bit field from bit 7 of a byte. Its load and
-- store copied 9 bytes into a uint64_t (ASan: stack-buffer-overflow in
-- bf_load) and lost the top bits. Positions: gcc's and clang's (packed: no
-- padding, so wide is bits 8..70 and w64 bits 71..134).
t.test("bit-fields spanning 9 bytes load and store all their bits", function()
  ffi.cdef [[struct rg_p9 { char c; long long wide : 63; long long w64 : 64; char z; } __attribute__((packed));]]
  t.eq(ffi.sizeof("struct rg_p9"), 18)
  t.eq(select(2, ffi.offsetof("struct rg_p9", "w64")), 7, "w64 starts at bit 7 of byte 8")
  local o = ffi.new("struct rg_p9")
  o.w64 = -1
  t.eq(o.w64, -1)
  t.eq(o.wide, 0, "the neighbour below is untouched")
  t.eq(o.z, 0, "the byte after is untouched")
  o.w64 = math.mininteger + 5 -- top and bottom bits set, the middle clear
  t.eq(o.w64, math.mininteger + 5)
  o.wide = 0x123456789
  o.z = 7
  t.eq(o.wide, 0x123456789)
  t.eq(o.w64, math.mininteger + 5, "w64 keeps its value")
  o.wide = -1
  t.eq(o.wide, -1, "63-bit signed field: all ones reads -1")
  t.eq(o.c, 0)
end)

t.done()
