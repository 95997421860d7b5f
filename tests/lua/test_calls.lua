-- test_calls.lua -- calls through lib:wrap / lib:cdef: every type string as
-- argument and result, C type names, libm and libc, 0..16 mixed arguments,
-- 64-bit extremes, truncation, float rounding, bool, pointers, strings,
-- out-parameters and exported globals (fixture: libcalls, tests/fixtures/calls.c).
local t = require "harness"
local ffi = require "ffi"

local lib = ffi.open(t.fixture("calls"))

-- Independent models of C's conversions, computed in Lua.
local function f32(x) return (string.unpack("f", string.pack("f", x))) end
local function wrap_unsigned(v, bits)
  if bits == 64 then return v end
  return v & ((1 << bits) - 1)
end
local function wrap_signed(v, bits)
  if bits == 64 then return v end
  local u = v & ((1 << bits) - 1)
  if u >= (1 << (bits - 1)) then u = u - (1 << bits) end
  return u
end

-- -- Every type string, argument and result --

local int_types = {
  { "i8", 8, true }, { "i16", 16, true }, { "i32", 32, true }, { "i64", 64, true },
  { "u8", 8, false }, { "u16", 16, false }, { "u32", 32, false }, { "u64", 64, false },
}

for _, it in ipairs(int_types) do
  local ty, bits, signed = it[1], it[2], it[3]
  t.test("identity " .. ty .. ": extremes round-trip as Lua integers", function()
    local id = lib:wrap(ty, "id_" .. ty, ty)
    local lo, hi
    if bits == 64 then
      lo, hi = math.mininteger, math.maxinteger
    elseif signed then
      lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    else
      lo, hi = 0, (1 << bits) - 1
    end
    for _, v in ipairs { lo, hi, 0, 1, lo + 1, hi - 1 } do
      t.int(id(v), v, ty .. " " .. v)
    end
  end)

  t.test("identity " .. ty .. ": out-of-range values wrap like C", function()
    local id = lib:wrap(ty, "id_" .. ty, ty)
    local model = signed and wrap_signed or wrap_unsigned
    for _, v in ipairs { 300, -1, 70000, -70000, 0x1234567890, -(1 << 40) - 7, 4294967296 + 5 } do
      local expected = model(v, bits)
      if not signed and bits == 64 then expected = v end -- u64 keeps all 64 bits
      t.int(id(v), expected, ty .. " " .. v)
    end
  end)
end

t.test("u8: 300 becomes 44 (Pluto's truncation example)", function()
  t.eq(lib:wrap("u8", "id_u8", "u8")(300), 44)
  -- what C received, not just what came back
  t.eq(lib:wrap("i64", "widen_u8", "u8")(300), 44)
end)

t.test("arguments arrive in C with C's conversion (widen_*)", function()
  local cases = {
    { "i8", 8, true, { -5, 127, -128, 200, 255, 256 + 3 } },
    { "i16", 16, true, { -300, 32767, 40000, -40000 } },
    { "i32", 32, true, { -70000, 2147483647, 2147483648, -2147483649 } },
    { "u8", 8, false, { 0, 255, 256, -1, 300 } },
    { "u16", 16, false, { 65535, 65536, -1, 70000 } },
    { "u32", 32, false, { 4294967295, 4294967296, -1, 5000000000 } },
  }
  for _, c in ipairs(cases) do
    local ty, bits, signed, values = c[1], c[2], c[3], c[4]
    local widen = lib:wrap("i64", "widen_" .. ty, ty)
    for _, v in ipairs(values) do
      local expected = (signed and wrap_signed or wrap_unsigned)(v, bits)
      t.int(widen(v), expected, "widen_" .. ty .. "(" .. v .. ")")
    end
  end
end)

