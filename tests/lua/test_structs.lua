-- test_structs.lua -- struct types and instances: ffi.struct / ffi.cdef /
-- ffi.new, sizeof / offsetof by type, name and instance, field access for every
-- scalar type, const char * fields that keep their strings alive, pointer-to-
-- struct fields, and instances passed to C (fixture: libcalls, calls.c).
local t = require "harness"
local ffi = require "ffi"

local lib = ffi.open(t.fixture("calls"))

local function f32(x) return (string.unpack("f", string.pack("f", x))) end
local function wrap_signed(v, bits)
  local u = v & ((1 << bits) - 1)
  if u >= (1 << (bits - 1)) then u = u - (1 << bits) end
  return u
end

-- Same definitions as calls.c.
ffi.cdef [[
  struct Point {
    int x;
    int y;
  };
  struct Named {
    const char *name;
    int id;
  };
  struct Link {
    int tag;
    struct Point *target;
  };
  struct AllTypes {
    int8_t i8;
    int16_t i16;
    int32_t i32;
    int64_t i64;
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;
    float f32;
    double f64;
    bool b;
    const char *str;
    void *ptr;
  };
]]

-- -- Types, instances, sizeof, offsetof --

t.test("ffi.struct returns a type; T.new() and T() make zero-filled instances", function()
  local T = ffi.struct "struct Pair { int a; double b; };"
  local p = T.new()
  t.eq(p.a, 0)
  t.eq(p.b, 0.0)
  local q = T()
  q.a = 3
  q.b = 0.5
  t.eq(q.a, 3)
  t.eq(q.b, 0.5)
  t.eq(p.a, 0, "instances are independent")
  t.eq(ffi.read(ffi.new(T)), string.rep("\0", ffi.sizeof(T)), "ffi.new(T) zero-fills")
  t.eq(type(p), "userdata")
end)

t.test("sizeof and offsetof by type, registered name and instance", function()
  local p = ffi.new("Point")
  for _, x in ipairs { ffi.Point, "Point", "struct Point", p } do
    t.eq(ffi.sizeof(x), 8, "sizeof " .. tostring(x))
  end
  for _, x in ipairs { ffi.Point, "Point", p } do
    t.eq(ffi.offsetof(x, "x"), 0)
    t.eq(ffi.offsetof(x, "y"), 4)
  end
  -- char, then a double: padding to the double's alignment inside records (8;
  -- 4 in the i386 psABI), tail padding to a multiple of it
  local da = ffi.arch == "x86" and 4 or 8
  local T = ffi.struct "struct Pad { char c; double d; char e; };"
  local inst = T.new()
  t.eq(ffi.offsetof(T, "d"), da)
  t.eq(ffi.offsetof(inst, "e"), da + 8)
  t.eq(ffi.sizeof(T), (da + 9 + da - 1) // da * da)
  t.eq(ffi.sizeof(inst), ffi.sizeof(T))
end)

t.test("sizeof of scalar type names", function()
  t.eq(ffi.sizeof("int"), 4)
  t.eq(ffi.sizeof("char"), 1)
  t.eq(ffi.sizeof("double"), 8)
  t.eq(ffi.sizeof("int64_t"), 8)
  t.eq(ffi.sizeof("void *"), string.packsize("T")) -- size_t == pointer size here
  t.eq(ffi.sizeof("size_t"), string.packsize("T"))
  t.eq(ffi.sizeof("long"), string.packsize("l"))
end)

t.test("ffi.cdef puts struct types on the module; both spellings name them", function()
  t.truthy(ffi.Point ~= nil)
  local a = ffi.new("Point")
  local b = ffi.new("struct Point")
  a.x, b.x = 1, 2
  t.eq(a.x + b.x, 3)
  local P = string.packsize("T") -- a pointer's size and alignment (Lua's size_t: the same here)
  t.eq(ffi.sizeof(ffi.Link), 2 * P)
  t.eq(ffi.offsetof("Link", "target"), P)
end)

t.test("a struct named like an API function does not replace it", function()
  -- (sizeof is a C keyword, so it cannot be a tag; alloc and new are not)
  ffi.cdef "struct new { int x; }; struct alloc { double d; };"
  t.type(ffi.new, "function", "ffi.new")
  t.type(ffi.alloc, "function", "ffi.alloc")
  local n = ffi.new("new")
  n.x = 4
  t.eq(n.x, 4)
  t.eq(ffi.sizeof("alloc"), 8)
end)

