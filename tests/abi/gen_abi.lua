-- gen_abi.lua -- generates the ABI test library, its C oracle and the cases
-- the Lua test runs (tests/abi/test_abi.lua).
--
--   lua5.4 gen_abi.lua <outdir>
--
-- Writes into <outdir>:
--   abi_types.h        records, unions, enums, callback typedefs  (cdef text)
--   abi_funcs.h        prototypes of the library functions         (cdef text)
--   abi_refused.h      shapes the runtime may refuse by value      (cdef text)
--   abi.c              the library: every function folds its inputs into a
--                      checksum (or a record whose fields derive from it)
--   abi_oracle.h       prototypes of the oracle functions          (cdef text)
--   abi_oracle.c       one oracle per case: calls the function in C with the
--                      case's inputs and stores the result through a pointer
--   abi_cases.lua      the cases: the Lua call (same inputs) and how to check it
--
-- Expected values come from the C compiler (the oracle), never from the FFI.
-- The same header text is compiled into abi.c and given to lib:cdef.
-- Output is deterministic (a fixed-seed generator), so reruns are identical.

local outdir = assert(arg[1], "usage: lua5.4 gen_abi.lua <outdir>")

-- -- Deterministic choices --

local state = 0x2545F4914F6CDD1D
local function rand(n) -- 1..n
  state = state * 6364136223846793005 + 1442695040888963407
  return ((state >> 33) % n) + 1