t.test("small integer results are read at their own width (narrow_*)", function()
  local cases = {
    { "i8", 8, true }, { "i16", 16, true }, { "i32", 32, true },
    { "u8", 8, false }, { "u16", 16, false }, { "u32", 32, false },
  }
  for _, c in ipairs(cases) do
    local ty, bits, signed = c[1], c[2], c[3]
    local narrow = lib:wrap(ty, "narrow_" .. ty, "i64")
    for _, v in ipairs { 200, -1, 0x12345, 0x180000000, -0x7fffffff - 2, 0x7fffffffffffffff } do
      local expected = (signed and wrap_signed or wrap_unsigned)(v, bits)
      t.int(narrow(v), expected, "narrow_" .. ty .. "(" .. v .. ")")
    end
  end
end)

t.test("64-bit extremes: INT64_MIN, INT64_MAX, UINT64_MAX", function()
  t.int(lib:wrap("i64", "i64_min")(), math.mininteger)
  t.int(lib:wrap("i64", "i64_max")(), math.maxinteger)
  t.int(lib:wrap("u64", "u64_max")(), -1, "UINT64_MAX comes back as -1")
  t.eq(lib:wrap("i32", "is_i64_min", "i64")(math.mininteger), 1)
  t.eq(lib:wrap("i32", "is_i64_min", "i64")(math.mininteger + 1), 0)
  t.eq(lib:wrap("i32", "is_i64_max", "i64")(math.maxinteger), 1)
  t.eq(lib:wrap("i32", "is_u64_max", "u64")(-1), 1, "-1 passed as u64 is UINT64_MAX")
  t.eq(lib:wrap("i32", "is_u64_max", "u64")(math.maxinteger), 0)
end)

t.test("u64 above 2^63-1 wraps to negative and back", function()
  local id = lib:wrap("u64", "id_u64", "u64")
  t.int(id(math.mininteger), math.mininteger, "2^63")
  t.int(id(math.mininteger + 5), math.mininteger + 5)
  -- C does unsigned arithmetic on what Lua sees as negative: UINT64_MAX / 2 == INT64_MAX.
  t.int(lib:wrap("u64", "u64_half", "u64")(-1), math.maxinteger)
  -- 2^63 + 10: C halves it to 2^62 + 5
  t.int(lib:wrap("u64", "u64_half", "u64")(math.mininteger + 10), (1 << 62) + 5)
end)

t.test("f32: arguments and results are rounded to float", function()
  local id = lib:wrap("f32", "id_f32", "f32")
  t.eq(id(1.5), 1.5)
  t.eq(id(-0.25), -0.25)
  t.eq(id(0.1), f32(0.1), "0.1 rounded to float")
  t.ne(id(0.1), 0.1, "a float cannot hold 0.1 exactly")
  t.eq(math.type(id(2)), "float", "f32 results are Lua floats")
  t.eq(lib:wrap("f64", "widen_f32", "f32")(0.1), f32(0.1), "what C received")
  t.eq(lib:wrap("f64", "widen_f32", "f32")(1 / 3), f32(1 / 3))
  t.eq(lib:wrap("f32", "narrow_f32", "f64")(1 / 3), f32(1 / 3), "float result")
end)

t.test("f64: exact round-trip, infinities and NaN", function()
  local id = lib:wrap("f64", "id_f64", "f64")
  for _, v in ipairs { 0.1, math.pi, -1e300, 5e-324, 2 ^ 53 + 2, math.huge, -math.huge } do
    t.eq(id(v), v)
  end
  local nan = id(0 / 0)
  t.truthy(nan ~= nan, "NaN comes back as NaN")
  t.eq(id(3), 3.0, "an integer argument converts to double")
  t.eq(math.type(id(3)), "float")
end)

t.test("bool: arguments and results", function()
  local id = lib:wrap("bool", "id_bool", "bool")
  t.eq(id(true), true)
  t.eq(id(false), false)
  local widen = lib:wrap("i32", "widen_bool", "bool")
  t.eq(widen(true), 1)
  t.eq(widen(false), 0)
  local nonzero = lib:wrap("bool", "nonzero", "i64")
  t.eq(nonzero(5), true)
  t.eq(nonzero(0), false)
  t.eq(nonzero(1 << 40), true, "a wide nonzero value is still true in C")
end)