t.test("cdef text may contain comments", function()
  ffi.cdef [[
    /* a block comment */
    struct Commented {
      int a; // a line comment
      /* between */ int b;
    };
  ]]
  t.eq(ffi.offsetof("Commented", "b"), 4)
end)

t.test("typedef'd struct names work with ffi.new", function()
  ffi.cdef "typedef struct TPair { int a; int b; } TPair;"
  local p = ffi.new("TPair")
  p.b = 6
  t.eq(p.b, 6)
  t.eq(ffi.sizeof("TPair"), 8)
end)

-- -- Field access for every scalar type --

local Every = ffi.struct [[
  struct Every {
    char c;
    signed char sc;
    unsigned char uc;
    short s;
    unsigned short us;
    int i;
    unsigned int ui;
    long l;
    unsigned long ul;
    long long ll;
    unsigned long long ull;
    int8_t i8;
    int16_t i16;
    int32_t i32;
    int64_t i64;
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;
    size_t sz;
    float f;
    double d;
    bool b;
  };
]]

-- field, string.pack format of its storage, size in bits, signed
-- long and size_t as the target's C has them (Lua's string.pack sizes come
-- from the same C compiler): 8 bytes on LP64, 4 on i386 and armhf
local LONG_BITS, SIZE_BITS = string.packsize("l") * 8, string.packsize("T") * 8
local LONG_FMT, SIZE_FMT = "i" .. LONG_BITS // 8, "I" .. SIZE_BITS // 8
local EVERY_INTS = {
  { "sc", "i1", 8, true }, { "uc", "I1", 8, false },
  { "s", "i2", 16, true }, { "us", "I2", 16, false },
  { "i", "i4", 32, true }, { "ui", "I4", 32, false },
  { "l", LONG_FMT, LONG_BITS, true }, { "ul", LONG_FMT:upper(), LONG_BITS, false },
  { "ll", "i8", 64, true }, { "ull", "i8", 64, false },
  { "i8", "i1", 8, true }, { "u8", "I1", 8, false },
  { "i16", "i2", 16, true }, { "u16", "I2", 16, false },
  { "i32", "i4", 32, true }, { "u32", "I4", 32, false },
  { "i64", "i8", 64, true }, { "u64", "i8", 64, false },
  { "sz", SIZE_FMT, SIZE_BITS, false },
}

local function int_model(v, bits, signed)
  if bits == 64 then return v end
  if signed then return wrap_signed(v, bits) end
  return v & ((1 << bits) - 1)
end