end
local function pick(list) return list[rand(#list)] end

local function hex64(v) return string.format("0x%016xULL", v) end
local function seed64() return (rand(0x7fffffff) << 32) ~ rand(0x7fffffff) end

-- -- Literals --

local function c_string(s)
  return '"' .. s:gsub('[^%w _.,:;!?()%-+*/=<>#@$%%{}%[%]|&^~]', function(ch)
    return string.format("\\%03o", ch:byte())
  end) .. '"'
end

local function lua_string(s)
  return (string.format("%q", s):gsub("\\\n", "\\n"))
end

local function lua_num(v)
  if math.type(v) == "integer" then
    if v == math.mininteger then return "math.mininteger" end
    return string.format("%d", v)
  end
  if v == math.huge then return "math.huge" end
  if v == -math.huge then return "-math.huge" end
  if v == 0 and 1 / v < 0 then return "-0.0" end
  return string.format("%a", v)
end

local function c_double(v)
  if v == math.huge then return "__builtin_inf()" end
  if v == -math.huge then return "(-__builtin_inf())" end
  if v == 0 and 1 / v < 0 then return "(-0.0)" end
  return string.format("%a", v)
end

-- -- Scalar types --
-- kind: int (signed, bits), bool, float (bits), enum, str (const char *), mem (void *)

local T = {}
local scalars = {}

local I64MIN, I64MAX = math.mininteger, math.maxinteger
local FLT_MAX = 0x1.fffffep127
local DBL_MAX = 0x1.fffffffffffffp1023

local pools = {
  s8 = {-128, 127, -1, 0, 42, -77},
  u8 = {0, 255, 128, 7, 200},
  s16 = {-32768, 32767, -2, 1234, -4321},
  u16 = {0, 65535, 32768, 1, 54321},
  s32 = {-2147483648, 2147483647, -123456, 7, 0},
  u32 = {4294967295, 2147483648, 99, 0, 3000000000},
  s64 = {I64MIN, I64MAX, -1, 0x123456789abc, -0x7edcba9876543210},
  u64 = {-1, I64MIN, I64MAX, 12345, 0}, -- -1 is UINT64_MAX, I64MIN is 2^63
  char = {0, 65, 127, 1, 97},         -- portable: char is unsigned on AArch64
  f32 = {-0.5, FLT_MAX, -FLT_MAX, 1.5, 0x1p-126, 0x1p-149, 3.25, -0.0, math.huge, 0.1, 16777217.0, -3.4e38},
  f64 = {-0.5, 1e300, -1e300, DBL_MAX, 0x0.0000000000001p-1022, 0.1, math.pi, -0.0, math.huge, -math.huge,
         9007199254740993.0, 2.5},
  bool = {true, false},
}

local function scalar(c, t)
  t.c = c
  T[c] = t
  scalars[#scalars + 1] = t
  return t
end

local function int(c, bits, signed, pool)
  return scalar(c, {kind = "int", bits = bits, signed = signed, pool = pools[pool]})
end

int("int8_t", 8, true, "s8")
int("uint8_t", 8, false, "u8")
int("int16_t", 16, true, "s16")
int("uint16_t", 16, false, "u16")
int("int32_t", 32, true, "s32")
int("uint32_t", 32, false, "u32")
int("int64_t", 64, true, "s64")
int("uint64_t", 64, false, "u64")
int("char", 8, true, "char")
int("signed char", 8, true, "s8")
int("unsigned char", 8, false, "u8")
int("short", 16, true, "s16")
int("unsigned short", 16, false, "u16")
int("int", 32, true, "s32")
int("unsigned int", 32, false, "u32")
int("long", 64, true, "s64")
int("unsigned long", 64, false, "u64")
int("long long", 64, true, "s64")
int("unsigned long long", 64, false, "u64")
int("size_t", 64, false, "u64")
scalar("bool", {kind = "bool", pool = pools.bool})
scalar("float", {kind = "float", bits = 32, pool = pools.f32})
scalar("double", {kind = "float", bits = 64, pool = pools.f64})

local enums = {
  {name = "Color", items = {{"RED", 1}, {"GREEN", 2}, {"BLUE", 4}}},
  {name = "Sign", items = {{"NEG", -5}, {"ZERO", 0}, {"POS", 7}}},
  {name = "Wide", items = {{"W_LOW", 0}, {"W_MID", 0x7fffffff}, {"W_TOP", 0xffffffff, "0xffffffffu"}}},
}
for _, e in ipairs(enums) do
  scalar("enum " .. e.name, {kind = "enum", enum = e, bits = 32, signed = e.name ~= "Wide"})
end

T["const char *"] = {kind = "str", c = "const char *", pool = {"hello", "", "ABI \206\187", false, "tab\tnl\n"}}
T["void *"] = {kind = "mem", c = "void *", pool = {"ABCDEFGH", "01234567", false}}

-- -- Records --

local records = {}   -- every record, in declaration order
local byname = {}

-- fields: {name, ctype [, dims]} with dims a count or a list; bits = n for bit-fields.
local function record(kind, name, fields, opt)
  opt = opt or {}
  local r = {kind = kind, name = name, c = kind .. " " .. name, fields = {}, main = opt.main,
             attr = opt.attr, pre = opt.pre, post = opt.post, group = opt.group or "core",
             bitfields = false, note = opt.note}
  for _, f in ipairs(fields) do
    local dims = f[3]
    if type(dims) == "number" then dims = {dims} end
    local ft = assert(T[f[2]], f[2])
    r.fields[#r.fields + 1] = {name = f[1], type = ft, dims = dims, bits = f.bits, align = f.align}
    if f.bits then r.bitfields = true end
  end
  if kind == "union" then assert(r.main, name) end
  T[r.c] = r
  records[#records + 1] = r
  byname[name] = r
  return r
end
local function S(name, fields, opt) return record("struct", name, fields, opt) end
local function U(name, fields, opt) return record("union", name, fields, opt) end

-- integers: 1..4 ints, chars, shorts, 64-bit
S("S1i", {{"a", "int32_t"}})
S("S2i", {{"a", "int32_t"}, {"b", "int32_t"}})
S("S3i", {{"a", "int32_t"}, {"b", "int32_t"}, {"c", "int32_t"}})
S("S4i", {{"a", "int32_t"}, {"b", "int32_t"}, {"c", "int32_t"}, {"d", "int32_t"}})
S("S1c", {{"a", "char"}})
S("S2c", {{"a", "signed char"}, {"b", "unsigned char"}})
S("S3c", {{"a", "char", 3}})
S("S5c", {{"a", "unsigned char", 5}})
S("S7c", {{"a", "char", 7}})
S("S9c", {{"a", "char", 9}})
S("S16c", {{"a", "signed char", 16}})
S("S3s", {{"a", "short"}, {"b", "short"}, {"c", "short"}})
S("S1l", {{"a", "int64_t"}})
S("S2l", {{"a", "int64_t"}, {"b", "uint64_t"}})
S("S3l", {{"a", "int64_t"}, {"b", "uint64_t"}, {"c", "long"}})
-- floating: 1..5 floats, 1..4 doubles
S("F1", {{"a", "float"}})
S("F2", {{"a", "float"}, {"b", "float"}})
S("F3", {{"a", "float"}, {"b", "float"}, {"c", "float"}})
S("F4", {{"a", "float"}, {"b", "float"}, {"c", "float"}, {"d", "float"}})
S("F5", {{"v", "float", 5}})
S("D1", {{"a", "double"}})
S("D2", {{"a", "double"}, {"b", "double"}})
S("D3", {{"a", "double"}, {"b", "double"}, {"c", "double"}})
S("D4", {{"v", "double", 4}})
-- mixed integer / floating eightbytes
S("IF", {{"i", "int32_t"}, {"f", "float"}})
S("FI", {{"f", "float"}, {"i", "int32_t"}})
S("HS", {{"a", "short"}, {"b", "float"}})
S("DI", {{"d", "double"}, {"i", "int32_t"}})
S("ID", {{"i", "int64_t"}, {"d", "double"}})
S("CD", {{"c", "char"}, {"d", "double"}})
S("DF", {{"d", "double"}, {"f", "float"}})
S("FD", {{"f", "float"}, {"d", "double"}})
S("FFI", {{"a", "float"}, {"b", "float"}, {"c", "int32_t"}})
S("F3I", {{"f", "float", 3}, {"i", "int32_t"}})
S("IFD", {{"a", "int8_t"}, {"f", "float"}, {"d", "double"}})
S("MixF", {{"a", "uint16_t"}, {"b", "float"}, {"c", "uint16_t"}, {"d", "double"}})
-- padding
S("Pad1", {{"c", "char"}, {"l", "int64_t"}})
S("Pad2", {{"c", "char"}, {"d", "double"}, {"e", "char"}})
S("Pad3", {{"s", "int16_t"}, {"c", "char"}, {"i", "int32_t"}})
S("Pad4", {{"a", "uint8_t"}, {"b", "uint64_t"}, {"c", "uint8_t"}, {"d", "uint32_t"}})
-- nesting and arrays
S("Nest", {{"p", "struct S2i"}, {"q", "struct F2"}})
S("Nest2", {{"tag", "char"}, {"pos", "struct F2"}})
S("Nest3", {{"a", "struct D1"}, {"b", "struct S1i"}})
S("Deep", {{"n", "struct Nest"}, {"k", "int8_t"}})
S("AoS", {{"p", "struct S2i", 2}})
S("Arr", {{"n", "int32_t"}, {"v", "float", 3}})
S("Mat", {{"m", "double", {2, 2}}})
S("ArrC", {{"name", "char", 12}, {"id", "int32_t"}})
-- the record stubs' shapes reached through nesting, arrays and enums
S("NestD3", {{"p", "struct D2"}, {"c", "double"}})
S("ArrF2", {{"v", "float", 2}})
S("EnumPair", {{"c", "enum Color"}, {"s", "enum Sign"}})
-- large (> 16 bytes: memory)
S("L24", {{"a", "int32_t"}, {"b", "double"}, {"c", "int64_t"}})
S("L40", {{"a", "int64_t"}, {"b", "double"}, {"c", "int32_t", 4}, {"d", "char", 8}})
S("L64", {{"v", "double", 8}})
-- every other scalar kind as a field
S("MixU", {{"a", "uint8_t"}, {"b", "uint16_t"}, {"c", "uint32_t"}, {"d", "uint64_t"}})
S("MixB", {{"b", "bool"}, {"c", "int8_t"}})
S("MixE", {{"c", "enum Color"}, {"f", "float"}})
S("MixE2", {{"s", "enum Sign"}, {"c", "enum Color"}, {"x", "int16_t"}})
S("StrPair", {{"s", "const char *"}, {"n", "int32_t"}})
S("SZ", {{"n", "size_t"}, {"l", "long"}})
S("ULL", {{"a", "unsigned long long"}, {"b", "long long"}, {"c", "unsigned int"}})
-- unions (main: the largest member, the one set and compared)
U("UF", {{"f", "float"}, {"u", "uint32_t"}}, {main = "f"})
U("U8", {{"i", "int64_t"}, {"d", "double"}}, {main = "d"})
U("UC3", {{"c", "char", 3}, {"s", "uint16_t"}}, {main = "c"})
U("U12", {{"a", "int32_t", 3}, {"f", "float"}}, {main = "a"})
U("UD2", {{"d", "double", 2}, {"i", "int64_t"}}, {main = "d"})
U("U24", {{"d", "double", 3}, {"i", "int32_t"}}, {main = "d"})
U("US", {{"p", "struct F2"}, {"i", "int64_t"}}, {main = "p"})
U("UMix", {{"f", "float", 3}, {"l", "int64_t"}}, {main = "f"})
U("UDD", {{"d", "double"}, {"f", "float"}}, {main = "d"})
U("UFF", {{"p", "struct F2"}, {"f", "float", 2}}, {main = "p"})
S("SU", {{"tag", "int32_t"}, {"v", "union UF"}})
-- bit-fields (the runtime classifies them)
S("BF", {{"a", "unsigned int", bits = 3}, {"b", "unsigned int", bits = 5}, {"c", "int", bits = 7}})
S("BF3", {{"a", "uint32_t", bits = 20}, {"b", "uint32_t", bits = 20}, {"f", "float"}})
S("BF64", {{"x", "uint64_t", bits = 40}, {"y", "int64_t", bits = 20}, {"d", "double"}})
-- packed and larger than 16 bytes: in memory under the C ABI, must work
S("PK19", {{"c", "char"}, {"a", "int64_t"}, {"b", "int64_t"}, {"s", "int16_t"}},
  {attr = "__attribute__((packed))"})
-- shapes the design lets the runtime refuse by value (clear error) -- or get right
S("PK5", {{"c", "char"}, {"i", "int32_t"}}, {attr = "__attribute__((packed))", group = "refused"})
S("PK11", {{"a", "int8_t"}, {"d", "double"}, {"s", "int16_t"}}, {attr = "__attribute__((packed))", group = "refused"})
S("PP2", {{"c", "char"}, {"i", "int32_t"}},
  {pre = "#pragma pack(push, 2)", post = "#pragma pack(pop)", group = "refused"})
S("AL16", {{"a", "int32_t"}}, {attr = "__attribute__((aligned(16)))", group = "refused"})
S("AL32", {{"d", "double", align = 32}}, {group = "refused"})
-- #pragma pack with bit-fields (issue 9): under pack(N) below the field type's
-- size a bit-field may straddle its storage unit; the runtime classifies these
-- records itself, or refuses them by value with a clear error
local function pack(n) return {pre = "#pragma pack(push, " .. n .. ")", post = "#pragma pack(pop)", group = "refused"} end
S("PB1", {{"a", "char"}, {"f", "unsigned int", bits = 24}, {"c", "char"}, {"g", "int", bits = 13}}, pack(1))
S("PB2", {{"a", "short"}, {"f", "unsigned int", bits = 24}, {"c", "char"}, {"g", "short", bits = 9}}, pack(2))
S("PB4", {{"a", "short"}, {"f", "unsigned int", bits = 24}, {"c", "char"}}, pack(4))
S("PB4L", {{"c", "char"}, {"x", "unsigned long long", bits = 33}, {"d", "int", bits = 31}, {"f", "float"}}, pack(4))
S("PB8", {{"c", "char"}, {"x", "uint64_t", bits = 40}, {"y", "int64_t", bits = 30}, {"s", "short"}}, pack(8))
-- aligned typedefs of records (typedef struct X __attribute__((aligned(N))) Y):
-- their alignment is above their members', so the runtime may refuse them by
-- value (over-aligned) with a clear error; when it accepts them, the values
-- must be right. Their size and alignment are checked against the compiler.
local function aligned_typedef(name, base, n)
  local b = byname[base]
  local r = {kind = b.kind, name = name, c = name, fields = b.fields, main = b.main, group = "refused",
             bitfields = b.bitfields, typedef_of = b, align_attr = n}
  T[name] = r
  records[#records + 1] = r
  byname[name] = r
  return r
end
aligned_typedef("S2i_a8", "S2i", 8)
aligned_typedef("F2_a8", "F2", 8)
aligned_typedef("S4i_a16", "S4i", 16)
aligned_typedef("D2_a16", "D2", 16)
aligned_typedef("S3i_a16", "S3i", 16)
aligned_typedef("Pad3_a8", "Pad3", 8)

-- -- Leaves: the scalar parts of a record, each with its access path --

local function leaves(r, path, out)
  out = out or {}
  path = path or {}
  for _, f in ipairs(r.fields) do
    if r.kind ~= "union" or f.name == r.main then
      local function walk(p, di)
        if f.dims and di <= #f.dims then
          for i = 0, f.dims[di] - 1 do
            local q = table.move(p, 1, #p, 1, {})
            q[#q + 1] = i
            walk(q, di + 1)
          end
        elseif f.type.kind == "struct" or f.type.kind == "union" then
          leaves(f.type, p, out)
        else
          out[#out + 1] = {path = p, type = f.type, bits = f.bits}
        end
      end
      local p = table.move(path, 1, #path, 1, {})
      p[#p + 1] = f.name
      walk(p, 1)
    end
  end
  return out
end
for _, r in ipairs(records) do r.leaves = leaves(r) end

local function pathexpr(base, path) -- same syntax in C and Lua
  local s = base
  for _, k in ipairs(path) do
    s = s .. (type(k) == "number" and ("[" .. k .. "]") or ("." .. k))
  end
  return s
end

local function isrecord(t) return t.kind == "struct" or t.kind == "union" end

-- -- Values --
-- A value of a scalar type is a Lua value (false = NULL for str/mem); of a
-- record, a list of leaf values in leaf order.

local function bitfield_value(lf)
  local v = rand(1 << lf.bits) - 1
  if lf.type.signed then v = v - (1 << (lf.bits - 1)) end
  return v
end

local function value(t)
  if isrecord(t) then
    local vals = {}
    for i, lf in ipairs(t.leaves) do
      vals[i] = lf.bits and bitfield_value(lf) or value(lf.type)
    end
    return vals
  elseif t.kind == "enum" then
    return t.enum.items[rand(#t.enum.items)]
  end
  return pick(t.pool)
end

local function c_scalar(t, v)
  if t.kind == "int" then
    local lit
    if t.signed then
      lit = v == I64MIN and "(-0x7fffffffffffffffLL - 1)" or string.format("%dLL", v)
    else
      lit = string.format("0x%xULL", v)
    end
    return "(" .. t.c .. ")" .. lit
  elseif t.kind == "bool" then
    return v and "true" or "false"
  elseif t.kind == "float" then
    return c_double(v) -- a double constant, converted to float as the runtime does
  elseif t.kind == "enum" then
    return v[1]
  elseif t.kind == "str" then
    return v and c_string(v) or "(const char *)0"
  elseif t.kind == "mem" then
    return v and ("(void *)" .. c_string(v)) or "(void *)0"
  end
  error("c_scalar " .. t.c)
end

-- Lua expression for a scalar value. Enums alternate between number and name.
local enum_as_name = false
local function lua_scalar(t, v)
  if t.kind == "int" or t.kind == "float" then
    return lua_num(v)
  elseif t.kind == "bool" then
    return tostring(v)
  elseif t.kind == "enum" then
    enum_as_name = not enum_as_name
    return enum_as_name and lua_string(v[1]) or lua_num(v[2])
  elseif t.kind == "str" then
    return v and lua_string(v) or "nil"
  elseif t.kind == "mem" then
    return v and ("buf(" .. lua_string(v) .. ")") or "nil"
  end
  error("lua_scalar " .. t.c)
end

-- C statements building record value vals in variable var.
local function c_build(r, var, vals)
  local s = {string.format("%s %s; memset(&%s, 0, sizeof %s);", r.c, var, var, var)}
  for i, lf in ipairs(r.leaves) do
    s[#s + 1] = string.format(" %s = %s;", pathexpr(var, lf.path), c_scalar(lf.type, vals[i]))
  end
  return table.concat(s)
end

-- Lua table constructor for record values (nested tables, arrays 1-based).
local function lua_table(r, vals)
  local root = {keys = {}, sub = {}}
  for i, lf in ipairs(r.leaves) do
    local node = root
    for j, k in ipairs(lf.path) do
      if j == #lf.path then
        node.keys[#node.keys + 1] = k
        node.sub[k] = lua_scalar(lf.type, vals[i])
      else
        if not node.sub[k] then
          node.keys[#node.keys + 1] = k
          node.sub[k] = {keys = {}, sub = {}}
        end
        node = node.sub[k]
      end
    end
  end
  local function emit(node)
    if type(node) == "string" then return node end
    local parts = {}
    for _, k in ipairs(node.keys) do
      if type(k) == "number" then
        parts[#parts + 1] = emit(node.sub[k])
      else
        parts[#parts + 1] = k .. " = " .. emit(node.sub[k])
      end
    end
    return "{" .. table.concat(parts, ", ") .. "}"
  end
  return emit(root)
end

-- Lua expression building record values: a table, ffi.new(T, table), or an
-- instance filled field by field (the only form for bit-field records).
local record_style = 0
local function lua_record(r, vals, need_instance)
  record_style = record_style + 1
  local style = record_style % 3
  if r.bitfields or (need_instance and style == 0) then style = 2 end
  if style == 2 then
    local s = {"(function() local v = ffi.new(" .. lua_string(r.c) .. ")"}
    for i, lf in ipairs(r.leaves) do
      s[#s + 1] = string.format(" %s = %s", pathexpr("v", lf.path), lua_scalar(lf.type, vals[i]))
    end
    s[#s + 1] = " return v end)()"
    return table.concat(s, ";")
  elseif style == 1 then
    return "ffi.new(" .. lua_string(r.c) .. ", " .. lua_table(r, vals) .. ")"
  end
  return lua_table(r, vals)
end

-- -- C code pieces --

local function decl(t, name) -- "T name", pointers written "T *name"
  local c = t.c or t
  if c:sub(-1) == "*" then return c .. name end
  return c .. " " .. name
end

local function ptr_to(c) -- the type "pointer to c"
  if c:sub(-1) == "*" then return c .. "*" end
  return c .. " *"
end

-- Statement mixing value expr of type t into h.
local function c_hash(t, expr, bits)
  if isrecord(t) then
    return string.format("h = abi_hash_%s(h, %s);", t.name, expr)
  elseif t.kind == "int" or t.kind == "enum" then
    if t.signed then return string.format("h = abi_mix(h, (uint64_t)(int64_t)%s);", expr) end
    return string.format("h = abi_mix(h, (uint64_t)%s);", expr)
  elseif t.kind == "bool" then
    return string.format("h = abi_mix(h, %s ? 0xb1ULL : 0xb0ULL);", expr)
  elseif t.kind == "float" then
    return string.format("h = abi_mix(h, %s(%s));", t.bits == 32 and "abi_fbits" or "abi_dbits", expr)
  elseif t.kind == "str" then
    return string.format("h = abi_mix_str(h, %s);", expr)
  elseif t.kind == "mem" then
    return string.format("h = abi_mix_mem(h, %s);", expr)
  elseif t.kind == "ptr" then
    return string.format("h = %s ? abi_hash_%s(h, *%s) : abi_mix(h, 0xdeadULL);", expr, t.to.name, expr)
  end
  error("c_hash " .. tostring(t.c))
end

-- Expression folding h into a value of scalar type t.
local function c_fold(t)
  if t.kind == "int" then
    return "(" .. t.c .. ")h"
  elseif t.kind == "bool" then
    return "((h >> 7) & 1) != 0"
  elseif t.kind == "float" then
    if t.bits == 32 then return "(float)((double)(int64_t)h * 0x1p-40)" end
    return "(double)(int64_t)h * 0x1p-12"
  elseif t.kind == "enum" then
    return string.format("abi_enum_%s[h %% %d]", t.enum.name, #t.enum.items)
  elseif t.kind == "str" then
    return "abi_strs[h % 8]"
  elseif t.kind == "mem" then
    return "(void *)(abi_blob + h % 64)"
  end
  error("c_fold " .. t.c)
end

-- Statements returning a value of type t folded from h.
local function c_return_fold(t)
  if isrecord(t) then
    local s = {string.format("  %s r; memset(&r, 0, sizeof r);", t.c)}
    for j, lf in ipairs(t.leaves) do
      s[#s + 1] = string.format("  h = abi_mix(h, %d); %s = %s;", j, pathexpr("r", lf.path), c_fold(lf.type))
    end
    s[#s + 1] = "  return r;"
    return table.concat(s, "\n")
  elseif t.kind == "ptr" then
    return string.format("  return abi_fill_%s(h);", t.to.name)
  end
  return "  return " .. c_fold(t) .. ";"
end

-- The transform pass_R applies to a leaf (x: the leaf, k: int32_t).
local function c_step(lf, x)
  local t = lf.type
  if t.kind == "int" then
    return string.format("(%s)((uint64_t)%s + (uint64_t)(int64_t)k)", t.c, x)
  elseif t.kind == "bool" then
    return "!" .. x
  elseif t.kind == "float" then
    return "-" .. x
  end
  return x -- enums, strings
end

-- The callback transform, in C (mirror) and Lua: ints + k, bools not,
-- floats negated, doubles doubled; enums kept.
local function cb_step_c(lf, x)
  local t = lf.type
  if t.kind == "int" then
    return string.format("(%s)((uint64_t)%s + (uint64_t)(int64_t)k)", t.c, x)
  elseif t.kind == "bool" then
    return "!" .. x
  elseif t.kind == "float" then
    return t.bits == 32 and ("-" .. x) or (x .. " * 2")
  end
  return x
end
local function cb_step_lua(lf, x)
  local t = lf.type
  if t.kind == "int" then
    return x .. " + k"
  elseif t.kind == "bool" then
    return "not " .. x
  elseif t.kind == "float" then
    return t.bits == 32 and ("-" .. x) or (x .. " * 2")
  end
  return x
end

-- -- Emitted text --

local types_h, funcs_h, refused_h, lib_c, oracle_h, oracle_c, cases = {}, {}, {}, {}, {}, {}, {}
local function put(buf, s) buf[#buf + 1] = s end

local header = "/* %s -- generated by tests/abi/gen_abi.lua; do not edit. */"

-- types
put(types_h, header:format("abi_types.h"))
for _, e in ipairs(enums) do
  local items = {}
  for _, it in ipairs(e.items) do items[#items + 1] = it[1] .. " = " .. (it[3] or tostring(it[2])) end
  put(types_h, string.format("enum %s { %s };", e.name, table.concat(items, ", ")))
end
local function record_decl(r)
  if r.typedef_of then
    return string.format("typedef %s __attribute__((aligned(%d))) %s;", r.typedef_of.c, r.align_attr, r.name)
  end
  local s = {}
  if r.pre then s[#s + 1] = r.pre .. "\n" end
  s[#s + 1] = r.kind .. " " .. (r.attr and (r.attr .. " ") or "") .. r.name .. " {"
  for _, f in ipairs(r.fields) do
    local d = ""
    for _, n in ipairs(f.dims or {}) do d = d .. "[" .. n .. "]" end
    s[#s + 1] = " " .. (f.align and ("_Alignas(" .. f.align .. ") ") or "") .. decl(f.type, f.name) .. d ..
        (f.bits and (" : " .. f.bits) or "") .. ";"
  end
  s[#s + 1] = " };"
  if r.post then s[#s + 1] = "\n" .. r.post end
  return table.concat(s)
end
put(refused_h, header:format("abi_refused.h"))
put(refused_h, "/* Records the runtime may refuse by value (packed <= 16 bytes, over-aligned). */")
for _, r in ipairs(records) do
  put(r.group == "refused" and refused_h or types_h, record_decl(r))
end

-- the library's prelude
put(lib_c, header:format("abi.c"))
put(lib_c, [[
/* The ABI test library: each function folds all of its inputs into a
   checksum, or into a record whose fields derive from it, deterministically. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "abi_types.h"
#include "abi_funcs.h"
#include "abi_refused.h"

#define ABI_EXPORT __attribute__((visibility("default")))
#define ABI_HELPER static inline __attribute__((unused))

ABI_HELPER uint64_t abi_mix(uint64_t h, uint64_t x) {
  h ^= x + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h *= 0xff51afd7ed558ccdULL;
  return h ^ (h >> 33);
}
ABI_HELPER uint64_t abi_fbits(float f) { uint32_t u; memcpy(&u, &f, sizeof u); return u; }
ABI_HELPER uint64_t abi_dbits(double d) { uint64_t u; memcpy(&u, &d, sizeof u); return u; }
ABI_HELPER uint64_t abi_mix_str(uint64_t h, const char *s) {
  if (!s) return abi_mix(h, 0x5151ULL);
  for (; *s; s++) h = abi_mix(h, (unsigned char)*s);
  return abi_mix(h, 0);
}
ABI_HELPER uint64_t abi_mix_mem(uint64_t h, const void *p) {
  if (!p) return abi_mix(h, 0x9011ULL);
  const unsigned char *b = p;
  for (int i = 0; i < 8; i++) h = abi_mix(h, b[i]);
  return h;
}
static const char *const abi_strs[8] = {"zero", "one", "two", "three", "", "five \316\273", "six\n", "seven"};
static unsigned char abi_blob[64];]])
for _, e in ipairs(enums) do
  local items = {}
  for _, it in ipairs(e.items) do items[#items + 1] = it[1] end
  put(lib_c, string.format("static const enum %s abi_enum_%s[%d] = {%s};", e.name, e.name, #items,
                           table.concat(items, ", ")))
end
for _, r in ipairs(records) do
  local s = {string.format("ABI_HELPER uint64_t abi_hash_%s(uint64_t h, %s v) {", r.name, r.c)}
  for _, lf in ipairs(r.leaves) do s[#s + 1] = "  " .. c_hash(lf.type, pathexpr("v", lf.path)) end
  s[#s + 1] = "  return h;\n}"
  put(lib_c, table.concat(s, "\n"))
end

put(oracle_h, header:format("abi_oracle.h"))
put(oracle_c, header:format("abi_oracle.c"))
put(oracle_c, [[
/* The oracle: for every case, the C compiler calls the library function with
   the case's inputs and stores the result through a pointer. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "abi_types.h"
#include "abi_funcs.h"
#include "abi_refused.h"
#include "abi_oracle.h"

#define ABI_EXPORT __attribute__((visibility("default")))]])

put(cases, "-- abi_cases.lua -- generated by tests/abi/gen_abi.lua; do not edit.")
put(cases, "local C = {}")

-- -- Functions and cases --

local funcs = {}   -- name -> {sig=, ret=, params=, group=}
local nfuncs = 0
local ncases = 0

local function sigstr(ret, name, params, vararg)
  local ps = {}
  for i, p in ipairs(params) do ps[i] = decl(p, "a" .. i) end
  if vararg then ps[#ps + 1] = "..." end
  if #ps == 0 then ps[1] = "void" end
  return decl(ret, name) .. "(" .. table.concat(ps, ", ") .. ")"
end

-- Declares a function: prototype into the header, definition into abi.c.
local function define(name, ret, params, body, opt)
  opt = opt or {}
  assert(not funcs[name], name)
  local sig = sigstr(ret, name, params, opt.vararg)
  funcs[name] = {sig = sig, ret = ret, params = params, group = opt.group or "core"}
  nfuncs = nfuncs + 1
  put(opt.group == "refused" and refused_h or funcs_h, sig .. ";")
  put(lib_c, "ABI_EXPORT " .. sig .. " {\n" .. body .. "\n}")
end

-- Body: hash every parameter, then fold into the result type.
local function hash_body(ret, params)
  local s = {"  uint64_t h = " .. hex64(seed64()) .. ";"}
  for i, p in ipairs(params) do s[#s + 1] = "  " .. c_hash(p, "a" .. i) end
  if ret == "void" then
    s[#s + 1] = "  (void)h;"
  else
    s[#s + 1] = c_return_fold(ret)
  end
  return table.concat(s, "\n")
end

local function retkind(ret)
  if isrecord(ret) then return "record" end
  if ret.kind == "ptr" then return "recptr" end
  return "scalar"
end

-- Adds a case: name of the function, argument values (per param), and how
-- the result is checked. Lua args and oracle C args are produced here.
local function add_case(fname, vals, opt)
  opt = opt or {}
  local f = funcs[fname]
  ncases = ncases + 1
  local id = ncases
  local locals, cargs, largs = {}, {}, {}
  for i, p in ipairs(f.params) do
    local v = vals[i]
    if isrecord(p) then
      locals[#locals + 1] = "  " .. c_build(p, "a" .. i, v)
      cargs[i] = "a" .. i
      largs[i] = lua_record(p, v)
    elseif p.kind == "ptr" then
      if v then
        locals[#locals + 1] = "  " .. c_build(p.to, "a" .. i, v)
        cargs[i] = "&a" .. i
        largs[i] = lua_record(p.to, v, true)
      else
        cargs[i] = "(" .. p.c .. ")0"
        largs[i] = "nil"
      end
    else
      cargs[i] = c_scalar(p, v)
      largs[i] = lua_scalar(p, v)
    end
  end
  local ret = f.ret
  local oname = "abi_oracle_" .. id
  local kind, rettype, paths
  local lcall = "lib." .. fname .. "(" .. table.concat(largs, ", ") .. ")"
  local body
  if opt.out then -- void f(..., T *out): the last parameter is an out-pointer
    local rt = f.params[#f.params].to
    cargs[#cargs] = "out"
    largs[#largs] = "o"
    lcall = "(function() local o = ffi.new(" .. lua_string(rt.c) .. "); lib." .. fname .. "(" ..
        table.concat(largs, ", ") .. "); return o end)()"
    kind, rettype = "record", rt
    put(oracle_h, string.format("void %s(%s *out);", oname, rt.c))
    body = "  " .. fname .. "(" .. table.concat(cargs, ", ") .. ");"
  else
    kind, rettype = retkind(ret), ret
    put(oracle_h, string.format("void %s(%s);", oname, decl(ptr_to(ret.c), "out")))
    body = "  *out = " .. fname .. "(" .. table.concat(cargs, ", ") .. ");"
  end
  if kind == "record" then paths = rettype.leaves end
  if kind == "recptr" then paths = rettype.to.leaves end
  put(oracle_c, string.format("ABI_EXPORT void %s(%s) {\n%s%s\n}", oname,
                              decl(ptr_to(opt.out and rettype.c or ret.c), "out"),
                              #locals > 0 and (table.concat(locals, "\n") .. "\n") or "", body))
  local pl = {}
  if paths then
    for _, lf in ipairs(paths) do
      local q = {}
      for _, k in ipairs(lf.path) do q[#q + 1] = type(k) == "number" and tostring(k) or lua_string(k) end
      pl[#pl + 1] = "{" .. table.concat(q, ", ") .. "}"
    end
  end
  put(cases, string.format(
    "C[#C + 1] = {fn = %s, sig = %s, group = %s, kind = %s, refusable = %s, ret = %s, oracle = %s, paths = %s,\n" ..
    "  inputs = %s,\n  call = function(ffi, lib, buf) return %s end}",
    lua_string(fname), lua_string(f.sig), lua_string(f.group), lua_string(kind), tostring(opt.refusable == true),
    lua_string(rettype.c), lua_string(oname), paths and ("{" .. table.concat(pl, ", ") .. "}") or "nil",
    lua_string(table.concat(largs, ", ")), lcall))
  return id
end

local function values_for(params)
  local vals = {}
  for i, p in ipairs(params) do
    if p.kind == "ptr" then
      vals[i] = rand(5) > 1 and value(p.to) or false
    else
      vals[i] = value(p)
    end
  end
  return vals
end

local function ptrtype(r)
  local key = "const " .. r.c .. " *"
  if not T[key] then T[key] = {kind = "ptr", to = r, c = key} end
  return T[key]
end
local function mutptrtype(r)
  local key = r.c .. " *"
  if not T[key] then T[key] = {kind = "ptr", to = r, c = key} end
  return T[key]
end

-- Scalar picks for random signatures (every scalar, strings and void* too).
local arg_scalars = {}
for _, t in ipairs(scalars) do arg_scalars[#arg_scalars + 1] = t end
arg_scalars[#arg_scalars + 1] = T["const char *"]
arg_scalars[#arg_scalars + 1] = T["void *"]
local ret_scalars = {}
for _, t in ipairs(scalars) do ret_scalars[#ret_scalars + 1] = t end
ret_scalars[#ret_scalars + 1] = T["const char *"]
ret_scalars[#ret_scalars + 1] = T["void *"]

local core_records, refused_records = {}, {}
for _, r in ipairs(records) do
  if r.group == "refused" then refused_records[#refused_records + 1] = r
  else core_records[#core_records + 1] = r end
end

local function simple_define(name, ret, params, opt)
  define(name, ret, params, hash_body(ret, params), opt)
end

-- 1. Scalars: echo_T returns its argument (extremes round-trip); then random
--    2..6 argument mixes.
local echo_types = {}
for _, t in ipairs(scalars) do echo_types[#echo_types + 1] = t end
echo_types[#echo_types + 1] = T["const char *"]
for _, t in ipairs(echo_types) do
  local fname = "echo_" .. (t.kind == "str" and "str" or t.c:gsub(" ", "_"))
  define(fname, t, {t}, "  return a1;")
  local pool = t.kind == "enum" and t.enum.items or t.pool
  for _, v in ipairs(pool) do add_case(fname, {v}) end
end
for i = 1, 40 do
  local params = {}
  for j = 1, 1 + rand(5) do params[j] = pick(arg_scalars) end
  local ret = pick(ret_scalars)
  local fname = string.format("mix%02d", i)
  simple_define(fname, ret, params)
  add_case(fname, values_for(params))
  add_case(fname, values_for(params))
end

-- 2. Records by value: ret_R (built from scalars), take_R (R among scalars),
--    pass_R (R in, transformed R out).
for _, r in ipairs(core_records) do
  local params = {}
  for j = 1, 1 + rand(2) do params[j] = pick(arg_scalars) end
  simple_define("ret_" .. r.name, r, params)
  add_case("ret_" .. r.name, values_for(params))

  params = {}
  local n = 1 + rand(3)
  local at = rand(n)
  for j = 1, n do params[j] = j == at and r or pick(arg_scalars) end
  simple_define("take_" .. r.name, pick({T["uint64_t"], T["int64_t"], T["double"], T["uint32_t"], T["float"]}), params)
  add_case("take_" .. r.name, values_for(params))
  add_case("take_" .. r.name, values_for(params))

  local s = {"  int32_t k = a2;\n  (void)k;"}
  for _, lf in ipairs(r.leaves) do
    local x = pathexpr("a1", lf.path)
    local y = c_step(lf, x)
    if y ~= x then s[#s + 1] = string.format("  %s = %s;", x, y) end
  end
  s[#s + 1] = "  return a1;"
  define("pass_" .. r.name, r, {r, T["int32_t"]}, table.concat(s, "\n"))
  add_case("pass_" .. r.name, {value(r), rand(200) - 100})
  add_case("pass_" .. r.name, {value(r), rand(200) - 100})
end

-- 2b. The shapes of the compiler-made record calls (gen_callstubs.lua rs_*:
--     2-4 doubles or floats, two 4-byte integers, however nested): each
--     record with every argument class before and after it, as the result and
--     as an argument of scalar results; and the near misses beside them
--     (S3i, F5, FI, UDD: libffi's path) the same way.
local rs_scalar = {I = T["int32_t"], L = T["int64_t"], D = T["double"], F = T["float"], U = T["uint32_t"]}
for _, nm in ipairs({"S2i", "EnumPair", "F2", "ArrF2", "F3", "F4", "D2", "D3", "NestD3", "D4", "Mat",
                     "S3i", "F5", "FI", "UDD"}) do
  local r = byname[nm]
  local lists = {{r}}
  for _, c in ipairs({"I", "L", "D", "F", "R"}) do
    local x = c == "R" and r or rs_scalar[c]
    lists[#lists + 1] = {r, x}
    if c ~= "R" then lists[#lists + 1] = {x, r} end
  end
  for i, params in ipairs(lists) do
    local fname = string.format("rs_%s_%d", nm, i)
    simple_define(fname, r, params)
    add_case(fname, values_for(params))
    add_case(fname, values_for(params))
  end
  for _, c in ipairs({"I", "U", "L", "D", "F"}) do
    local params = rand(2) == 1 and {r} or {rs_scalar[pick({"I", "L", "D", "F"})], r}
    local fname = string.format("rs_%s_to%s", nm, c)
    simple_define(fname, rs_scalar[c], params)
    add_case(fname, values_for(params))
    add_case(fname, values_for(params))
  end
end

-- 3. Several records at once, records among many scalars.
for i = 1, 24 do
  local params = {}
  for j = 1, 2 + rand(4) do
    params[j] = rand(3) == 1 and pick(arg_scalars) or pick(core_records)
  end
  local ret = rand(2) == 1 and pick(core_records) or pick(ret_scalars)
  local fname = string.format("multi%02d", i)
  simple_define(fname, ret, params)
  add_case(fname, values_for(params))
  add_case(fname, values_for(params))
end

-- 4. Pointers to records: in (const R *, NULL too), out (void, R *out),
--    results (R * into a static pool).
local ptr_records = {"S2i", "F3", "D3", "Nest", "Arr", "L40", "MixB", "StrPair", "U8", "SU", "BF", "PK19",
                     "Deep", "Mat", "UMix"}
for _, nm in ipairs(ptr_records) do
  local r = byname[nm]
  local params = {ptrtype(r), T["int32_t"]}
  simple_define("ptr_" .. nm, T["uint64_t"], params)
  add_case("ptr_" .. nm, {value(r), 5})
  add_case("ptr_" .. nm, {false, -5})
end
local out_records = {"S4i", "F4", "D2", "L24", "UD2", "Pad2", "ArrC", "MixE"}
for _, nm in ipairs(out_records) do
  local r = byname[nm]
  local params = {r, T["int32_t"], mutptrtype(r)}
  local s = {"  int32_t k = a2;\n  (void)k;"}
  for _, lf in ipairs(r.leaves) do
    local x = pathexpr("a1", lf.path)
    local y = c_step(lf, x)
    if y ~= x then s[#s + 1] = string.format("  %s = %s;", x, y) end
  end
  s[#s + 1] = "  *a3 = a1;"
  define("out_" .. nm, "void", params, table.concat(s, "\n"))
  add_case("out_" .. nm, {value(r), rand(50), false}, {out = true})
end
local pick_records = {"S3i", "D2", "L64", "Nest2", "UF", "StrPair", "BF3", "IFD"}
for _, nm in ipairs(pick_records) do
  local r = byname[nm]
  local s = {string.format("static %s abi_pool_%s[4];", r.c, nm),
             string.format("static %s *abi_fill_%s(uint64_t h) {", r.c, nm),
             string.format("  %s *r = &abi_pool_%s[h %% 4]; memset(r, 0, sizeof *r);", r.c, nm)}
  for j, lf in ipairs(r.leaves) do
    s[#s + 1] = string.format("  h = abi_mix(h, %d); %s = %s;", j, pathexpr("r->", lf.path):gsub("%->%.", "->"),
                              c_fold(lf.type))
  end
  s[#s + 1] = "  return r;\n}"
  put(lib_c, table.concat(s, "\n"))
  local params = {T["uint32_t"], T["double"]}
  simple_define("pick_" .. nm, mutptrtype(r), params)
  add_case("pick_" .. nm, values_for(params))
  add_case("pick_" .. nm, values_for(params))
end
-- strings and raw memory
simple_define("str_hash2", T["uint64_t"], {T["const char *"], T["const char *"]})
add_case("str_hash2", {"left", false})
add_case("str_hash2", {"", "right \206\187"})
simple_define("mem_hash", T["uint64_t"], {T["void *"], T["size_t"], T["void *"]})
add_case("mem_hash", {"ABCDEFGH", 8, false})
add_case("mem_hash", {false, -1, "01234567"})
simple_define("str_pick", T["const char *"], {T["uint32_t"]})
for k = 0, 7 do add_case("str_pick", {k}) end
simple_define("blob_at", T["void *"], {T["uint64_t"], T["float"]})
add_case("blob_at", {3, 1.5})
add_case("blob_at", {-1, -0.0})

-- 5. Many arguments (registers exhausted, stack spills).
local many = {
  {"many_i64_16", "int64_t", {"int64_t", 16}},
  {"many_u8_16", "uint32_t", {"uint8_t", 16}},
  {"many_small_16", "int64_t", {"int8_t", 4, "bool", 3, "short", 3, "unsigned char", 3, "char", 3}},
  {"many_d_16", "double", {"double", 16}},
  {"many_f_12", "float", {"float", 12}},
  {"many_fd_16", "double", {"float", 8, "double", 8}},
  {"many_gpr_exhaust", "struct S2l", {"int64_t", 5, "struct S2l", 1, "int64_t", 2}},
  {"many_sse_exhaust", "struct D2", {"double", 7, "struct D2", 1, "double", 2}},
  {"many_mixed_exhaust", "struct DI", {"int64_t", 5, "double", 7, "struct DI", 1, "struct ID", 1, "int32_t", 1, "float", 1}},
  {"many_large_16", "struct L40", {"struct L24", 2, "int32_t", 6, "struct L64", 1, "double", 7}},
  {"many_structs_12", "struct Nest", {"struct S2i", 3, "struct F2", 3, "struct IF", 3, "struct S3c", 3}},
}
for _, m in ipairs(many) do
  local params = {}
  for j = 1, #m[3], 2 do
    for _ = 1, m[3][j + 1] do params[#params + 1] = T[m[3][j]] end
  end
  simple_define(m[1], T[m[2]], params)
  add_case(m[1], values_for(params))
  add_case(m[1], values_for(params))
end
for i = 1, 6 do
  local params = {}
  for j = 1, 9 + rand(7) do
    params[j] = rand(4) == 1 and pick(core_records) or pick(arg_scalars)
  end
  local ret = rand(2) == 1 and pick(core_records) or pick(ret_scalars)
  local fname = string.format("many_rand%d", i)
  simple_define(fname, ret, params)
  add_case(fname, values_for(params))
  add_case(fname, values_for(params))
end

-- 6. Refusable shapes: by value must be refused with a clear error, or be
--    right; by pointer they must work.
for _, r in ipairs(refused_records) do
  simple_define("take_" .. r.name, T["uint64_t"], {T["int32_t"], r}, {group = "refused"})
  add_case("take_" .. r.name, {3, value(r)}, {refusable = true})
  simple_define("ret_" .. r.name, r, {T["int64_t"]}, {group = "refused"})
  add_case("ret_" .. r.name, {77}, {refusable = true})
  simple_define("ptr_" .. r.name, T["uint64_t"], {ptrtype(r), T["int32_t"]}, {group = "refused"})
  add_case("ptr_" .. r.name, {value(r), 1})
end

-- -- Callbacks --
-- cb_chain_R calls fn n times (v = fn(v, i)), hashing each result;
-- cb_last_R returns the last. The oracle calls the same functions with a C
-- mirror of the Lua callback (same arithmetic, in the same order).

local cb_records = {"S1i", "S2i", "S3i", "S4i", "F2", "F3", "F4", "D2", "D3", "IF", "DI", "S3c", "S9c", "L24",
                    "Nest", "Arr", "MixB", "Pad2", "SZ", "UF", "U8", "UD2", "UMix", "BF", "PK19", "Mat"}
local ncb = 0
put(oracle_c, "/* C mirrors of the Lua callbacks. */")
put(cases, "local CB = {}")
for _, nm in ipairs(cb_records) do
  local r = byname[nm]
  local tname = "cb_" .. nm .. "_t"
  put(types_h, string.format("typedef %s (*%s)(%s, int32_t);", r.c, tname, r.c))
  T[tname] = {kind = "fnptr", c = tname}
  local h = hex64(seed64())
  define("cb_chain_" .. nm, T["uint64_t"], {T[tname], r, T["int32_t"]}, table.concat({
    "  uint64_t h = " .. h .. ";",
    "  for (int32_t i = 0; i < a3; i++) {",
    "    a2 = a1(a2, i + 1);",
    "    h = abi_hash_" .. nm .. "(h, a2);",
    "  }",
    "  return h;"}, "\n"))
  define("cb_last_" .. nm, r, {T[tname], r, T["int32_t"]}, table.concat({
    "  for (int32_t i = 0; i < a3; i++) a2 = a1(a2, i + 1);",
    "  return a2;"}, "\n"))
  -- C mirror
  local m = {string.format("static %s cbimpl_%s(%s v, int32_t k) {", r.c, nm, r.c),
             string.format("  %s r; memset(&r, 0, sizeof r);\n  (void)k;", r.c)}
  for _, lf in ipairs(r.leaves) do
    m[#m + 1] = string.format("  %s = %s;", pathexpr("r", lf.path), cb_step_c(lf, pathexpr("v", lf.path)))
  end
  m[#m + 1] = "  return r;\n}"
  put(oracle_c, table.concat(m, "\n"))
  -- Lua callback: a new table (not for bit-fields), or the argument mutated
  local lt
  if not r.bitfields and #r.leaves % 2 == 0 then
    local vals = {}
    for i, lf in ipairs(r.leaves) do vals[i] = {cb_step_lua(lf, pathexpr("v", lf.path))} end
    -- lua_table wants values: wrap expressions as pre-rendered strings
    local saved = lua_scalar
    lua_scalar = function(_, v) return v[1] end
    lt = "function(v, k) return " .. lua_table(r, vals) .. " end"
    lua_scalar = saved
  else
    local s = {"function(v, k)"}
    for _, lf in ipairs(r.leaves) do
      local x = pathexpr("v", lf.path)
      s[#s + 1] = string.format(" %s = %s;", x, cb_step_lua(lf, x))
    end
    s[#s + 1] = " return v end"
    lt = table.concat(s)
  end
  put(cases, string.format("CB[%s] = %s", lua_string(nm), lt))
  for variant = 1, 2 do
    local fname = (variant == 1 and "cb_chain_" or "cb_last_") .. nm
    local n = 2 + rand(3)
    local v = value(r)
    ncb = ncb + 1
    -- the oracle
    local oname = "abi_oracle_cb" .. ncb
    local rett = variant == 1 and "uint64_t" or r.c
    put(oracle_h, string.format("void %s(%s *out);", oname, rett))
    put(oracle_c, string.format("ABI_EXPORT void %s(%s *out) {\n  %s\n  *out = %s(cbimpl_%s, a2, %d);\n}",
                                oname, rett, c_build(r, "a2", v), fname, nm, n))
    -- the Lua call: variant 1 passes the function, variant 2 an ffi.callback
    local arg2 = lua_record(r, v)
    local call
    if variant == 1 then
      call = string.format("lib.%s(CB[%s], %s, %d)", fname, lua_string(nm), arg2, n)
    else
      call = string.format(
        "(function() local cb = ffi.callback(%s, %s, \"int32_t\", CB[%s]); local r = lib.%s(cb, %s, %d); " ..
        "local c = cb:callcount(); cb:free(); if c ~= %d then error(\"callback ran \" .. c .. \" times, expected %d\") end; " ..
        "return r end)()", lua_string(r.c), lua_string(r.c), lua_string(nm), fname, arg2, n, n, n)
    end
    local pl = {}
    for _, lf in ipairs(r.leaves) do
      local q = {}
      for _, k in ipairs(lf.path) do q[#q + 1] = type(k) == "number" and tostring(k) or lua_string(k) end
      pl[#pl + 1] = "{" .. table.concat(q, ", ") .. "}"
    end
    put(cases, string.format(
      "C[#C + 1] = {fn = %s, sig = %s, group = \"callback\", kind = %s, ret = %s, oracle = %s, paths = %s,\n" ..
      "  inputs = %s,\n  call = function(ffi, lib, buf) return %s end}",
      lua_string(fname), lua_string(funcs[fname].sig), lua_string(variant == 1 and "scalar" or "record"),
      lua_string(rett), lua_string(oname), variant == 1 and "nil" or ("{" .. table.concat(pl, ", ") .. "}"),
      lua_string((variant == 1 and "<Lua function>, " or "<ffi.callback>, ") .. arg2 .. ", " .. n), call))
  end
end

-- Hand-written callback shapes: scalars, many arguments (spills inside the
-- closure), a large record built from small ones, typed pointers.
local special_cb = {
  {
    name = "cb_scalars",
    types = "typedef double (*cb_scalars_t)(int8_t, uint16_t, int64_t, float, double, bool);",
    sig = "double cb_scalars(cb_scalars_t fn, int8_t a, uint16_t b, int64_t c, float d, double e, bool f)",
    body = "  return fn(a, b, c, d, e, f) * 2 + 1;",
    mirror = [[static double cbimpl_scalars(int8_t a, uint16_t b, int64_t c, float d, double e, bool f) {
  return (double)(((int64_t)a + b) * 3 + c) * 0.5 + (double)d + e + (f ? 1 : 0);
}]],
    lua = "function(a, b, c, d, e, f) return ((a + b) * 3 + c) * 0.5 + d + e + (f and 1 or 0) end",
    cases = {
      {c = "cbimpl_scalars, (int8_t)-128, (uint16_t)65535, (int64_t)0x123456789LL, (float)0x1.8p+1, -0x1p-1, true",
       l = "-128, 65535, 0x123456789, 3.0, -0.5, true"},
      {c = "cbimpl_scalars, (int8_t)127, (uint16_t)0, (int64_t)-77LL, (float)-0x1.fffffep127, 0x1p+1000, false",
       l = "127, 0, -77, -0x1.fffffep127, 0x1p+1000, false"},
    },
    ret = "double",
  },
  {
    name = "cb_many",
    types = "typedef double (*cb_many_t)(int32_t, int32_t, int32_t, int32_t, int32_t, int32_t, int32_t, int32_t, " ..
        "double, double, double, double, double, double, double, double, double, double);",
    sig = "double cb_many(cb_many_t fn, int32_t seed)",
    body = "  double b = seed * 0.5;\n  return fn(seed + 1, seed + 2, seed + 3, seed + 4, seed + 5, seed + 6, " ..
        "seed + 7, seed + 8, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7, b + 8, b + 9, b + 10);",
    mirror = [[static double cbimpl_many(int32_t i1, int32_t i2, int32_t i3, int32_t i4, int32_t i5, int32_t i6,
                           int32_t i7, int32_t i8, double d1, double d2, double d3, double d4, double d5,
                           double d6, double d7, double d8, double d9, double d10) {
  const double v[18] = {i1, i2, i3, i4, i5, i6, i7, i8, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10};
  double s = 0;
  for (int i = 0; i < 18; i++) s = s * 3 + v[i];
  return s;
}]],
    lua = "function(...) local s = 0.0; for i = 1, select('#', ...) do s = s * 3 + select(i, ...) end; return s end",
    cases = {{c = "cbimpl_many, 7", l = "7"}, {c = "cbimpl_many, -1000", l = "-1000"}},
    ret = "double",
  },
  {
    name = "cb_big",
    types = "typedef struct L40 (*cb_big_t)(struct F2, double, struct S1c, int64_t);",
    sig = "uint64_t cb_big(cb_big_t fn, struct F2 a, double b, struct S1c c, int64_t d)",
    body = "  struct L40 r = fn(a, b, c, d);\n  return abi_hash_L40(0x1234ULL, r);",
    mirror = [[static struct L40 cbimpl_big(struct F2 a, double b, struct S1c c, int64_t d) {
  struct L40 r; memset(&r, 0, sizeof r);
  r.a = (int64_t)((uint64_t)d + (uint64_t)(int64_t)c.a);
  r.b = b * 2 + a.a;
  r.c[0] = c.a; r.c[1] = -c.a; r.c[2] = 7; r.c[3] = (int32_t)(uint32_t)(uint64_t)d;
  r.d[0] = 'x'; r.d[1] = c.a;
  (void)a.b;
  return r;
}]],
    lua = "function(a, b, c, d) return {a = d + c.a, b = b * 2 + a.a, c = {c.a, -c.a, 7, d}, d = {120, c.a}} end",
    cases = {
      {c = "cbimpl_big, (struct F2){0x1.8p+0, -0x1p-1}, 0x1p+900, (struct S1c){65}, (int64_t)(-0x7fffffffffffffffLL - 1)",
       l = "{a = 1.5, b = -0.5}, 0x1p+900, {a = 65}, math.mininteger"},
      {c = "cbimpl_big, (struct F2){-0x1p+3, 0x1p+1}, -0x1.4p+2, (struct S1c){1}, (int64_t)0x7fffffffffffffffLL",
       l = "ffi.new(\"struct F2\", {a = -8.0, b = 2.0}), -5.0, ffi.new(\"struct S1c\", {a = 1}), math.maxinteger"},
    },
    ret = "uint64_t",
  },
  {
    name = "cb_ptr",
    types = "typedef int64_t (*cb_ptr_t)(const struct S4i *, struct D2 *);",
    sig = "uint64_t cb_ptr(cb_ptr_t fn, struct S4i a)",
    body = "  struct D2 q = {0, 0};\n  int64_t r = fn(&a, &q);\n  return abi_hash_D2(abi_mix(0x77ULL, (uint64_t)r), q);",
    mirror = [[static int64_t cbimpl_ptr(const struct S4i *p, struct D2 *q) {
  q->a = p->a * 0.5;
  q->b = p->d;
  return (int64_t)p->a + p->b + p->c + p->d;
}]],
    lua = "function(p, q) q.a = p.a * 0.5; q.b = p.d; return p.a + p.b + p.c + p.d end",
    cases = {
      {c = "cbimpl_ptr, (struct S4i){-2147483647 - 1, 2147483647, -3, 99}",
       l = "{a = -2147483648, b = 2147483647, c = -3, d = 99}"},
    },
    ret = "uint64_t",
  },
  {
    name = "cb_small",
    types = "typedef int8_t (*cb_i8_t)(int8_t);\ntypedef uint16_t (*cb_u16_t)(uint16_t);\n" ..
        "typedef bool (*cb_bool_t)(int32_t);",
    sig = "int64_t cb_small(cb_i8_t f, cb_u16_t g, cb_bool_t h, int8_t a, uint16_t b, int32_t c)",
    body = "  return (int64_t)f(a) * 1000003 + (int64_t)g(b) * 7 + (h(c) ? 1 : 2);",
    mirror = [[static int8_t cbimpl_i8(int8_t x) { return (int8_t)(x - 1); }
static uint16_t cbimpl_u16(uint16_t x) { return (uint16_t)(x + 1); }
static bool cbimpl_bool(int32_t x) { return x < 0; }]],
    lua = "{function(x) return x - 1 end, function(x) return x + 1 end, function(x) return x < 0 end}",
    cases = {
      {c = "cbimpl_i8, cbimpl_u16, cbimpl_bool, (int8_t)-128, (uint16_t)65535, -1",
       l = "CB.cb_small[1], CB.cb_small[2], CB.cb_small[3], -128, 65535, -1", fnarg = false},
      {c = "cbimpl_i8, cbimpl_u16, cbimpl_bool, (int8_t)0, (uint16_t)0, 2147483647",
       l = "CB.cb_small[1], CB.cb_small[2], CB.cb_small[3], 0, 0, 2147483647", fnarg = false},
    },
    ret = "int64_t",
  },
  {
    name = "cb_str",
    types = "typedef int64_t (*cb_str_t)(const char *, size_t);",
    sig = "int64_t cb_str(cb_str_t fn, const char *s)",
    body = "  return fn(s, s ? strlen(s) : 0) * 3;",
    mirror = [[static int64_t cbimpl_str(const char *s, size_t n) {
  return s ? (int64_t)strlen(s) * 1000 + (int64_t)n + (unsigned char)s[0] : -1;
}]],
    lua = "function(s, n) if s == nil then return -1 end; return #s * 1000 + n + (s:byte(1) or 0) end",
    cases = {{c = "cbimpl_str, \"h\\316\\273llo\"", l = "\"h\\206\\187llo\""}, {c = "cbimpl_str, \"\"", l = "\"\""},
             {c = "cbimpl_str, (const char *)0", l = "nil"}},
    ret = "int64_t",
  },
  {
    name = "cb_args4",
    types = "typedef struct D2 (*cb_args4_t)(struct S3l, struct F4, union UD2, int8_t);",
    sig = "uint64_t cb_args4(cb_args4_t fn, struct S3l a, struct F4 b, union UD2 u, int8_t k)",
    body = "  return abi_hash_D2(0x4444ULL, fn(a, b, u, k));",
    mirror = [[static struct D2 cbimpl_args4(struct S3l a, struct F4 b, union UD2 u, int8_t k) {
  struct D2 r;
  r.a = (double)a.a * 0.5 + (double)b.d;
  r.b = u.d[1] + k;
  return r;
}]],
    lua = "function(a, b, u, k) return {a = a.a * 0.5 + b.d, b = u.d[1] + k} end",
    cases = {
      {c = "cbimpl_args4, (struct S3l){-0x7fffffffffffffffLL - 1, 1, 2}, (struct F4){1, 2, 3, 0x1p-3}, " ..
           "(union UD2){.d = {0x1p+0, -0x1.8p+1}}, (int8_t)-128",
       l = "{a = math.mininteger, b = 1, c = 2}, {a = 1, b = 2, c = 3, d = 0.125}, {d = {1.0, -3.0}}, -128"},
      {c = "cbimpl_args4, (struct S3l){77, -1, -1}, (struct F4){0, 0, 0, -0x1.fffffep127}, " ..
           "(union UD2){.d = {0x1p+0, 0x1p+1000}}, (int8_t)127",
       l = "ffi.new(\"struct S3l\", {a = 77, b = -1, c = -1}), ffi.new(\"struct F4\", {d = -0x1.fffffep127}), " ..
           "ffi.new(\"union UD2\", {d = {1.0, 0x1p+1000}}), 127"},
    },
    ret = "uint64_t",
  },
}
put(lib_c, "/* Hand-written callback shapes. */")
for _, sc in ipairs(special_cb) do
  put(types_h, sc.types)
  put(funcs_h, sc.sig .. ";")
  put(lib_c, "ABI_EXPORT " .. sc.sig .. " {\n" .. sc.body .. "\n}")
  funcs[sc.name] = {sig = sc.sig}
  nfuncs = nfuncs + 1
  put(oracle_c, sc.mirror)
  put(cases, string.format("CB[%s] = %s", lua_string(sc.name), sc.lua))
  for _, cs in ipairs(sc.cases) do
    ncb = ncb + 1
    local oname = "abi_oracle_cb" .. ncb
    put(oracle_h, string.format("void %s(%s *out);", oname, sc.ret))
    put(oracle_c, string.format("ABI_EXPORT void %s(%s *out) {\n  *out = %s(%s);\n}", oname, sc.ret, sc.name, cs.c))
    put(cases, string.format(
      "C[#C + 1] = {fn = %s, sig = %s, group = \"callback\", kind = \"scalar\", ret = %s, oracle = %s,\n" ..
      "  inputs = %s,\n  call = function(ffi, lib, buf) return lib.%s(%s%s) end}",
      lua_string(sc.name), lua_string(sc.sig), lua_string(sc.ret), lua_string(oname),
      lua_string((cs.fnarg == false and "" or "<Lua function>, ") .. cs.l), sc.name,
      cs.fnarg == false and "" or ("CB[" .. lua_string(sc.name) .. "], "), cs.l))
  end
end

-- -- Variadic functions --

put(lib_c, "/* Variadic functions. */")
local va_funcs = {
  {"int sum_var(int n, ...)", [[
  va_list ap;
  va_start(ap, n);
  uint64_t s = 0;
  for (int i = 0; i < n; i++) s += (uint64_t)va_arg(ap, long long) * (uint64_t)(i + 1);
  va_end(ap);
  return (int)(uint32_t)(s ^ (s >> 32));]]},
  {"long long sum_var_ll(int n, ...)", [[
  va_list ap;
  va_start(ap, n);
  uint64_t h = 0x5eedULL;
  for (int i = 0; i < n; i++) h = abi_mix(h, (uint64_t)va_arg(ap, long long));
  va_end(ap);
  return (long long)h;]]},
  {"double sum_d(int n, ...)", [[
  va_list ap;
  va_start(ap, n);
  double s = 0;
  for (int i = 0; i < n; i++) s = s * 0.5 + va_arg(ap, double);
  va_end(ap);
  return s;]]},
  {"int fmt_var(char *buf, size_t cap, const char *fmt, ...)", [[
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, cap, fmt, ap);
  va_end(ap);
  return n;]]},
  {"uint64_t var_mix(const char *types, ...)", [[
  va_list ap;
  va_start(ap, types);
  uint64_t h = 0x3141ULL;
  for (const char *t = types; *t; t++) {
    switch (*t) {
    case 'l': h = abi_mix(h, (uint64_t)va_arg(ap, long long)); break;
    case 'd': h = abi_mix(h, abi_dbits(va_arg(ap, double))); break;
    case 's': h = abi_mix_str(h, va_arg(ap, const char *)); break;
    case 'i': h = abi_mix(h, (uint64_t)(int64_t)va_arg(ap, int)); break;
    case 'u': h = abi_mix(h, (uint64_t)va_arg(ap, unsigned int)); break;
    case 'p': h = abi_mix_mem(h, va_arg(ap, void *)); break;
    case 'S': h = abi_hash_S2i(h, va_arg(ap, struct S2i)); break;
    case 'F': h = abi_hash_F2(h, va_arg(ap, struct F2)); break;
    case 'D': h = abi_hash_D2(h, va_arg(ap, struct D2)); break;
    case 'I': h = abi_hash_IF(h, va_arg(ap, struct IF)); break;
    case 'L': h = abi_hash_S2l(h, va_arg(ap, struct S2l)); break;
    case 'G': h = abi_hash_L24(h, va_arg(ap, struct L24)); break;
    case 'U': h = abi_hash_U8(h, va_arg(ap, union U8)); break;
    case 'C': h = abi_hash_S3c(h, va_arg(ap, struct S3c)); break;
    default: h = abi_mix(h, 0xbadULL); break;
    }
  }
  va_end(ap);
  return h;]]},
  {"uint64_t var_spill(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, " ..
   "double d3, double d4, double d5, double d6, double d7, double d8, int n, ...)", [[
  uint64_t h = abi_mix(0x99ULL, (uint64_t)(a1 ^ a2 ^ a3 ^ a4 ^ a5));
  h = abi_mix(h, abi_dbits(d1 + d2 + d3 + d4 + d5 + d6 + d7 + d8));
  va_list ap;
  va_start(ap, n);
  for (int i = 0; i < n; i++) {
    h = abi_mix(h, (uint64_t)va_arg(ap, long long));
    h = abi_mix(h, abi_dbits(va_arg(ap, double)));
  }
  va_end(ap);
  return h;]]},
}
for _, vf in ipairs(va_funcs) do
  local name = vf[1]:match("([%w_]+)%(")
  put(funcs_h, vf[1] .. ";")
  put(lib_c, "ABI_EXPORT " .. vf[1] .. " {\n" .. vf[2] .. "\n}")
  funcs[name] = {sig = vf[1]}
  nfuncs = nfuncs + 1
end

-- A vararg value: {c = C expression, l = Lua expression}.
local function vlong(v) return {c = "(long long)" .. c_scalar(T["int64_t"], v), l = lua_num(v)} end
local function vdouble(v)
  if math.type(v) == "integer" then v = v + 0.0 end
  return {c = c_double(v), l = lua_num(v)}
end
local nva = 0
local function va_case(fname, ret, fixed, extra, opt)
  opt = opt or {}
  nva = nva + 1
  local oname = "abi_oracle_va" .. nva
  local cargs, largs = {}, {}
  for _, a in ipairs(fixed) do cargs[#cargs + 1] = a.c; largs[#largs + 1] = a.l end
  for _, a in ipairs(extra) do cargs[#cargs + 1] = a.c; largs[#largs + 1] = a.l end
  local inputs = table.concat(largs, ", ")
  if opt.fmt then
    put(oracle_h, string.format("void %s(int *ret, char *out);", oname))
    put(oracle_c, string.format("ABI_EXPORT void %s(int *ret, char *out) {\n  *ret = %s(out, 256, %s);\n}",
                                oname, fname, table.concat(cargs, ", ")))
    put(cases, string.format(
      "C[#C + 1] = {fn = %s, sig = %s, group = \"vararg\", kind = \"fmt\", oracle = %s,\n  inputs = %s,\n" ..
      "  call = function(ffi, lib, buf) local b = ffi.alloc(256); local n = lib.%s(b, 256, %s); " ..
      "return n, ffi.string(b) end}",
      lua_string(fname), lua_string(funcs[fname].sig), lua_string(oname), lua_string("<buf>, 256, " .. inputs),
      fname, inputs))
    return
  end
  put(oracle_h, string.format("void %s(%s *out);", oname, ret))
  put(oracle_c, string.format("ABI_EXPORT void %s(%s *out) {\n  *out = %s(%s);\n}", oname, ret, fname,
                              table.concat(cargs, ", ")))
  put(cases, string.format(
    "C[#C + 1] = {fn = %s, sig = %s, group = \"vararg\", kind = \"scalar\", ret = %s, oracle = %s,\n" ..
    "  inputs = %s,\n  call = function(ffi, lib, buf) return lib.%s(%s) end}",
    lua_string(fname), lua_string(funcs[fname].sig), lua_string(ret), lua_string(oname), lua_string(inputs),
    fname, inputs))
end

local function n_of(n) return {c = tostring(n), l = tostring(n)} end
local longs = {I64MIN, I64MAX, -1, 0, 42, 0x123456789abc, -7, 1 << 40, 3, -100000, 17, 5, 1 << 62, -3}
for _, n in ipairs({0, 1, 3, 6, 12}) do
  local extra = {}
  for i = 1, n do extra[i] = vlong(longs[i]) end
  va_case("sum_var", "int", {n_of(n)}, extra)
end
for _, n in ipairs({2, 7, 14}) do
  local extra = {}
  for i = 1, n do extra[i] = vlong(longs[#longs + 1 - i]) end
  va_case("sum_var_ll", "long long", {n_of(n)}, extra)
end
local doubles = {-0.5, 1e300, 0.1, math.pi, -0.0, 2.5, 0x1p-1074, 1e-300, 7.0, -3.75, 1e10, 0.125}
for _, n in ipairs({0, 1, 4, 8, 12}) do
  local extra = {}
  for i = 1, n do extra[i] = vdouble(doubles[i]) end
  va_case("sum_d", "double", {n_of(n)}, extra)
end
-- sum_d reading doubles passed as boxed floats (promoted) and integral floats
va_case("sum_d", "double", {n_of(3)}, {
  {c = "(double)(float)0x1.8p+0", l = "ffi.new(\"float\", 1.5)"},
  {c = "(double)(float)0x1.99999ap-4", l = "ffi.new(\"float\", 0.1)"},
  {c = "0x1p+2", l = "4.0"},
})
local function fmt(f) return {c = c_string(f), l = lua_string(f)} end
local fmts = {
  {fmt("%lld|%lld|%lld"), vlong(I64MIN), vlong(I64MAX), vlong(-1)},
  {fmt("%g %.17g %a %e"), vdouble(-0.5), vdouble(1e300), vdouble(0.1), vdouble(-0.0)},
  {fmt("[%s] [%10s] [%-4s]"), {c = c_string("hello"), l = lua_string("hello")}, {c = c_string("abc"), l = lua_string("abc")},
   {c = c_string("\206\187"), l = lua_string("\206\187")}},
  {fmt("%d %d %hd %c %x %u"), {c = "1", l = "true"}, {c = "(int)-7", l = "ffi.new(\"int\", -7)"},
   {c = "(int)(short)-3", l = "ffi.new(\"short\", -3)"}, {c = "(int)(char)65", l = "ffi.new(\"char\", 65)"},
   {c = "(unsigned int)0xdeadbeefU", l = "ffi.new(\"uint32_t\", 0xdeadbeef)"},
   {c = "(unsigned int)4294967295U", l = "ffi.new(\"unsigned int\", 4294967295)"}},
  {fmt("%lld %s %.3f %d %p %lld %g %s %lld %.1f"), vlong(12), {c = c_string("mid"), l = lua_string("mid")},
   vdouble(3.14159), {c = "0", l = "false"}, {c = "(void *)0", l = "nil"}, vlong(-99), {c = "(double)(float)0x1.4p+1", l = "ffi.new(\"float\", 2.5)"},
   {c = c_string("end"), l = lua_string("end")}, vlong(1 << 50), vdouble(-2.25)},
  -- size_t and long boxed: an unboxed Lua integer is a long long, which only
  -- LP64 targets read back correctly with %zu/%ld/%lx
  {fmt("%zu %ld %llu %lx"), {c = "(size_t)-1", l = "ffi.new(\"size_t\", -1)"},
   {c = "(long)(-2147483647 - 1)", l = "ffi.new(\"long\", -2147483648)"}, vlong(-2),
   {c = "(unsigned long)0x7fff", l = "ffi.new(\"unsigned long\", 0x7fff)"}},
  {fmt("no conversions at all")},
}
for _, f in ipairs(fmts) do
  local extra = table.move(f, 2, #f, 1, {})
  va_case("fmt_var", "int", {f[1]}, extra, {fmt = true})
end
local function mem(s) return {c = "(void *)" .. c_string(s), l = "buf(" .. lua_string(s) .. ")"} end
local function rec_va(r, vals)
  local decl_ = c_build(r, "v", vals)
  return {c = "({ " .. decl_ .. " v; })", l = "ffi.new(" .. lua_string(r.c) .. ", " .. lua_table(r, vals) .. ")"}
end
local mixes = {
  {"ldsi", vlong(I64MIN), vdouble(1e300), {c = c_string("str"), l = lua_string("str")}, {c = "1", l = "true"}},
  {"ipsu", {c = "(int)(short)-2", l = "ffi.new(\"short\", -2)"}, mem("ABCDEFGH"), {c = "(const char *)0", l = "nil"},
   {c = "(unsigned int)7U", l = "ffi.new(\"unsigned int\", 7)"}},
  {"dddddddddd", vdouble(0.5), vdouble(1.5), vdouble(2.5), vdouble(3.5), vdouble(4.5), vdouble(5.5), vdouble(6.5),
   vdouble(7.5), vdouble(8.5), vdouble(-0.0)},
  {"llllllllll", vlong(1), vlong(2), vlong(3), vlong(4), vlong(5), vlong(6), vlong(7), vlong(8), vlong(-1), vlong(I64MAX)},
  {"SF", rec_va(byname.S2i, {-1, 2147483647}), rec_va(byname.F2, {-0.5, FLT_MAX})},
  {"DIL", rec_va(byname.D2, {1e300, -0.0}), rec_va(byname.IF, {-7, 1.25}), rec_va(byname.S2l, {I64MIN, -1})},
  {"lSdFlDlIp", vlong(5), rec_va(byname.S2i, {3, 4}), vdouble(-2.5), rec_va(byname.F2, {1.0, 2.0}), vlong(-6),
   rec_va(byname.D2, {0.25, 0.75}), vlong(7), rec_va(byname.IF, {8, 9.5}), {c = "(void *)0", l = "nil"}},
  {"dldldldldldldldldl", vdouble(1.5), vlong(1), vdouble(2.5), vlong(2), vdouble(3.5), vlong(3), vdouble(4.5), vlong(4),
   vdouble(5.5), vlong(5), vdouble(6.5), vlong(6), vdouble(7.5), vlong(7), vdouble(8.5), vlong(8), vdouble(9.5), vlong(9)},
  {"UCU", rec_va(byname.U8, {-0.5}), rec_va(byname.S3c, {1, 2, 3}), rec_va(byname.U8, {1e300})},
  {"lGl", vlong(1), rec_va(byname.L24, {-5, 0.25, I64MIN}), vlong(2)},
}
for _, m in ipairs(mixes) do
  va_case("var_mix", "uint64_t", {{c = c_string(m[1]), l = lua_string(m[1])}}, table.move(m, 2, #m, 1, {}))
end
for _, n in ipairs({0, 1, 5}) do
  local fixed = {vlong(-1), vlong(2), vlong(I64MIN), vlong(4), vlong(5)}
  for i = 1, 8 do fixed[#fixed + 1] = vdouble(i * 0.5) end
  fixed[#fixed + 1] = n_of(n)
  -- int64_t fixed parameters: the vlong cast is fine for int64_t
  local extra = {}
  for i = 1, n do
    extra[#extra + 1] = vlong(longs[i])
    extra[#extra + 1] = vdouble(doubles[i])
  end
  va_case("var_spill", "uint64_t", fixed, extra)
end

-- -- Layout facts from the compiler, for diagnosis --

put(oracle_c, "/* sizeof and _Alignof of every record, as the compiler lays them out. */")
for _, r in ipairs(records) do
  put(oracle_h, string.format("extern const size_t abi_size_%s, abi_align_%s;", r.name, r.name))
  put(oracle_c, string.format("ABI_EXPORT const size_t abi_size_%s = sizeof(%s), abi_align_%s = _Alignof(%s);",
                              r.name, r.c, r.name, r.c))
end

-- -- Summary and output --

local shapes = {}
for _, r in ipairs(records) do shapes[#shapes + 1] = lua_string(r.c) end
local refused = {}
for _, r in ipairs(refused_records) do refused[#refused + 1] = lua_string(r.c) end
put(cases, string.format("return {cases = C, callbacks = CB, functions = %d, records = {%s}, refused = {%s}, " ..
                         "varargs = %d}", nfuncs, table.concat(shapes, ", "), table.concat(refused, ", "), nva))

local function write(name, buf)
  local f = assert(io.open(outdir .. "/" .. name, "wb"))
  f:write(table.concat(buf, "\n"), "\n")
  f:close()
end
write("abi_types.h", types_h)
write("abi_funcs.h", funcs_h)
write("abi_refused.h", refused_h)
write("abi.c", lib_c)
write("abi_oracle.h", oracle_h)
write("abi_oracle.c", oracle_c)
write("abi_cases.lua", cases)
io.write(string.format("gen_abi: %d functions, %d records, %d cases + %d callback + %d varargs\n", nfuncs,
                       #records, ncases, ncb, nva))