t.test("void result and a lone 'void' argument list", function()
  local count = lib:wrap("i32", "get_void_calls", "void")
  local before = count()
  local fn = lib:wrap("void", "void_fn", "void")
  t.eq(fn(), nil)
  t.eq(select("#", fn()), 0, "a void call returns no values")
  t.eq(count(), before + 2)
  local fn2 = lib:wrap("void", "void_fn") -- no argument types at all
  fn2()
  t.eq(count(), before + 3)
end)

t.test("integral floats are accepted for integer parameters", function()
  t.int(lib:wrap("i32", "id_i32", "i32")(5.0), 5)
  t.int(lib:wrap("i64", "id_i64", "i64")(-2.0 ^ 40), -(1 << 40))
  t.int(lib:wrap("u8", "id_u8", "u8")(7.0), 7)
end)

-- -- Pointers and strings --

t.test("ptr: NULL results equal ffi.nullptr", function()
  local p = lib:wrap("ptr", "ptr_null")()
  t.eq(type(p), "userdata")
  t.eq(p, ffi.nullptr)
  t.truthy(ffi.isnull(p))
end)

t.test("ptr: nil, ffi.nullptr and buffers as arguments", function()
  local is_null = lib:wrap("i32", "ptr_is_null", "ptr")
  t.eq(is_null(nil), 1)
  t.eq(is_null(ffi.nullptr), 1)
  t.eq(is_null(ffi.alloc(4)), 0)
  t.eq(is_null(lib:wrap("ptr", "addr_of_g_i32")()), 0, "light userdata")
end)

t.test("ptr: pointer arithmetic in C lines up with the buffer", function()
  local buf = ffi.alloc(16)
  local add = lib:wrap("ptr", "ptr_add", "ptr", "long")
  local diff = lib:wrap("long", "ptr_diff", "ptr", "ptr")
  local p3 = add(buf, 3)
  t.eq(type(p3), "userdata")
  t.eq(diff(p3, buf), 3)
  t.eq(diff(buf, p3), -3)
  t.eq(add(p3, -3), lib:wrap("ptr", "id_ptr", "ptr")(buf), "same address, same light userdata")
  t.eq(lib:wrap("ptr", "id_ptr", "ptr")(nil), ffi.nullptr)
end)

