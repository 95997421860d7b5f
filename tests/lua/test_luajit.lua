-- test_luajit.lua -- LuaJIT's ffi API on this runtime. Expected values come
-- from LuaJIT's "FFI Library" pages (ext_ffi_api, ext_ffi_semantics,
-- ext_ffi_tutorial), not from our own output (fixtures: libcalls, libcb, libseed).
local t = require "harness"
local ffi = require "ffi"

ffi.cdef [[
size_t strlen(const char *s);
int abs(int x);
void *malloc(size_t n);
void free(void *p);
]]

-- -- ffi.load / ffi.C --

t.test("ffi.C binds the process's symbols (libc)", function()
  t.eq(ffi.C.strlen("hello"), 5)
  t.eq(ffi.C.abs(-7), 7)
end)

t.test("ffi.load(path) is a library namespace like ffi.open", function()
  local lib = ffi.load(t.fixture("calls"))
  lib:cdef "int32_t id_i32(int32_t x);"
  t.eq(lib.id_i32(-5), -5)
end)

t.test("ffi.load(name, true) puts the library's symbols in ffi.C's namespace", function()
  ffi.cdef "int add(int a, int b);"
  t.errors(function()
    return ffi.C.add
  end, "could not find 'add'", "before a global load")
  local lib = ffi.load(t.fixture("seed"), true)
  t.eq(ffi.C.add(38, 4), 42, "ffi.C sees it after ffi.load(name, true)")
  t.eq(lib.add(1, 2), 3)
end)

t.test("ffi.load of a missing library raises like ffi.open", function()
  t.errors(function()
    ffi.load("/nonexistent/libnothing.so")
  end, "failed to load library '/nonexistent/libnothing.so'")
end)

-- -- ffi.metatype --

ffi.cdef [[ typedef struct { double x, y; } point_t; ]]
local point
local mt = {
  __add = function(a, b)
    return point(a.x + b.x, a.y + b.y)
  end,
  __len = function(a)
    return math.sqrt(a.x * a.x + a.y * a.y)
  end,
  __index = {
    area = function(a)
      return a.x * a.x + a.y * a.y
    end,
  },
}
point = ffi.metatype("point_t", mt)