t.test("integer fields: in-range values round-trip and land at their offsets", function()
  local e = Every.new()
  for k, f in ipairs(EVERY_INTS) do
    local name, fmt, bits, signed = f[1], f[2], f[3], f[4]
    local v = signed and -(k * 3) or (k * 5)
    if bits == 64 then v = signed and -(1 << 40) - k or (1 << 50) + k end
    e[name] = v
    t.int(e[name], v, name)
  end
  -- the bytes in memory, decoded independently at the offsets ffi.offsetof reports
  local raw = ffi.read(e)
  t.eq(#raw, ffi.sizeof(Every))
  for k, f in ipairs(EVERY_INTS) do
    local name, fmt, bits, signed = f[1], f[2], f[3], f[4]
    local v = signed and -(k * 3) or (k * 5)
    if bits == 64 then v = signed and -(1 << 40) - k or (1 << 50) + k end
    t.eq(string.unpack(fmt, raw, ffi.offsetof(Every, name) + 1), v, "bytes of " .. name)
  end
end)

t.test("integer fields: out-of-range stores truncate like C (300 -> 44)", function()
  local e = Every.new()
  e.u8 = 300
  t.eq(e.u8, 44)
  for _, f in ipairs(EVERY_INTS) do
    local name, bits, signed = f[1], f[3], f[4]
    for _, v in ipairs { 300, -1, 70000, -70000, 0x1234567890, math.mininteger, math.maxinteger } do
      e[name] = v
      t.int(e[name], int_model(v, bits, signed), name .. " = " .. v)
    end
  end
  e.c = 65
  t.eq(e.c, 65, "char")
  e.c = -1
  -- the psABIs: plain char is unsigned on arm, arm64, ppc and s390x, signed on x86
  local unsigned_char = ({ arm = true, arm64 = true, ppc = true, ppc64 = true, ppc64le = true, s390x = true })[ffi.arch]
  t.eq(e.c, unsigned_char and 255 or -1, "char is signed on x86 and x64, unsigned on arm, ppc and s390x")
end)

t.test("neighbouring fields are untouched by a store", function()
  local e = Every.new()
  e.i16 = -1
  t.eq(e.i8, 0)
  t.eq(e.i32, 0)
  e.u8 = 255
  t.eq(e.i64, 0)
  t.eq(e.u16, 0)
end)

t.test("float and double fields", function()
  local e = Every.new()
  e.f = 0.1
  t.eq(e.f, f32(0.1), "float field rounds")
  e.d = 0.1
  t.eq(e.d, 0.1)
  e.d = 3
  t.eq(e.d, 3.0)
  t.eq(math.type(e.d), "float")
  e.f = -2.5
  t.eq(e.f, -2.5)
  local raw = ffi.read(e)
  t.eq(string.unpack("f", raw, ffi.offsetof(Every, "f") + 1), -2.5)
  t.eq(string.unpack("d", raw, ffi.offsetof(Every, "d") + 1), 3.0)
  e.d = math.huge
  t.eq(e.d, math.huge)
end)

t.test("bool fields", function()
  local e = Every.new()
  t.eq(e.b, false)
  e.b = true
  t.eq(e.b, true)
  t.eq(string.unpack("B", ffi.read(e), ffi.offsetof(Every, "b") + 1), 1)
  e.b = false
  t.eq(e.b, false)
end)

-- -- Instances passed to C --

t.test("instances passed as ptr: C reads and writes their fields", function()
  local sum = lib:wrap("i32", "point_sum", "ptr")
  local scale = lib:wrap("void", "point_scale", "ptr", "i32")
  local p = ffi.new("Point")
  p.x, p.y = 3, -10
  t.eq(sum(p), -7)
  scale(p, 4)
  t.eq(p.x, 12)
  t.eq(p.y, -40)
  lib:wrap("void", "point_set", "ptr", "i32", "i32")(p, 100, 200)
  t.eq(p.x + p.y, 300)
end)

t.test("an instance of ffi.struct passes too (same layout as C's struct Point)", function()
  local P = ffi.struct "struct P2 { int x; int y; };"
  local p = P.new()
  p.x, p.y = 20, 22
  t.eq(lib:wrap("i32", "point_sum", "ptr")(p), 42)
end)

t.test("every field type written by C, read by Lua", function()
  local a = ffi.new("AllTypes")
  lib:wrap("void", "all_fill", "ptr")(a)
  t.eq(a.i8, -128)
  t.eq(a.i16, -32768)
  t.eq(a.i32, -2147483648)
  t.eq(a.i64, math.mininteger)
  t.eq(a.u8, 255)
  t.eq(a.u16, 65535)
  t.eq(a.u32, 4294967295)
  t.eq(a.u64, -1)
  t.eq(a.f32, f32(0.1))
  t.eq(a.f64, 0.1)
  t.eq(a.b, true)
  t.eq(a.str, "filled")
  t.eq(a.ptr, lib:wrap("ptr", "id_ptr", "ptr")(a), "ptr field holds the instance's address")
end)

t.test("every field type written by Lua, checked by C", function()
  local a = ffi.new("AllTypes")
  -- the values all_check() in calls.c expects
  a.i8 = -5
  a.i16 = -300
  a.i32 = -70000
  a.i64 = -(1 << 40) - 3
  a.u8 = 200
  a.u16 = 60000
  a.u32 = 4000000000
  a.u64 = math.mininteger + 5 -- 2^63 + 5
  a.f32 = 1.5
  a.f64 = -2.25
  a.b = true
  a.str = "set from lua"
  a.ptr = a
  t.eq(lib:wrap("i32", "all_check", "ptr")(a), 0, "bitmask of mismatched fields")
  a.u16 = 1
  t.eq(lib:wrap("i32", "all_check", "ptr")(a), 1 << 5, "a changed field is seen by C")
end)

-- -- const char * fields --

local function runtime_string(tag)
  -- long enough never to be interned; built at run time
  return table.concat { "dynamic-", tag, "-", string.rep("0123456789", 10), tostring(#tag) }
end

t.test("const char * field keeps its string alive", function()
  local n = ffi.new("Named")
  do
    local s = runtime_string("kept")
    n.name = s
  end
  -- the only reference to the string is the instance now
  collectgarbage()
  collectgarbage()
  local junk = {}
  for i = 1, 2000 do junk[i] = runtime_string(tostring(i)) end
  junk = nil
  collectgarbage()
  local expected = runtime_string("kept")
  t.eq(n.name, expected)
  t.eq(lib:wrap("long", "named_len", "ptr")(n), #expected, "C strlen()s the field")
  local byte = lib:wrap("i32", "named_byte", "ptr", "i32")
  for _, i in ipairs { 0, 8, 50, #expected - 1 } do
    t.eq(byte(n, i), expected:byte(i + 1))
  end
end)

t.test("const char * field: nil is NULL, reassignment replaces", function()
  local n = ffi.new("Named")
  t.eq(n.name, nil, "zero-filled: NULL reads as nil")
  local len = lib:wrap("long", "named_len", "ptr")
  t.eq(len(n), -1)
  n.name = "first"
  n.name = runtime_string("second")
  collectgarbage()
  t.eq(n.name, runtime_string("second"))
  t.eq(len(n), #runtime_string("second"))
  n.name = nil
  t.eq(n.name, nil)
  t.eq(len(n), -1)
  n.id = 9
  t.eq(lib:wrap("i32", "named_id", "ptr")(n), 9)
end)

t.test("const char * field set by C reads back as a Lua string", function()
  local a = ffi.new("AllTypes")
  lib:wrap("void", "all_fill", "ptr")(a)
  t.type(a.str, "string")
  t.eq(a.str, "filled")
end)

-- -- Pointer-to-struct fields --

t.test("pointer-to-struct field takes an instance; fields reachable", function()
  local p = ffi.new("Point")
  p.x, p.y = 5, 6
  local l = ffi.new("Link")
  t.truthy(ffi.isnull(l.target), "zero-filled pointer is null")
  l.target = p
  t.truthy(not ffi.isnull(l.target))
  t.eq(l.target.x, 5)
  t.eq(l.target.y, 6)
  l.target.x = 50 -- writes through to p
  t.eq(p.x, 50)
  p.y = 60
  t.eq(l.target.y, 60)
  t.eq(lib:wrap("i32", "link_target_x", "ptr")(l), 50, "C follows the pointer")
  l.target = nil
  t.truthy(ffi.isnull(l.target))
  t.eq(lib:wrap("i32", "link_target_x", "ptr")(l), -1)
end)

t.test("pointer-to-struct field set by C", function()
  local p = ffi.new("Point")
  p.x, p.y = -1, -2
  local l = ffi.new("Link")
  lib:wrap("void", "link_set", "ptr", "ptr")(l, p)
  t.eq(l.target.x, -1)
  t.eq(l.target.y, -2)
end)

t.test("typed struct pointer results: objects with fields; NULL is nil", function()
  local l2 = ffi.open(t.fixture("calls"))
  l2:cdef [[
    struct Point *point_identity(struct Point *p);
    struct Point *point_null(void);
    int point_sum(const struct Point *p);
  ]]
  local p = ffi.new("Point")
  p.x, p.y = 7, 8
  local q = l2.point_identity(p)
  t.truthy(q ~= nil)
  t.eq(q.x, 7)
  q.y = 80
  t.eq(p.y, 80, "the pointer object views the same memory")
  t.eq(l2.point_sum(q), 87, "a pointer object passes back to C")
  t.eq(l2.point_null(), nil)
  t.truthy(ffi.isnull(l2.point_null()))
end)

t.test("flexible array members index up to the count given to ffi.new", function()
  ffi.cdef "struct FlexS { int n; int data[]; };"
  local f = ffi.new("struct FlexS", 4)
  t.eq(ffi.sizeof(f), 4 + 4 * 4)
  t.eq(#f.data, 4)
  for i = 0, 3 do f.data[i] = i * 10 + 1 end
  t.eq(f.data[3], 31)
  t.errors(function() return f.data[4] end, "out of range")
  -- through a pointer the length is unknown: the member decays to a pointer, as in C
  local p = ffi.cast("struct FlexS *", f)
  t.eq(p.data[2], 21)
  t.errors(function() ffi.new("struct FlexS") end, "needs an element count")
end)

t.test("ffi.sizeof(T, n) is what ffi.new(T, n) allocates", function()
  ffi.cdef "struct FlexPad { double d; char c; char data[]; };"
  for n = 0, 20 do
    t.eq(ffi.sizeof("struct FlexPad", n), ffi.sizeof(ffi.new("struct FlexPad", n)), "n = " .. n)
  end
  t.eq(ffi.sizeof("int[?]", 5), 20)
end)

t.test("small records by value: every argument form, and errors that name the argument", function()
  ffi.cdef [[
    struct V3d { double x, y, z; };
    struct V3d v3d_scale(struct V3d v, double k);
    struct Point point_swap(struct Point p);
    float v3d_sumf(float bias, struct V3d v);
  ]]
  local v = ffi.new("struct V3d", {1, 2, 3})
  local r = lib.v3d_scale(v, 2)
  t.eq(r.x, 2)
  t.eq(r.y, 4)
  t.eq(r.z, 6)
  t.eq(v.x, 1, "the argument is a copy")
  r = lib.v3d_scale({x = 1, y = -1, z = 0.5}, -2) -- a table
  t.eq(r.x, -2)
  t.eq(r.y, 2)
  t.eq(r.z, -1)
  local p = ffi.cast("struct V3d *", v) -- a pointer to one: dereferenced
  t.eq(lib.v3d_scale(p, 3).z, 9)
  local s = lib.point_swap(ffi.new("struct Point", {7, -8}))
  t.eq(s.x, -8)
  t.eq(s.y, 7)
  t.eq(lib.v3d_sumf(0.5, v), 6.5)
  t.errors(function() lib.v3d_scale("no", 2) end, "bad argument #1 to 'v3d_scale'")
  t.errors(function() lib.v3d_scale(v, "x") end, "bad argument #2 to 'v3d_scale'")
  t.errors(function() lib.v3d_scale(ffi.new("struct Point"), 2) end, "bad argument #1 to 'v3d_scale'")
  t.errors(function() lib.v3d_sumf(1, {x = 1, y = 2, w = 3}) end,
           "bad argument #2 to 'v3d_sumf' (no member with name 'w' in 'struct V3d')")
  t.errors(function() lib.v3d_scale(v) end, "wrong number of arguments to 'v3d_scale' (expected 2, got 1)")
  t.errors(function() lib.point_swap(ffi.new("struct Point"), 1) end, "wrong number of arguments")
  t.eq(lib.v3d_scale(v, 1).y, 2, "the module keeps working after the errors")
end)

t.test("over-aligned unions are refused by value, never passed wrongly", function()
  ffi.cdef "union __attribute__((aligned(16))) OverU { int i; double d; };"
  -- targets without by-value rules for unions (docs/targets.md) refuse every
  -- union, and say so; the others take plain unions and refuse over-aligned ones
  local refusal = "unions, packed and bit-field records cannot be passed by value on this target"
  ffi.cdef "union PlainU { int i; double d; };" -- the same union without the attribute
  local okp, cb = pcall(ffi.callback, "double", "union PlainU", function(u) return u.d end)
  local ok, err = pcall(ffi.callback, "void", "union OverU", function() end)
  t.eq(ok, false)
  if okp then
    t.truthy(cb)
    t.truthy(err:find("over-aligned records cannot be passed by value", 1, true), err)
  else
    t.truthy(tostring(cb):find(refusal, 1, true), cb)
    t.truthy(err:find(refusal, 1, true), err)
  end
end)

t.test("attributes in a type string count as in a typedef (issue 9, item 6; values from gcc)", function()
  t.eq(ffi.sizeof("int __attribute__((mode(DI)))"), 8)
  t.eq(#ffi.read(ffi.new("int __attribute__((mode(DI)))")), 8, "ffi.new keeps 8 bytes")
  t.eq(ffi.sizeof("unsigned __attribute__((mode(QI)))"), 1)
  t.eq(ffi.alignof("char __attribute__((aligned(8)))"), 8)
  t.eq(ffi.alignof("int __attribute__((aligned(8))) [10]"), 8)
  t.eq(ffi.sizeof("int __attribute__((aligned(8))) [10]"), 40)
  t.eq(ffi.alignof("int"), 4, "the plain type is unchanged")
end)

t.done()
