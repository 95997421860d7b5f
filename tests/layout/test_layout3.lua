-- test_layout3.lua <gcc|clang> -- the runtime's record layout against a compiler's.
--
-- tests/layout/records.h is compiled by gcc and by clang into
-- liblayout3_<cc>.so (layout3.c): a table of each record's sizeof/alignof and
-- each member's offset (bitfields: absolute bit position and width), computed
-- by the compiler, plus accessors doing real C member access. This script
-- feeds the same header to ffi.cdef, reads the table through the FFI, and
-- compares every number; then it writes members from Lua and reads them in C,
-- and the reverse, comparing the bytes both sides produce.
local t = require "harness"
local ffi = require "ffi"

local CC = arg[1]
assert(CC == "gcc" or CC == "clang", "usage: test_layout3.lua gcc|clang")

local HEADER = "tests/layout/records.h"
local header = t.readfile(t.source(HEADER))

-- Runtime input: the header without preprocessor lines other than #pragma pack.
-- One conditional is understood, for the targets whose `long` is 32 bits:
-- `#if __SIZEOF_LONG__ == N` / `#else` / `#endif` (not nested), decided with
-- ffi.sizeof("long"); the compilers decide it themselves.
local cdef_text
do
  local out, keep = {}, nil
  for line in (header .. "\n"):gmatch("([^\n]*)\n") do
    local n = line:match("^%s*#%s*if%s+__SIZEOF_LONG__%s*==%s*(%d+)%s*$")
    if n then
      keep = ffi.sizeof("long") == tonumber(n)
      line = ""
    elseif keep ~= nil and line:match("^%s*#%s*else%s*$") then
      keep = not keep
      line = ""
    elseif keep ~= nil and line:match("^%s*#%s*endif") then
      keep = nil
      line = ""
    elseif keep == false then
      line = ""
    elseif line:match("^%s*#") and not line:match("^%s*#%s*pragma%s+pack") then
      line = ""
    end
    out[#out + 1] = line
  end
  cdef_text = table.concat(out, "\n")
end

-- -- The compiler's table --

local L = ffi.open(t.fixture("layout3_" .. CC))
L:cdef [[
  int lay_count(void);
  const char *lay_record(int i);
  const char *lay_field(int i);
  const char *lay_kind(int i);
  long lay_size(int i);
  long lay_align(int i);
  long lay_offset(int i);
  int lay_bitpos(int i);
  int lay_bitsize(int i);
  int lay_width(int i);
  int lay_signed(int i);
  int lay_bool(int i);
  long long lay_get(int i, const void *rec);
  void lay_set(int i, void *rec, long long v);
  double lay_getd(int i, const void *rec);
  void lay_setd(int i, void *rec, double v);
  const char *lay_getstr(int i, const void *rec);
  void lay_setstr(int i, void *rec, const char *s);
  void *lay_getp(int i, const void *rec);
  void lay_setp(int i, void *rec, void *v);
  double l3_flex_sum(const void *f);
  long l3_flex_struct_sum(const void *f);
  long long l3_flex_ll_get(const void *f, int i);
  int l3_flex_pad_get(const void *f, int i);
]]

-- records[i] = { name, kind = "record"|"type", size, align, members = { row... } }
local records, by_name = {}, {}
local nrows = L.lay_count()
for i = 0, nrows - 1 do
  local name, field, kind = L.lay_record(i), L.lay_field(i), L.lay_kind(i)
  if not field then
    local r = { name = name, kind = kind, size = L.lay_size(i), align = L.lay_align(i), members = {} }
    records[#records + 1] = r
    by_name[name] = r
  else
    local r = by_name[name]
    local m = {
      index = i, path = field, kind = kind, size = L.lay_size(i), offset = L.lay_offset(i),
      bitpos = L.lay_bitpos(i), bitsize = L.lay_bitsize(i), width = L.lay_width(i),
      signed = L.lay_signed(i) == 1, bool = L.lay_bool(i) == 1,
    }
    r.members[#r.members + 1] = m
    if kind == "flex" then r.flex = true end
  end
end

-- "pts[2].y" -> { "pts", 2, "y" }
local function split_path(path)
  local comps = {}
  for tok in path:gmatch("[^%.%[%]]+") do
    comps[#comps + 1] = tonumber(tok) or tok
  end
  return comps
end

-- -- The header's records and members, found without the runtime's parser --

local KEYWORDS = {}
for w in ([[void char short int long float double signed unsigned _Bool const volatile
  restrict __restrict __restrict__ typedef static extern inline __extension__ __builtin_va_list]]):gmatch("%S+") do
  KEYWORDS[w] = true
end

local function tokenize(src)
  src = src:gsub("/%*.-%*/", " "):gsub("//[^\n]*", "")
  src = ("\n" .. src):gsub("\n[ \t]*#[^\n]*", "\n")
  local toks = {}
  local i = 1
  while i <= #src do
    local s, e = src:find("^%s+", i)
    if s then i = e + 1 end
    if i > #src then break end
    local id = src:match("^[%w_]+", i)
    if id then
      toks[#toks + 1] = id
      i = i + #id
    elseif src:sub(i, i + 2) == "..." then
      toks[#toks + 1] = "..."
      i = i + 3
    else
      toks[#toks + 1] = src:sub(i, i)
      i = i + 1
    end
  end
  return toks
end

local function scan_header(src)
  local toks, p = tokenize(src), 1
  local typedefs, found = {}, {}
  local OPEN = { ["("] = ")", ["["] = "]", ["{"] = "}" }

  local function skip_balanced()
    local depth = 0
    repeat
      local tok = toks[p]
      if OPEN[tok] then depth = depth + 1 elseif tok == ")" or tok == "]" or tok == "}" then depth = depth - 1 end
      p = p + 1
    until depth == 0
  end
  local function skip_extras()
    while toks[p] == "__attribute__" or toks[p] == "__attribute" or toks[p] == "_Alignas" do
      p = p + 1
      skip_balanced()
    end
  end

  local parse_body

  -- Declaration specifiers; returns the inline record (kw, tag, members) if one is defined here.
  local function specifiers()
    local spec, typed = {}, false
    while true do
      local tok = toks[p]
      if tok == "__attribute__" or tok == "__attribute" or tok == "_Alignas" then
        skip_extras()
      elseif KEYWORDS[tok] then
        typed = typed or not (tok == "const" or tok == "volatile" or tok == "typedef")
        p = p + 1
      elseif tok == "struct" or tok == "union" or tok == "enum" then
        spec.kw = tok
        p = p + 1
        skip_extras()
        if toks[p] ~= "{" then
          spec.tag = toks[p]
          p = p + 1
          skip_extras()
        end
        if toks[p] == "{" then
          if tok == "enum" then skip_balanced() else spec.members = parse_body() end
          skip_extras()
        end
        typed = true
      elseif not typed and typedefs[tok] then
        typed = true
        p = p + 1
      else
        return spec
      end
    end
  end

  -- Declarators up to ';': their names (false for an unnamed bitfield).
  local function declarators()
    local names = {}
    while toks[p] ~= ";" do
      local name, seen_colon = false, false
      while toks[p] ~= "," and toks[p] ~= ";" do
        local tok = toks[p]
        if tok == "__attribute__" or tok == "__attribute" then
          skip_extras()
        elseif OPEN[tok] and name then
          skip_balanced()
        else
          if tok == ":" then seen_colon = true end
          if not name and not seen_colon and tok:match("^[%a_]") and not KEYWORDS[tok] then name = tok end
          p = p + 1
        end
      end
      names[#names + 1] = name
      if toks[p] == "," then p = p + 1 end
    end
    p = p + 1
    return names
  end

  function parse_body()
    local members = {}
    p = p + 1 -- '{'
    while toks[p] ~= "}" do
      local spec = specifiers()
      local names = declarators()
      if #names == 0 and spec.members then -- anonymous struct/union member
        for _, m in ipairs(spec.members) do members[#members + 1] = m end
      end
      for _, n in ipairs(names) do
        if n then
          members[#members + 1] = n
          for _, m in ipairs(spec.members or {}) do members[#members + 1] = n .. "." .. m end
        end
      end
    end
    p = p + 1 -- '}'
    return members
  end

  while toks[p] do
    local is_typedef = toks[p] == "typedef"
    local spec = specifiers()
    local names = declarators()
    if spec.members and spec.tag then
      found[#found + 1] = { name = spec.kw .. " " .. spec.tag, members = spec.members }
    elseif spec.members and is_typedef and names[1] then
      found[#found + 1] = { name = names[1], members = spec.members }
    end
    if is_typedef then
      for _, n in ipairs(names) do if n then typedefs[n] = true end end
    end
  end
  return found
end

-- -- Checks --

local counts = { records = 0, types = 0, members = 0, bitfields = 0, values = 0 }

t.test("the compiler's table (" .. CC .. ")", function()
  local n = 0
  for _, r in ipairs(records) do if r.kind == "record" then n = n + 1 end end
  t.truthy(n >= 60, "only " .. n .. " records in liblayout3_" .. CC)
  t.truthy(nrows > 300, "lay_count() = " .. nrows)
  t.eq(L.lay_record(-1), nil, "lay_record out of range")
  t.eq(L.lay_offset(nrows), -1, "lay_offset out of range")
end)

t.test("the table lists exactly the header's records and members", function()
  local scanned = scan_header(header)
  t.truthy(#scanned >= 60, "found only " .. #scanned .. " records in " .. HEADER)
  local errs, in_header = {}, {}
  for _, s in ipairs(scanned) do
    in_header[s.name] = {}
    local r = by_name[s.name]
    if not r then
      errs[#errs + 1] = s.name .. " is in the header but not in layout3.c's table"
    else
      local listed = {}
      for _, m in ipairs(r.members) do listed[m.path] = true end
      for _, m in ipairs(s.members) do
        in_header[s.name][m] = true
        if not listed[m] then errs[#errs + 1] = s.name .. "." .. m .. " is not in layout3.c's table" end
      end
    end
  end
  for _, r in ipairs(records) do
    local h = in_header[r.name]
    if not h and r.kind == "record" and r.name:match("^%a+ ") then
      errs[#errs + 1] = r.name .. " is in layout3.c's table but not found in the header"
    elseif h then
      for _, m in ipairs(r.members) do
        if not h[m.path] and not m.path:find("[%.%[]") then
          errs[#errs + 1] = r.name .. "." .. m.path .. " is in layout3.c's table but not in the header"
        end
      end
    end
  end
  if #errs > 0 then error(table.concat(errs, "\n"), 0) end
end)

-- ffi.cdef of the whole header; if refused, one cdef per section so the rest is still checked.
local cdef_error
t.test("ffi.cdef accepts " .. HEADER, function()
  local ok, err = pcall(ffi.cdef, cdef_text)
  if not ok then
    cdef_error = tostring(err)
    error("the whole header was refused: " .. cdef_error, 0)
  end
end)
if cdef_error then
  local start, name = 1, "preamble"
  local function section(text, sname)
    t.test("ffi.cdef of section '" .. sname .. "'", function()
      local ok, err = pcall(ffi.cdef, text)
      if not ok then error(tostring(err), 0) end
    end)
  end
  for pos, next_name in cdef_text:gmatch("()/%* %-%- section: ([^%-]-) %-%- %*/") do
    section(cdef_text:sub(start, pos - 1), name)
    start, name = pos, next_name
  end
  section(cdef_text:sub(start), name)
end

-- The runtime's place of a member path: offset, then bit position and width for a bitfield.
local function runtime_place(name, inst, comps)
  local obj, off = inst, 0
  for i, c in ipairs(comps) do
    local last = i == #comps
    if type(c) == "number" then
      off = off + c * (ffi.sizeof(obj) // #obj)
    else
      local o, bp, bs = ffi.offsetof(i == 1 and name or obj, c)
      off = off + o
      if bp ~= nil then
        if not last then error("'" .. c .. "' is a bitfield inside the path", 0) end
        return off, bp, bs
      end
    end
    if not last then obj = obj[c] end
  end
  return off
end

local function fmt(errs, name)
  return #errs .. " mismatch(es) in " .. name .. " (" .. CC .. "):\n  " .. table.concat(errs, "\n  ")
end

local function new_instance(r)
  if r.flex then return ffi.new(r.name, 4) end
  return ffi.new(r.name)
end

for _, r in ipairs(records) do
  t.test("layout of " .. r.name, function()
    local errs = {}
    local function check(what, got, want)
      if got ~= want then
        errs[#errs + 1] = string.format("%s: expected %s, got %s", what, tostring(want), tostring(got))
      end
    end
    local function try(what, f, ...)
      local res = table.pack(pcall(f, ...))
      if not res[1] then
        errs[#errs + 1] = what .. ": error: " .. tostring(res[2])
        return false
      end
      return true, table.unpack(res, 2, res.n)
    end
    local ok, v = try("sizeof", ffi.sizeof, r.name)
    if ok then check("sizeof(" .. r.name .. ")", v, r.size) end
    ok, v = try("alignof", ffi.alignof, r.name)
    if ok then check("alignof(" .. r.name .. ")", v, r.align) end
    if r.kind == "record" then
      local inst
      ok, inst = try("ffi.new", new_instance, r)
      if ok and not r.flex then
        check("sizeof(instance)", ffi.sizeof(inst), r.size)
        check("#ffi.read(instance)", #ffi.read(inst), r.size)
      end
      for _, m in ipairs(r.members) do
        local what = r.name .. "." .. m.path
        local comps = split_path(m.path)
        local off, bp, bs
        if inst then ok, off, bp, bs = try("offsetof(" .. what .. ")", runtime_place, r.name, inst, comps) end
        if inst and ok then
          if m.kind == "bits" then
            if bp == nil then
              errs[#errs + 1] = string.format("%s: a %d-bit bitfield at bit %d, but offsetof gives byte %d and no bit position",
                what, m.bitsize, m.bitpos, off)
            else
              check(what .. " bit position (offset*8+bitpos)", off * 8 + bp, m.bitpos)
              check(what .. " bit width", bs, m.bitsize)
            end
            counts.bitfields = counts.bitfields + 1
          else
            check(what .. " offset", off, m.offset)
            if bp ~= nil then errs[#errs + 1] = what .. ": not a bitfield, but offsetof gives bit position " .. bp end
          end
          if #comps == 1 then -- the other forms of offsetof agree
            check(what .. " offsetof(instance)", (ffi.offsetof(inst, m.path)), (ffi.offsetof(r.name, m.path)))
          end
          if m.kind == "field" or m.kind == "string" then -- arrays and records: a view of the right size
            local okv, view = pcall(function()
              local obj = inst
              for _, c in ipairs(comps) do obj = obj[c] end
              return obj
            end)
            if okv and type(view) == "userdata" and not pcall(ffi.sizeof, view) then
              -- an address, not a view: va_list is a plain pointer on i386 and ppc64le
              check(what .. " a pointer-sized member read as an address", m.size, string.packsize("T"))
            elseif okv and type(view) == "userdata" then
              check(what .. " sizeof(member view)", ffi.sizeof(view), m.size)
            elseif m.size > 0 then
              errs[#errs + 1] = what .. ": reading the member gave " .. tostring(view) .. ", expected a view"
            end
          end
        end
        counts.members = counts.members + 1
      end
      counts.records = counts.records + 1
    else
      counts.types = counts.types + 1
    end
    if #errs > 0 then error(fmt(errs, r.name), 0) end
  end)
end

-- -- Values: Lua writes, C reads; C writes, Lua reads; both sides' bytes agree --

local PATTERN = 0x5A3C96E1B4D2F087

local function sign_extend(v, w)
  if w < 64 and v >= (1 << (w - 1)) then v = v - (1 << w) end
  return v
end

-- Values that fit a member of width w (as C's long long view).
local function int_values(m, k)
  local w = m.width
  if m.bool then return { 1, 0 } end
  local rot = (PATTERN << (k % 64)) | (PATTERN >> (64 - k % 64)) -- k-th rotation (>> is logical)
  if w >= 64 then
    if m.signed then return { rot, math.maxinteger, math.mininteger, -1 } end
    return { rot, -1, math.maxinteger, 1 }
  end
  local mask = (1 << w) - 1
  if m.signed then
    return { sign_extend(rot & mask, w), (1 << (w - 1)) - 1, -(1 << (w - 1)), -1 }
  end
  return { rot & mask, mask, 1, 0 }
end

local FLOATS = { 1.5, -3.25, 1024.0 }

-- Lua-side value of a C value: _Bool members are Lua booleans.
local function lua_value(m, v)
  if m.bool then return v ~= 0 end
  return v
end

local function walk(inst, comps)
  local obj = inst
  for i = 1, #comps - 1 do obj = obj[comps[i]] end
  return obj, comps[#comps]
end

local function lua_set(inst, m, v)
  local obj, key = walk(inst, split_path(m.path))
  obj[key] = v
end

local function lua_get(inst, m)
  local obj, key = walk(inst, split_path(m.path))
  return obj[key]
end

local function hex(s)
  return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

-- Bits set in a byte string, as "first+count" in allocation order (little-endian).
-- Bits in allocation order, as layout3.c counts them: from the low bit of each
-- byte on a little-endian target, from the high bit on a big-endian one.
local BIG_ENDIAN = ffi.read(ffi.new("uint16_t", 1)):byte(1) == 0
local function set_bits(bytes)
  local first, count = nil, 0
  for i = 1, #bytes do
    local b = bytes:byte(i)
    for j = 0, 7 do
      if b & (1 << (BIG_ENDIAN and 7 - j or j)) ~= 0 then
        first = first or (i - 1) * 8 + j
        count = count + 1
      end
    end
  end
  return first, count
end

local function string_value(m, k)
  local s = ("abcdefghijklmnopqrstuvwxyz"):sub(1 + k % 7) .. "0123456789ABCDEFGHIJ"
  return s:sub(1, math.max(0, m.size - 1))
end

-- One member, on fresh zeroed instances; returns the list of mismatches.
-- At most MAX_REPORTED mismatches are listed per member (one wrong offset breaks every value).
local MAX_REPORTED = 4
local function roundtrip(r, m, all_errs)
  local what = r.name .. "." .. m.path
  local errs = {}
  local function check(desc, got, want)
    if got ~= want then
      errs[#errs + 1] = string.format("%s: %s: expected %s, got %s", what, desc, tostring(want), tostring(got))
    end
  end
  local function guard(desc, f)
    local ok, err = pcall(f)
    if not ok then errs[#errs + 1] = what .. ": " .. desc .. ": error: " .. tostring(err) end
  end
  local function report()
    for i = 1, math.min(#errs, MAX_REPORTED) do all_errs[#all_errs + 1] = errs[i] end
    if #errs > MAX_REPORTED then
      all_errs[#all_errs + 1] = string.format("%s: ... and %d more mismatches", what, #errs - MAX_REPORTED)
    end
  end
  if m.kind == "int" or m.kind == "bits" then
    -- All ones written from Lua covers exactly the compiler's bits.
    guard("Lua writes all ones", function()
      local inst = new_instance(r)
      lua_set(inst, m, m.bool and true or (m.signed and -1 or (m.width >= 64 and -1 or (1 << m.width) - 1)))
      local first, count = set_bits(ffi.read(inst))
      -- a whole member's row gives its first byte (offset * 8): a true _Bool
      -- sets the byte's low bit, the last one in big-endian allocation order
      if m.kind ~= "bits" and first then first = first - first % 8 end
      check("bits set by a Lua write of all ones (first bit)", first, m.bitpos)
      check("bits set by a Lua write of all ones (count)", count, m.bool and 1 or m.width)
    end)
    for _, v in ipairs(int_values(m, m.index)) do
      guard("value " .. v, function()
        local a, b = new_instance(r), new_instance(r)
        lua_set(a, m, lua_value(m, v))
        check("C reads what Lua wrote", L.lay_get(m.index, a), v)
        L.lay_set(m.index, b, v)
        check("Lua reads what C wrote", lua_get(b, m), lua_value(m, v))
        local ba, bb = ffi.read(a), ffi.read(b)
        if ba ~= bb then check("bytes after writing " .. v .. " (Lua vs C)", hex(ba), hex(bb)) end
        counts.values = counts.values + 1
      end)
    end
  elseif m.kind == "float" then
    for _, v in ipairs(FLOATS) do
      guard("value " .. v, function()
        local a, b = new_instance(r), new_instance(r)
        lua_set(a, m, v)
        check("C reads what Lua wrote", L.lay_getd(m.index, a), v)
        L.lay_setd(m.index, b, v)
        check("Lua reads what C wrote", lua_get(b, m), v)
        local ba, bb = ffi.read(a), ffi.read(b)
        if ba ~= bb then check("bytes after writing " .. v .. " (Lua vs C)", hex(ba), hex(bb)) end
        counts.values = counts.values + 1
      end)
    end
  elseif m.kind == "string" then
    local s = string_value(m, m.index)
    guard("string " .. string.format("%q", s), function()
      local a, b = new_instance(r), new_instance(r)
      lua_set(a, m, s)
      check("C reads what Lua wrote", L.lay_getstr(m.index, a), s)
      L.lay_setstr(m.index, b, s)
      check("Lua reads what C wrote", ffi.string(lua_get(b, m)), s)
      local ba, bb = ffi.read(a), ffi.read(b)
      if ba ~= bb then check("bytes after writing the string (Lua vs C)", hex(ba), hex(bb)) end
      counts.values = counts.values + 1
    end)
  elseif m.kind == "pointer" then
    guard("pointer", function()
      local buf = ffi.alloc(16)
      ffi.write(buf, "hello")
      local addr = ffi.addressof(buf)
      local b = new_instance(r)
      L.lay_setp(m.index, b, addr)
      local v = lua_get(b, m)
      if type(v) == "string" then -- const char *: a Lua string both ways
        check("Lua reads what C wrote (const char *)", v, "hello")
        local a = new_instance(r)
        lua_set(a, m, "hello")
        check("C reads what Lua wrote (const char *)", ffi.string(L.lay_getp(m.index, a)), "hello")
      else
        check("Lua reads what C wrote (address)", v ~= nil and ffi.cast("uintptr_t", v), ffi.cast("uintptr_t", addr))
        local a = new_instance(r)
        lua_set(a, m, v) -- the pointer object Lua read
        check("C reads the pointer object Lua wrote", L.lay_getp(m.index, a), addr)
        local c = new_instance(r)
        lua_set(c, m, addr) -- a light userdata
        check("C reads the light userdata Lua wrote", L.lay_getp(m.index, c), addr)
        local ba, bb = ffi.read(a), ffi.read(b)
        if ba ~= bb then check("bytes after writing the pointer (Lua vs C)", hex(ba), hex(bb)) end
      end
      counts.values = counts.values + 1
    end)
  end
  report()
end

local VALUE_KINDS = { int = true, bits = true, float = true, string = true }

-- Every value member at once (records whose value members do not overlap).
local function all_at_once(r, all_errs)
  local errs = {}
  local ms = {}
  for _, m in ipairs(r.members) do if VALUE_KINDS[m.kind] then ms[#ms + 1] = m end end
  if #ms < 2 then return end
  for i = 1, #ms do
    for j = i + 1, #ms do
      local a, b = ms[i], ms[j]
      local aw = (a.kind == "bits") and a.bitsize or a.size * 8
      local bw = (b.kind == "bits") and b.bitsize or b.size * 8
      if a.bitpos < b.bitpos + bw and b.bitpos < a.bitpos + aw then return end -- overlap: unions
    end
  end
  local vals = {}
  for k, m in ipairs(ms) do
    if m.kind == "float" then
      vals[k] = k + 0.5
    elseif m.kind == "string" then
      vals[k] = string_value(m, k)
    elseif m.bool then
      vals[k] = k % 2
    else
      vals[k] = int_values(m, 7 * k + 3)[1]
    end
  end
  local ok, err = pcall(function()
    local a, b = new_instance(r), new_instance(r)
    for k, m in ipairs(ms) do
      local v = vals[k]
      if m.kind == "float" then
        lua_set(a, m, v)
        L.lay_setd(m.index, b, v)
      elseif m.kind == "string" then
        lua_set(a, m, v)
        L.lay_setstr(m.index, b, v)
      else
        lua_set(a, m, lua_value(m, v))
        L.lay_set(m.index, b, v)
      end
    end
    for k, m in ipairs(ms) do
      local what, v = r.name .. "." .. m.path, vals[k]
      local c_read, lua_read, want_lua
      if m.kind == "float" then
        c_read, lua_read, want_lua = L.lay_getd(m.index, a), lua_get(b, m), v
      elseif m.kind == "string" then
        c_read, lua_read, want_lua = L.lay_getstr(m.index, a), ffi.string(lua_get(b, m)), v
      else
        c_read, lua_read, want_lua = L.lay_get(m.index, a), lua_get(b, m), lua_value(m, v)
      end
      if c_read ~= v then
        errs[#errs + 1] = string.format("%s: all members written from Lua, C reads %s, expected %s", what, tostring(c_read), tostring(v))
      end
      if lua_read ~= want_lua then
        errs[#errs + 1] = string.format("%s: all members written from C, Lua reads %s, expected %s", what, tostring(lua_read), tostring(want_lua))
      end
    end
    local ba, bb = ffi.read(a), ffi.read(b)
    if ba ~= bb then
      errs[#errs + 1] = string.format("all members written: bytes from Lua %s, from C %s", hex(ba), hex(bb))
    end
    counts.values = counts.values + #ms
  end)
  if not ok then errs[#errs + 1] = "all members at once: error: " .. tostring(err) end
  for i = 1, math.min(#errs, 2 * MAX_REPORTED) do all_errs[#all_errs + 1] = errs[i] end
  if #errs > 2 * MAX_REPORTED then
    all_errs[#all_errs + 1] = string.format("all members at once: ... and %d more mismatches", #errs - 2 * MAX_REPORTED)
  end
end

for _, r in ipairs(records) do
  local has_values = false
  for _, m in ipairs(r.members) do if VALUE_KINDS[m.kind] or m.kind == "pointer" then has_values = true end end
  if has_values then
    t.test("values of " .. r.name, function()
      -- C's accessors touch sizeof bytes of the compiler's layout: never past a smaller instance.
      local size = ffi.sizeof(new_instance(r))
      if size < r.size then
        error(string.format("values of %s (%s) not compared: the runtime's instance has %d bytes, the "
          .. "compiler's record %d, so the C accessors would go past its end", r.name, CC, size, r.size), 0)
      end
      local errs = {}
      for _, m in ipairs(r.members) do roundtrip(r, m, errs) end
      all_at_once(r, errs)
      if #errs > 0 then error(fmt(errs, r.name), 0) end
    end)
  end
end

-- -- Flexible array members: elements written from Lua, read in C --

t.test("flexible array member: struct l3_flex data[] (double)", function()
  local f = ffi.new("struct l3_flex", 5)
  t.eq(#f.data, 5, "#f.data of ffi.new('struct l3_flex', 5)")
  f.n = 5
  for i = 0, 4 do f.data[i] = i * 1.5 end
  t.eq(L.l3_flex_sum(f), 15.0, "sum of data[0..4] in C")
  counts.values = counts.values + 1
end)

t.test("flexible array member: struct l3_flex_struct pts[] (records)", function()
  local s = ffi.new("struct l3_flex_struct", 3)
  t.eq(#s.pts, 3, "#s.pts of ffi.new('struct l3_flex_struct', 3)")
  s.n = 3
  for i = 0, 2 do
    s.pts[i].x = i + 1
    s.pts[i].y = 10 * i
  end
  t.eq(L.l3_flex_struct_sum(s), 1000 + 2010 + 3020, "sum of pts in C")
  counts.values = counts.values + 1
end)

t.test("flexible array member: struct l3_flex_ll x[] (after a char)", function()
  local x = ffi.new("struct l3_flex_ll", 3)
  t.eq(#x.x, 3, "#x.x of ffi.new('struct l3_flex_ll', 3)")
  x.c = 7
  x.x[2] = -1234567890123
  t.eq(L.l3_flex_ll_get(x, 2), -1234567890123, "x[2] in C")
  counts.values = counts.values + 1
end)

t.test("flexible array member: struct l3_flex_pad data[] (inside the tail padding)", function()
  local p = ffi.new("struct l3_flex_pad", 4)
  t.eq(#p.data, 4, "#p.data of ffi.new('struct l3_flex_pad', 4)")
  p.c = 1
  p.data[3] = 65
  t.eq(L.l3_flex_pad_get(p, 3), 65, "data[3] in C")
  counts.values = counts.values + 1
end)

t.test("totals (" .. CC .. ")", function()
  local nrec, ntypes, nmembers = 0, 0, 0
  for _, r in ipairs(records) do
    if r.kind == "record" then nrec = nrec + 1 else ntypes = ntypes + 1 end
    nmembers = nmembers + #r.members
  end
  print(string.format("layout3 (%s): checked %d of %d records and %d of %d other types, %d of %d members "
    .. "(%d bitfields), %d value round trips", CC, counts.records, nrec, counts.types, ntypes,
    counts.members, nmembers, counts.bitfields, counts.values))
  t.eq(counts.records, nrec, "records checked")
  t.eq(counts.types, ntypes, "other types checked")
  t.eq(counts.members, nmembers, "members checked")
end)

t.done()