t.test("str: Lua strings in, Lua strings out, nil <-> NULL", function()
  t.eq(lib:wrap("str", "str_hello")(), "hello")
  t.eq(lib:wrap("str", "str_null")(), nil)
  local is_null = lib:wrap("i32", "str_is_null", "str")
  t.eq(is_null(nil), 1)
  t.eq(is_null(""), 0)
  local len = lib:wrap("long", "str_length", "str")
  t.eq(len("hello, world"), 12)
  t.eq(len(""), 0)
  t.eq(len(nil), -1)
  local big = string.rep("xy", 5000)
  t.eq(len(big), #big)
  t.eq(lib:wrap("str", "id_str", "str")("round trip"), "round trip")
  t.eq(lib:wrap("str", "id_str", "str")(nil), nil)
end)

t.test("str: bytes above 127 arrive unchanged", function()
  local byte = lib:wrap("i32", "str_byte", "str", "i32")
  local s = "a\xff\x80z"
  for i = 1, #s do
    t.eq(byte(s, i - 1), s:byte(i))
  end
  t.eq(byte(s, #s), 0, "NUL-terminated")
end)

t.test("out-parameter: C fills an ffi.alloc buffer through char *", function()
  local n = 12
  local buf = ffi.alloc(n)
  local fill = lib:wrap("i32", "fill_buffer", "ptr", "i32")
  t.eq(fill(buf, n), n - 1)
  local expected = {}
  for i = 0, n - 2 do expected[#expected + 1] = string.char(97 + i % 26) end
  expected = table.concat(expected)
  t.eq(ffi.read(buf), expected .. "\0")
  t.eq(ffi.string(buf), expected)
  -- the same through a C declaration with a real char * parameter
  lib:cdef "int fill_buffer(char *buf, int n);"
  local buf2 = ffi.alloc(5)
  t.eq(lib.fill_buffer(buf2, 5), 4)
  t.eq(ffi.read(buf2), "abcd\0")
end)

t.test("out-parameters of int and double", function()
  local b = ffi.alloc(4)
  lib:wrap("void", "set_int_out", "ptr", "i32")(b, -123456)
  t.eq(string.unpack("i4", ffi.read(b)), -123456)
  local d = ffi.alloc(8)
  lib:wrap("void", "set_double_out", "ptr", "f64")(d, -0.1)
  t.eq(string.unpack("d", ffi.read(d)), -0.1)
  -- typed out-pointers declared in C take the same buffers
  lib:cdef "void set_int_out(int *out, int v);"
  lib.set_int_out(b, 77)
  t.eq(string.unpack("i4", ffi.read(b)), 77)
end)

t.test("char * result stays a pointer; ffi.string reads it", function()
  lib:cdef [[
    char *dup_string(const char *s);
    void free_string(char *p);
  ]]
  local p = lib.dup_string("made in C")
  t.truthy(type(p) ~= "string", "a char * result is not converted to a string")
  t.eq(ffi.string(p), "made in C")
  t.eq(ffi.string(p, 4), "made")
  lib.free_string(p)
  -- and through the seed's "ptr"
  local q = lib:wrap("ptr", "dup_string", "str")("abc")
  t.eq(type(q), "userdata")
  t.eq(ffi.string(q), "abc")
  lib:wrap("void", "free_string", "ptr")(q)
end)

-- -- C type names in wrap --

t.test("wrap accepts C type names", function()
  t.eq(lib:wrap("int", "id_i32", "int")(-9), -9)
  t.eq(lib:wrap("long long", "id_i64", "long long")(math.mininteger), math.mininteger)
  t.eq(lib:wrap("long long", "id_i64", "long long")(1 << 40), 1 << 40)
  t.eq(lib:wrap("unsigned char", "id_u8", "unsigned char")(256 + 9), 9)
  t.eq(lib:wrap("unsigned int", "id_u32", "unsigned int")(-1), 4294967295)
  t.eq(lib:wrap("short", "id_i16", "short")(-2), -2)
  t.eq(lib:wrap("int8_t", "id_i8", "int8_t")(-128), -128)
  t.eq(lib:wrap("uint64_t", "id_u64", "uint64_t")(-1), -1)
  t.eq(lib:wrap("size_t", "str_length", "const char *")("four"), 4)
  t.eq(lib:wrap("double", "id_f64", "double")(0.1), 0.1)
  t.eq(lib:wrap("float", "id_f32", "float")(0.1), f32(0.1))
  t.eq(lib:wrap("const char *", "id_str", "const char *")("s"), "s")
  t.eq(lib:wrap("bool", "id_bool", "_Bool")(true), true)
  t.truthy(ffi.isnull(lib:wrap("void *", "id_ptr", "void *")(nil)), "void * NULL")
end)

-- -- 0..16 mixed integer and floating arguments --

-- mixN in calls.c: parameter k has type MIX_TYPES[k]; result 0.25 + sum(k * a_k).
local MIX_TYPES = { "i32", "f64", "i64", "f32", "i32", "f64", "u8", "f64",
                    "i16", "f32", "i32", "f64", "i64", "f64", "u32", "f64" }
local MIX_C = { i32 = "int32_t", f64 = "double", i64 = "int64_t", f32 = "float",
                u8 = "uint8_t", i16 = "int16_t", u32 = "uint32_t" }

-- Exactly representable values, different for every position and type.
local function mix_value(ty, k)
  if ty == "f64" then return k + 0.5 end
  if ty == "f32" then return k * 0.25 end
  if ty == "u8" or ty == "u32" then return 7 * k end
  return 3 * k - 20 -- signed: negative for small k
end

local function mix_expected(n)
  local sum = 0.25
  for k = 1, n do sum = sum + k * mix_value(MIX_TYPES[k], k) end
  return sum
end

for n = 0, 16 do
  t.test(string.format("mix%d: %d mixed arguments via wrap", n, n), function()
    local types, args = {}, {}
    for k = 1, n do
      types[k] = MIX_TYPES[k]
      args[k] = mix_value(MIX_TYPES[k], k)
    end
    local f = lib:wrap("f64", "mix" .. n, table.unpack(types))
    t.eq(f(table.unpack(args, 1, n)), mix_expected(n))
    -- called again: nothing per call leaks into the next
    t.eq(f(table.unpack(args, 1, n)), mix_expected(n))
  end)
end

t.test("mix0..mix16 declared in C through lib:cdef", function()
  local decls = {}
  for n = 0, 16 do
    local params = {}
    for k = 1, n do params[k] = MIX_C[MIX_TYPES[k]] .. " a" .. k end
    decls[#decls + 1] = string.format("double mix%d(%s);", n, n == 0 and "void" or table.concat(params, ", "))
  end
  local clib = ffi.open(t.fixture("calls"))
  clib:cdef(table.concat(decls, "\n"))
  for n = 0, 16 do
    local args = {}
    for k = 1, n do args[k] = mix_value(MIX_TYPES[k], k) end
    t.eq(clib["mix" .. n](table.unpack(args, 1, n)), mix_expected(n), "mix" .. n)
  end
end)

t.test("10 int64 arguments (stack spill)", function()
  local types, args, expected = {}, {}, 0
  for k = 1, 10 do
    types[k] = "i64"
    args[k] = (k % 2 == 0) and (1 << 40) + k or -k * 1000
    expected = expected + k * args[k]
  end
  t.eq(lib:wrap("i64", "isum10", table.unpack(types))(table.unpack(args)), expected)
end)

t.test("12 double arguments (more than the FP registers)", function()
  local types, args, expected = {}, {}, 0.0
  for k = 1, 12 do
    types[k] = "f64"
    args[k] = k * 1.5 - 7
    expected = expected + k * args[k]
  end
  t.eq(lib:wrap("f64", "dsum12", table.unpack(types))(table.unpack(args)), expected)
end)

t.test("10 float arguments and a float result", function()
  local types, args, expected = {}, {}, 0.0
  for k = 1, 10 do
    types[k] = "f32"
    args[k] = k * 0.5
    expected = expected + k * args[k]
  end
  t.eq(lib:wrap("f32", "fsum10", table.unpack(types))(table.unpack(args)), expected)
end)

-- -- libm and libc --

t.test("libm: sin, cos, floor, powf (f32)", function()
  local m = ffi.open("libm.so.6")
  local sin = m:wrap("f64", "sin", "f64")
  local cos = m:wrap("f64", "cos", "f64")
  for _, x in ipairs { 0, 0.5, 1, -2.25, 100 } do
    t.eq(sin(x), math.sin(x), "sin " .. x)
    t.eq(cos(x), math.cos(x), "cos " .. x)
  end
  local floor = m:wrap("f64", "floor", "f64")
  t.eq(floor(-2.5), -3.0)
  t.eq(floor(2.75), 2.0)
  local powf = m:wrap("f32", "powf", "f32", "f32")
  t.eq(powf(2, 10), 1024.0)
  t.eq(powf(1.5, 2), 2.25)
  t.eq(powf(0.1, 1), f32(0.1))
end)

t.test("libm: frexp with an out-pointer from ffi.alloc(4)", function()
  local m = ffi.open("libm.so.6")
  local frexp = m:wrap("f64", "frexp", "f64", "ptr")
  local buf = ffi.alloc(4)
  for _, c in ipairs { { 8.0, 0.5, 4 }, { 1.0, 0.5, 1 }, { 0.75, 0.75, 0 }, { -40.0, -0.625, 6 } } do
    local mant = frexp(c[1], buf)
    t.eq(mant, c[2], "mantissa of " .. c[1])
    t.eq(string.unpack("i4", ffi.read(buf)), c[3], "exponent of " .. c[1])
    t.eq(c[2] * 2 ^ c[3], c[1], "the model itself")
  end
end)

t.test("bare library names resolve like the dynamic linker", function()
  for _, name in ipairs { "m", "libm.so", "libm.so.6" } do
    local m = ffi.open(name)
    t.eq(m:wrap("f64", "floor", "f64")(1.5), 1.0, name)
  end
end)

t.test("libc: strlen with str, abs", function()
  local c = ffi.open("libc.so.6")
  local strlen = c:wrap("size_t", "strlen", "str")
  t.eq(strlen("str"), 3)
  t.eq(strlen(""), 0)
  local abs = c:wrap("i32", "abs", "i32")
  t.eq(abs(-7), 7)
  t.eq(abs(7), 7)
  c:cdef "size_t strlen(const char *s);"
  t.eq(c.strlen("hello"), 5)
end)

t.test("str argument with an embedded NUL: C sees the bytes before it", function()
  t.eq(lib:wrap("long", "str_length", "str")("embedded\0zero"), 8)
end)

-- -- Globals --

t.test("lib:value reads every scalar type", function()
  t.int(lib:value("i8", "g_i8"), -100)
  t.int(lib:value("i16", "g_i16"), -30000)
  t.int(lib:value("i32", "g_i32"), -2000000000)
  t.int(lib:value("i64", "g_i64"), math.mininteger)
  t.int(lib:value("u8", "g_u8"), 250)
  t.int(lib:value("u16", "g_u16"), 65000)
  t.int(lib:value("u32", "g_u32"), 4000000000)
  t.int(lib:value("u64", "g_u64"), -1)
  t.eq(lib:value("f32", "g_f32"), f32(0.1))
  t.eq(lib:value("f64", "g_f64"), 0.1)
  t.eq(lib:value("bool", "g_bool"), true)
  t.eq(lib:value("str", "g_str"), "global string")
  t.eq(lib:value("const char *", "g_str"), "global string")
  t.eq(lib:value("str", "g_str_null"), nil)
  t.eq(lib:value("ptr", "g_ptr_null"), ffi.nullptr)
end)

t.test("lib:value('ptr') gives the address stored in the global", function()
  local p = lib:value("ptr", "g_ptr")
  t.eq(p, lib:wrap("ptr", "addr_of_g_i32")())
  t.eq(string.unpack("i4", ffi.read(p, 4)), -2000000000)
end)

t.test("lib:value reads now; lib:cdef variables are snapshots", function()
  local set = lib:wrap("void", "set_counter", "i32")
  set(7)
  local l2 = ffi.open(t.fixture("calls"))
  l2:cdef "int g_counter;"
  t.eq(l2.g_counter, 7)
  set(9)
  t.eq(lib:value("i32", "g_counter"), 9, "value reads the current contents")
  t.eq(l2.g_counter, 7, "the cdef variable is a snapshot")
  set(7)
end)

t.test("lib:cdef variables of every scalar type", function()
  local l2 = ffi.open(t.fixture("calls"))
  l2:cdef [[
    int8_t g_i8; int16_t g_i16; int32_t g_i32; int64_t g_i64;
    uint8_t g_u8; uint16_t g_u16; uint32_t g_u32; uint64_t g_u64;
    float g_f32; double g_f64; bool g_bool;
    const char *g_str; const char *g_str_null;
  ]]
  t.eq(l2.g_i8, -100)
  t.eq(l2.g_i16, -30000)
  t.eq(l2.g_i32, -2000000000)
  t.eq(l2.g_i64, math.mininteger)
  t.eq(l2.g_u8, 250)
  t.eq(l2.g_u16, 65000)
  t.eq(l2.g_u32, 4000000000)
  t.eq(l2.g_u64, -1)
  t.eq(l2.g_f32, f32(0.1))
  t.eq(l2.g_f64, 0.1)
  t.eq(l2.g_bool, true)
  t.eq(l2.g_str, "global string")
  t.eq(l2.g_str_null, nil)
end)

t.test("one wrapper, many calls", function()
  local add = lib:wrap("i64", "isum10", "i64", "i64", "i64", "i64", "i64", "i64", "i64", "i64", "i64", "i64")
  local total = 0
  for i = 1, 2000 do
    total = total + add(i, 0, 0, 0, 0, 0, 0, 0, 0, 1)
  end
  t.eq(total, 2000 * 2001 // 2 + 2000 * 10)
end)

t.test("Lua strings pass to const void * (read-only), not to void *", function()
  ffi.cdef "int memcmp(const void *a, const void *b, size_t n); void *memset(void *p, int c, size_t n);"
  t.truthy(ffi.C.memcmp("abc", "abd", 3) < 0)
  t.eq(ffi.C.memcmp("same", "same", 4), 0)
  t.errors(function() ffi.C.memset("abc", 0, 3) end, "got string")
end)

t.test("variadic calls with 1-2 fixed and up to 3 extra arguments (compiler-made path)", function()
  local libc = ffi.open("libc.so.6")
  libc:cdef [[
    int sprintf(char *buf, const char *fmt, ...);
    int abs(int);
  ]]
  local buf = ffi.alloc(128)
  -- expected strings from string.format, which uses the same C library's formatting
  local n = libc.sprintf(buf, "%s|%lld|%.3f", "ab", -(1 << 40), 1.5)
  local want = string.format("%s|%d|%.3f", "ab", -(1 << 40), 1.5)
  t.eq(ffi.string(buf), want)
  t.eq(n, #want)
  want = string.format("%.1f %.1f %.1f", 0.5, -2.25, 1e3)
  t.eq(libc.sprintf(buf, "%.1f %.1f %.1f", 0.5, -2.25, 1e3), #want)
  t.eq(ffi.string(buf), want)
  t.eq(libc.sprintf(buf, "%p", nil), #"(nil)")
  t.eq(ffi.string(buf), "(nil)")
  t.eq(libc.sprintf(buf, "[%s]", ffi.nullptr == nil and "" or "x"), 3)
  -- up to six integer extras stay on the compiler-made path; seven, or a double
  -- among four, take the general path: the same results
  libc.sprintf(buf, "%lld %lld %lld %lld", 1, 2, 3, 4)
  t.eq(ffi.string(buf), "1 2 3 4")
  libc.sprintf(buf, "%lld %lld %lld %lld %lld %s", 1, 2, 3, 4, -5, "six")
  t.eq(ffi.string(buf), "1 2 3 4 -5 six")
  libc.sprintf(buf, "%lld %lld %lld %lld %lld %lld %lld", 1, 2, 3, 4, 5, 6, 7)
  t.eq(ffi.string(buf), "1 2 3 4 5 6 7")
  libc.sprintf(buf, "%lld %lld %lld %.1f", 1, 2, 3, 4.5)
  t.eq(ffi.string(buf), "1 2 3 4.5")
  -- an extra argument that is a boolean or an object takes the general path too
  libc.sprintf(buf, "%d", true)
  t.eq(ffi.string(buf), "1")
end)

t.test("va_list: the ABI's record inside a struct, a pointer-sized handle as a parameter", function()
  ffi.cdef [[
    typedef __builtin_va_list va_list;
    struct withva { int n; va_list ap; };
    int vsnprintf(char *s, size_t n, const char *fmt, va_list ap);
  ]]
  -- sizeof(struct withva) / sizeof(va_list) from gcc and the Debian cross gccs (issue 9, item 5)
  local expected = { x64 = { 32, 24 }, arm64 = { 40, 32 }, s390x = { 40, 32 }, arm = { 8, 4 }, x86 = { 8, 4 },
    ppc64 = { 16, 8 } }
  local e = expected[ffi.arch]
  if e then
    t.eq(ffi.sizeof("struct withva"), e[1], "sizeof(struct withva)")
    t.eq(ffi.sizeof("va_list"), e[2], "sizeof(va_list)")
  end
  t.eq(ffi.offsetof("struct withva", "ap"), ffi.sizeof("void *"))
  t.eq(ffi.alignof("struct withva"), ffi.sizeof("void *"))
  -- a handle C made goes through a Lua callback back to C
  lib:cdef [[
    int va_sum(int n, va_list ap);
    int va_with(int (*cb)(int n, va_list ap), int n, ...);
  ]]
  local seen
  local r = lib.va_with(function(n, ap)
    seen = type(ap)
    return lib.va_sum(n, ap)
  end, 3, ffi.new("int", 10), ffi.new("int", 20), ffi.new("int", 12)) -- va_arg(ap, int): boxed
  t.eq(r, 42)
  t.eq(seen, "userdata", "the callback's va_list is a pointer handle")
end)

t.test("_Float32 / _Float64 / _Float32x declarations of glibc call (issue 9, item 11)", function()
  ffi.cdef [[
    _Float32 strtof32(const char *s, char **end);
    _Float64 strtof64(const char *s, char **end);
    _Float32x strtof32x(const char *s, char **end);
  ]]
  t.eq(ffi.C.strtof32("0.1", nil), 0.100000001490116119384765625, "0.1 rounded to binary32")
  t.eq(ffi.C.strtof64("0.1", nil), 0.1)
  t.eq(ffi.C.strtof32x("2.5", nil), 2.5)
end)

t.test("array parameters sized by another parameter are pointers: glibc's regexec (issue 9, item 12)", function()
  ffi.cdef [[
    typedef int regoff_t;
    typedef struct { regoff_t rm_so; regoff_t rm_eo; } regmatch_t;
    int regcomp(void *__restrict preg, const char *__restrict pattern, int cflags);
    int regexec(const void *__restrict preg, const char *__restrict string, size_t nmatch,
                regmatch_t pmatch[__restrict nmatch], int eflags);
    void regfree(void *preg);
  ]]
  local re = ffi.alloc(256) -- room for any target's regex_t
  t.eq(ffi.C.regcomp(re, "b+", 1), 0) -- REG_EXTENDED
  local m = ffi.new("regmatch_t[2]")
  t.eq(ffi.C.regexec(re, "aabbbc", 2, m, 0), 0)
  t.eq(m[0].rm_so, 2)
  t.eq(m[0].rm_eo, 5)
  ffi.C.regfree(re)
end)


t.test("extern arrays of unknown size are pointers to their first element (issue 9, item 8)", function()
  local clib = ffi.open(t.fixture("calls"))
  clib:cdef [[
    extern const char fx_msg[];
    extern int fx_primes[];
  ]]
  t.eq(ffi.string(clib.fx_msg), "hello from C")
  t.eq(clib.fx_msg[1], ("e"):byte())
  t.eq(clib.fx_primes[0], 2)
  t.eq(clib.fx_primes[4], 11, "unchecked indexing, as in C")
  clib.fx_primes[2] = 50
  t.eq(clib.fx_primes[2], 50, "writes reach the library's memory")
  clib.fx_primes[2] = 5
  t.eq(ffi.string(clib:value("char[]", "fx_msg")), "hello from C")
end)

t.done()