t.test("metatype: the tutorial's point_t (constructor, __add, __len, __index table)", function()
  local a = point(3, 4)
  t.eq(a.x, 3)
  t.eq(a.y, 4)
  t.eq(#a, 5)
  t.eq(a:area(), 25)
  local b = a + point(0.5, 8)
  t.eq(#b, 12.5)
end)

t.test("metatype applies to pointers to the type, fields and ffi.new objects", function()
  local a = ffi.new("point_t", 3, 4)
  t.eq(a:area(), 25, "ffi.new instance")
  local p = ffi.cast("point_t *", a)
  t.eq(p:area(), 25, "pointer to the type")
  t.eq(p.x, 3, "a field through the pointer")
  local box = ffi.new("struct { int tag; point_t pt; }", 1, { 6, 8 })
  t.eq(box.pt:area(), 100, "a value read from a field")
  t.eq(#box.pt, 10)
  local arr = ffi.new("point_t[2]", { { 1, 0 }, { 0, 2 } })
  t.eq(arr[1]:area(), 4, "an array element")
end)

t.test("metatype applies to values returned by calls", function()
  local lib = ffi.open(t.fixture("calls"))
  ffi.cdef "struct Point { int x; int y; };"
  local P = ffi.metatype("struct Point", {
    __index = {
      sum = function(s)
        return s.x + s.y
      end,
    },
  })
  lib:cdef "struct Point *point_identity(struct Point *p);"
  local v = P(20, 22)
  local r = lib.point_identity(v)
  t.eq(r:sum(), 42)
end)

t.test("metatype: declared fields win over __index; __index function gets (obj, key)", function()
  local seen
  local T = ffi.metatype("struct mt_fn { int a; }", {
    __index = function(o, k)
      seen = k
      return k .. "!"
    end,
  })
  local o = T(7)
  t.eq(o.a, 7, "a field is never looked up in __index")
  t.eq(o.zzz, "zzz!")
  t.eq(seen, "zzz")
end)

t.test("metatype: __newindex for names that are not fields", function()
  local store = {}
  local T = ffi.metatype("struct mt_ni { int a; }", {
    __newindex = function(o, k, v)
      store[k] = v
    end,
  })
  local o = T()
  o.a = 5
  o.extra = "x"
  t.eq(o.a, 5)
  t.eq(store.extra, "x")
  t.eq(store.a, nil, "fields are stored in C memory")
  local U = ffi.metatype("struct mt_ni2 { int a; }", { __newindex = store })
  local u = U()
  u.other = 3
  t.eq(store.other, 3, "a __newindex table")
end)

t.test("metatype: __call, __tostring, __concat, __unm and arithmetic", function()
  local V
  V = ffi.metatype("struct mt_v { int v; }", {
    __call = function(o, a, b)
      return o.v + a + b
    end,
    __tostring = function(o)
      return "V(" .. o.v .. ")"
    end,
    __concat = function(a, b)
      return tostring(a) .. tostring(b)
    end,
    __unm = function(o)
      return V(-o.v)
    end,
    __sub = function(a, b)
      return V(a.v - b.v)
    end,
    __mul = function(a, b)
      return V(a.v * (type(b) == "number" and b or b.v))
    end,
    __div = function(a, b)
      return "div"
    end,
    __mod = function(a, b)
      return "mod"
    end,
    __pow = function(a, b)
      return "pow"
    end,
    __idiv = function(a, b)
      return "idiv"
    end,
    __band = function(a, b)
      return "band"
    end,
    __shl = function(a, b)
      return "shl"
    end,
    __bnot = function(a)
      return "bnot"
    end,
  })
  local a, b = V(10), V(3)
  t.eq(a(1, 2), 13)
  t.eq(tostring(a), "V(10)")
  t.eq(a .. b, "V(10)V(3)")
  t.eq(a .. "!", "V(10)!")
  t.eq((-a).v, -10)
  t.eq((a - b).v, 7)
  t.eq((a * 2).v, 20, "number on the right")
  t.eq((a * b).v, 30)
  t.eq(a / b, "div")
  t.eq(a % b, "mod")
  t.eq(a ^ b, "pow")
  t.eq(a // b, "idiv")
  t.eq(a & b, "band")
  t.eq(a << 1, "shl")
  t.eq(~a, "bnot")
end)

t.test("metatype: the right operand's metamethod when the left has none", function()
  local R = ffi.metatype("struct mt_r { int v; }", {
    __add = function(x, y)
      return (type(x) == "number" and x or x.v) + (type(y) == "number" and y or y.v)
    end,
  })
  t.eq(5 + R(2), 7)
  t.eq(R(2) + 5, 7)
end)

t.test("metatype: __eq, __lt, __le", function()
  local C = ffi.metatype("struct mt_c { int v; }", {
    __eq = function(a, b)
      return a.v == b.v
    end,
    __lt = function(a, b)
      return a.v < b.v
    end,
    __le = function(a, b)
      return a.v <= b.v
    end,
  })
  t.truthy(C(1) == C(1))
  t.truthy(C(1) ~= C(2))
  t.truthy(C(1) < C(2))
  t.truthy(not (C(2) < C(1)))
  t.truthy(C(2) <= C(2))
  t.truthy(C(3) > C(2))
end)

t.test("metatype: __gc runs for collected instances (an implicit ffi.gc)", function()
  local collected = 0
  local G = ffi.metatype("struct mt_g { int v; }", {
    __gc = function(o)
      collected = collected + o.v
    end,
  })
  do
    local _ = G(5)
    local _ = G(7)
  end
  collectgarbage()
  collectgarbage()
  t.eq(collected, 12)
end)

t.test("metatype: __close for to-be-closed variables (Lua 5.4)", function()
  local closed
  local H = ffi.metatype("struct mt_h { int v; }", {
    __close = function(o, err)
      closed = o.v
    end,
  })
  do
    local h <close> = H(9)
    t.eq(closed, nil)
  end
  t.eq(closed, 9)
  t.errors(function()
    local x <close> = ffi.new("int[1]")
  end, "has no __close metamethod")
end)

t.test("metatype: __index on the type object and __new", function()
  local made
  local K = ffi.metatype("struct mt_k { int v; }", {
    __index = {
      answer = 42,
    },
    __new = function(ct, v)
      made = v
      return ffi.new(ct, v * 2)
    end,
  })
  t.eq(K.answer, 42, "type object reads __index")
  local k = K(4)
  t.eq(made, 4)
  t.eq(k.v, 8)
  t.eq(ffi.new(K, 4).v, 4, "ffi.new bypasses __new")
end)

t.test("metatype: permanent, and only for struct/union types", function()
  ffi.cdef "struct mt_once { int v; };"
  ffi.metatype("struct mt_once", {})
  t.errors(function()
    ffi.metatype("struct mt_once", {})
  end, "cannot change a protected metatable")
  t.errors(function()
    ffi.metatype("int", {})
  end, "not a struct or union")
end)

t.test("metatype: a union type", function()
  local U = ffi.metatype("union mt_u { int i; float f; }", {
    __index = {
      bits = function(u)
        return u.i
      end,
    },
  })
  local u = U(5)
  t.eq(u:bits(), 5)
end)

-- -- typeof, istype, abi, tonumber --

t.test("a ctype object is a constructor: T(...) is ffi.new(T, ...)", function()
  local T = ffi.typeof("int[3]")
  local a = T(1, 2, 3)
  t.eq(a[2], 3)
  local V = ffi.typeof("int[?]")
  t.eq(#V(5), 5)
end)

t.test("ffi.istype follows LuaJIT's rules", function()
  ffi.cdef "struct ist { int a; }; struct ist2 { int a; };"
  local s = ffi.new("struct ist")
  t.eq(ffi.istype("struct ist", s), true)
  t.eq(ffi.istype("struct ist2", s), false)
  t.eq(ffi.istype("struct ist", ffi.cast("struct ist *", s)), true, "a pointer to the struct counts")
  t.eq(ffi.istype("int", ffi.new("int", 1)), true)
  t.eq(ffi.istype("int", 1), false, "a Lua number is not cdata")
  t.eq(ffi.istype("int", "x"), false)
  t.eq(ffi.istype("int *", ffi.new("int[2]")), false, "types must match exactly")
  t.eq(ffi.istype("const int *", ffi.cast("int *", s)), true, "qualifiers are ignored")
  t.eq(ffi.istype(ffi.typeof("int"), ffi.new("int")), true)
end)

t.test("ffi.abi answers per target", function()
  local ptr = ffi.sizeof("void *")
  local le = string.byte(string.pack("=i4", 1)) == 1
  t.eq(ffi.abi("64bit"), ptr == 8)
  t.eq(ffi.abi("32bit"), ptr == 4)
  t.eq(ffi.abi("le"), le)
  t.eq(ffi.abi("be"), not le)
  t.eq(ffi.abi("win"), false)
  t.eq(ffi.abi("uwp"), false)
  t.eq(ffi.abi("hardfp"), not ffi.abi("softfp"))
  t.eq(ffi.abi("eabi"), ffi.arch == "arm")
  t.eq(ffi.abi("nonsense"), false)
end)

t.test("ffi.tonumber: boxed numbers become Lua numbers", function()
  t.int(ffi.tonumber(ffi.new("int64_t", 2 ^ 40)), 1 << 40)
  t.eq(ffi.tonumber(ffi.new("double", 1.5)), 1.5)
  t.eq(ffi.tonumber(ffi.new("uint8_t", 300)), 44)
  t.eq(ffi.tonumber(5), 5)
  t.eq(ffi.tonumber("0x10"), 16)
  t.eq(ffi.tonumber(ffi.new("int[2]")), nil)
  t.eq(ffi.tonumber({}), nil)
end)

-- -- ffi.new initializers --

local function elems(a, n)
  local r = {}
  for i = 0, n - 1 do
    r[#r + 1] = tostring(a[i])
  end
  return table.concat(r, ",")
end

t.test("a table initializer is zero-based when [0] is present, else one-based", function()
  t.eq(elems(ffi.new("int[3]", { [0] = 7, 8 }), 3), "7,8,0")
  t.eq(elems(ffi.new("int[3]", { 7, 8 }), 3), "7,8,0")
  t.eq(elems(ffi.new("int[4]", { 1, 2, nil, 4 }), 4), "1,2,0,0", "stops at the first nil")
end)

t.test("one initialized element is repeated; a single scalar fills the array", function()
  t.eq(elems(ffi.new("int[3]", { 5 }), 3), "5,5,5")
  t.eq(elems(ffi.new("int[3]", 5), 3), "5,5,5")
  t.eq(elems(ffi.new("int[3]", 1, 2), 3), "1,2,0", "two or more: the rest is zero")
  t.eq(elems(ffi.new("int[?]", 4, 9), 4), "9,9,9,9")
  t.eq(elems(ffi.new("int[?]", 4, 1, 2), 4), "1,2,0,0")
end)

t.test("several initializers fill struct fields in order", function()
  local s = ffi.new("struct { int a, b; }", 1, 2)
  t.eq(s.a + s.b * 10, 21)
  s = ffi.new("struct { int a, b; }", 1)
  t.eq(s.b, 0, "missing ones are zero")
  s = ffi.new("struct { int a, b; }", { 3, 4 })
  t.eq(s.a * 10 + s.b, 34, "positional table")
  s = ffi.new("struct { int a, b; }", { [0] = 5, 6 })
  t.eq(s.a * 10 + s.b, 56, "zero-based positional table")
  s = ffi.new("struct { int a, b; }", { b = 9 })
  t.eq(s.a * 10 + s.b, 9, "by name")
  s = ffi.new("struct { int a[2]; int b; }", { 1, 2 }, 3)
  t.eq(s.a[0] + s.a[1] * 10 + s.b * 100, 321, "an aggregate member takes one initializer")
  s = ffi.new("struct { int a; struct { int b, c; }; }", 1, 2, 3)
  t.eq(s.a + s.b * 10 + s.c * 100, 321, "anonymous members are flattened")
end)

t.test("only the first union member takes a flat initializer", function()
  local u = ffi.new("union { int i; float f; }", 5)
  t.eq(u.i, 5)
  t.errors(function()
    ffi.new("union { int i; float f; }", 5, 1.5)
  end, "too many initializers")
end)

t.test("excess or mismatched initializers raise (never dropped)", function()
  t.errors(function()
    ffi.new("int[3]", 1, 2, 3, 4)
  end, "too many initializers")
  t.errors(function()
    ffi.new("struct { int a, b; }", 1, 2, 3)
  end, "too many initializers")
  t.errors(function()
    ffi.new("struct { int a, b; }", { a = 1 }, 2)
  end, "number expected, got table")
  t.errors(function()
    ffi.new("int[2]", { 1, 2, 3 })
  end, "too many initializers")
  t.errors(function()
    ffi.new("struct { int a, b; }", { 1, 2, 3 })
  end, "too many initializers")
  t.errors(function()
    ffi.new("int", 1, 2)
  end, "too many initializers")
end)

t.test("VLA and VLS sized by nelem", function()
  local a = ffi.new("uint8_t[?]", 10)
  t.eq(ffi.sizeof(a), 10)
  local s = ffi.new("struct { int n; double d[?]; }", 3)
  s.n = 3
  s.d[2] = 1.5
  t.eq(s.d[2], 1.5)
  t.eq(ffi.sizeof(s), (ffi.arch == "x86" and 4 or 8) + 3 * 8) -- d 4-aligned in i386 records
  t.errors(function()
    return s.d[3]
  end, "out of range")
  local v = ffi.new("struct { int n; double d[?]; }", 3, 3, { 1.5, 2.5, 3.5 })
  t.eq(v.n * 100 + v.d[0] + v.d[2], 305, "flat initializers, the VLA from a table")
end)

t.test("a byte array takes a Lua string", function()
  local c = ffi.new("char[6]", "hello")
  t.eq(ffi.string(c), "hello")
end)

-- -- ffi.string --

t.test("ffi.string of a Lua string returns it (const char * results are strings)", function()
  t.eq(ffi.string("abc"), "abc")
  t.eq(ffi.string("abcdef", 3), "abc")
  t.errors(function()
    ffi.string("abc", 4)
  end, "out of range")
end)

-- -- Callbacks in LuaJIT's form --

t.test("ffi.cast of a Lua function: callable from C and from Lua, set, free", function()
  local cblib = ffi.open(t.fixture("cb"))
  cblib:cdef "int call_int_int(int (*f)(int), int x);"
  local cb = ffi.cast("int (*)(int)", function(x)
    return x * 2
  end)
  t.eq(cb(3), 6, "from Lua")
  t.eq(cblib.call_int_int(cb, 4), 8, "from C")
  cb:set(function(x)
    return x * 3
  end)
  t.eq(cb(3), 9, "after set, from Lua")
  t.eq(cblib.call_int_int(cb, 4), 12, "after set, from C")
  cb:free()
  t.errors(function()
    return cb(1)
  end, "the callback was freed")
  t.errors(function()
    cb:set(print)
  end, "the callback was freed")
end)

-- -- Boxed scalars --

t.test("boxed scalars in arithmetic and comparison give plain Lua numbers", function()
  local i = ffi.new("int", 5)
  t.int(i + 1, 6)
  t.int(1 + i, 6)
  t.int(i * i, 25)
  t.eq(ffi.new("double", 1.5) * 2, 3.0)
  t.int(ffi.new("int64_t", 2 ^ 40) // 2, 1 << 39)
  t.int(-i, -5)
  t.truthy(i < 6)
  t.truthy(6 > i)
  t.truthy(i <= 5)
  t.truthy(ffi.new("int", 5) == ffi.new("int64_t", 5), "two boxes compare by value")
  t.int(ffi.new("uint8_t", 255) & 0x0f, 15)
end)

t.test("tostring of boxed 64-bit integers is LuaJIT's nnnLL / nnnULL", function()
  t.eq(tostring(ffi.new("int64_t", -5)), "-5LL")
  t.eq(tostring(ffi.new("uint64_t", -1)), "18446744073709551615ULL")
  t.truthy(tostring(ffi.new("int", 1)):find("^cdata<int>: "))
end)

t.test("boxed scalars are accepted wherever the scalar is expected", function()
  t.eq(ffi.C.abs(ffi.new("int", -4)), 4, "an argument")
  local s = ffi.new("struct { int a; double d; bool b; }", ffi.new("int", 2), ffi.new("double", 0.5),
    ffi.new("bool", true))
  t.eq(s.a, 2, "an initializer")
  t.eq(s.d, 0.5)
  t.eq(s.b, true)
  s.a = ffi.new("int64_t", 9)
  t.eq(s.a, 9, "a field")
  local a = ffi.new("int[2]")
  a[1] = ffi.new("short", 3)
  t.eq(a[1], 3, "an element")
end)

-- -- C functions as function pointers --

t.test("a C function from ffi.C is usable as a function-pointer value", function()
  local cblib = ffi.open(t.fixture("cb"))
  cblib:cdef "int call_int_int(int (*f)(int), int x);"
  t.eq(cblib.call_int_int(ffi.C.abs, -5), 5)
  local fp = ffi.cast("int (*)(int)", ffi.C.abs)
  t.eq(fp(-6), 6, "cast to a function pointer: the C function itself")
  t.eq(ffi.cast("intptr_t", ffi.C.abs), ffi.cast("intptr_t", fp))
  ffi.cdef 'extern char abs_code[1] __asm__("abs");' -- the symbol's own address, seen as data
  t.eq(ffi.cast("intptr_t", ffi.C.abs), ffi.cast("intptr_t", ffi.addressof(ffi.C.abs_code)),
    "the C function's address, not a callback's")
end)

t.test("ffi.gc(p, ffi.C.free) attaches the C function", function()
  local freed = 0
  do
    local p = ffi.gc(ffi.cast("int *", ffi.C.malloc(16)), ffi.C.free)
    p[0] = 1
    local q = ffi.gc(ffi.cast("int *", ffi.C.malloc(16)), ffi.cast("void (*)(void *)", ffi.C.free))
    q[0] = 2
    freed = p[0] + q[0]
  end
  collectgarbage()
  collectgarbage()
  t.eq(freed, 3)
  local r = ffi.C.malloc(8)
  ffi.C.free(ffi.gc(ffi.cast("char *", r), nil)) -- LuaJIT's manual free idiom
end)

-- -- The parser: LuaJIT's extensions --

t.test("__cdecl, __stdcall, __fastcall, __thiscall are accepted and ignored", function()
  ffi.cdef [[
    int __cdecl labs_cc(int x) __asm__("abs");
    typedef int (__stdcall *cc_cb_t)(int);
    typedef int (__fastcall *cc_cb2_t)(int);
    typedef void (__thiscall *cc_cb3_t)(void *self);
  ]]
  t.eq(ffi.C.labs_cc(-3), 3)
  t.eq(ffi.sizeof("cc_cb_t"), ffi.sizeof("void *"))
  local cb = ffi.cast("cc_cb_t", function(x)
    return x + 1
  end)
  t.eq(cb(1), 2)
  cb:free()
end)

t.test("'$' placeholders: a type, an identifier or a number (ffi.typeof, ffi.cdef)", function()
  local T = ffi.typeof("struct { int $, $; }", "first", "second")
  local o = T(1, 2)
  t.eq(o.first * 10 + o.second, 12)
  local P = ffi.typeof("$ *", T)
  t.eq(ffi.istype(P, ffi.cast(P, o)), true)
  t.eq(ffi.sizeof(ffi.typeof("uint8_t[$][$]", 2, 3)), 6, "dimensions")
  ffi.cdef([[typedef struct { $ $; } param_t;]], ffi.typeof("double"), "val")
  t.eq(ffi.new("param_t", 1.5).val, 1.5)
  t.errors(function()
    ffi.typeof("$ *", T, 1)
  end, "only 1 '$' placeholder")
  t.errors(function()
    ffi.typeof("struct { int $; }", "1x")
  end, "must be an identifier")
  t.errors(function()
    ffi.new("$ *", T)
  end, "'$' placeholders work in ffi.cdef and ffi.typeof only")
end)

t.test("static const members are constants scoped to the struct", function()
  ffi.cdef [[
    struct sc_t { static const int N = 5; static const int M = 5 * 2, K = 1; int x; };
  ]]
  local s = ffi.new("struct sc_t", 7)
  t.eq(ffi.sizeof("struct sc_t"), 4, "they take no space")
  t.eq(s.x, 7, "the first real member takes the first initializer")
  t.eq(s.N, 5)
  t.eq(s.M, 10)
  t.eq(ffi.typeof("struct sc_t").K, 1, "on the type object")
  t.errors(function()
    s.N = 1
  end, "attempt to write to constant 'N'")
  t.errors(function()
    ffi.cdef "struct sc_bad { static int N = 1; };"
  end, "static const")
end)

t.test("a struct whose only member is a flexible array", function()
  ffi.cdef "struct only_flex { int d[]; };"
  t.eq(ffi.sizeof("struct only_flex"), 0)
  local f = ffi.new("struct only_flex", 3)
  f.d[2] = 9
  t.eq(f.d[2], 9)
  t.eq(ffi.sizeof(f), 12)
end)

t.test("octal and hex character constants", function()
  ffi.cdef [[ enum { CH_OCT = '\123', CH_HEX = '\x4F', CH_NUL = '\0', CH_7 = '\7' }; ]]
  t.eq(ffi.C.CH_OCT, 83)
  t.eq(ffi.C.CH_HEX, 79)
  t.eq(ffi.C.CH_NUL, 0)
  t.eq(ffi.C.CH_7, 7)
  t.errors(function()
    ffi.cdef [[ enum { CH_BAD = '\x' }; ]]
  end, "no following hex digits")
end)

t.test("complex numbers: values with re/im, passed by value where the ABI allows", function()
  local c = ffi.new("complex", 1, 2)
  t.eq(c.re, 1)
  t.eq(c.im, 2)
  t.eq(ffi.sizeof("complex"), 16, "C's double _Complex")
  t.eq(ffi.sizeof("float complex"), 8)
  t.eq(ffi.alignof("double _Complex"), ffi.alignof("double"))
  t.eq(tostring(ffi.new("complex", 1.5, -2)), "1.5-2i")
  local f = ffi.new("float complex", 1.5)
  t.eq(f.re + f.im, 1.5, "the imaginary part defaults to 0")
  local d = ffi.new("double _Complex", { 3, 4 })
  t.eq(d.re * 10 + d.im, 34)
  t.errors(function()
    ffi.typeof("int complex")
  end, "unknown type")
  ffi.cdef [[
    double cabs(double complex z);
    double complex csqrt(double complex z);
    float complex conjf(float complex z);
  ]]
  local m = ffi.load("m")
  if ffi.arch == "x64" or ffi.arch == "arm64" then
    t.eq(m.cabs(ffi.new("complex", 3, 4)), 5.0)
    t.eq(m.cabs(5), 5.0, "a real number converts to complex")
    local r = m.csqrt(ffi.new("complex", -4, 0))
    t.eq(r.re, 0.0)
    t.eq(r.im, 2.0)
    local cf = m.conjf(ffi.new("complex float", 2.5, 1))
    t.eq(cf.re * 10 + cf.im, 24.0)
  else
    t.errors(function()
      return m.cabs
    end, "complex numbers by value are supported on x86-64 and AArch64 only")
  end
end)

t.test("docs/luajit.md: the summary counts match its tables", function()
  local doc = t.readfile(t.source("docs/luajit.md"))
  local counted = { same = 0, different = 0, ["not possible"] = 0 }
  local summary = {}
  for line in doc:gmatch("[^\n]+") do
    local what, n = line:match("^| %*%*(.-)%*%* .-| (%d+) |$")
    if what then
      summary[what == "same" and "same" or what] = tonumber(n)
    else
      local cols = {}
      for c in line:gmatch("|([^|]*)") do
        cols[#cols + 1] = c:match("^%s*(.-)%s*$")
      end
      local v = cols[2] and cols[2]:gsub("%*", "")
      if v and counted[v] and not line:match("^| LuaJIT") then
        counted[v] = counted[v] + 1
      end
    end
  end
  t.eq(summary.same, counted.same, "same")
  t.eq(summary.different, counted.different, "different")
  t.eq(summary["not possible"], counted["not possible"], "not possible")
  t.truthy(counted.same + counted.different + counted["not possible"] > 60)
end)

t.done()
