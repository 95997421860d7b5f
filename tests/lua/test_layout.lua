-- test_layout.lua -- struct layout against the compiler's.
--
-- tests/fixtures/layout_structs.h is compiled into liblayout (layout.c), which
-- exports a table of sizeof / offsetof values computed by the C compiler. This
-- test feeds the same header text to ffi.cdef and compares every number,
-- reading the table through the FFI itself.
local t = require "harness"
local ffi = require "ffi"

local HEADER = "tests/fixtures/layout_structs.h"
local header = t.readfile(t.source(HEADER))

-- The header's structs and members, found here without the runtime's parser:
-- { name = "L09_CharInt", fields = { "c", "i" } } in declaration order.
local structs = {}
for name, body in header:gmatch("struct%s+([%w_]+)%s*(%b{})%s*;") do
  local fields = {}
  for decl in body:sub(2, -2):gmatch("[^;]+") do
    for piece in decl:gmatch("[^,]+") do
      local field = piece:match("([%a_][%w_]*)%s*$")
      if field then fields[#fields + 1] = field end
    end
  end
  structs[#structs + 1] = { name = name, fields = fields }
end

local L = ffi.open(t.fixture("layout"))
L:cdef [[
  int layout_count(void);
  const char *layout_struct(int i);
  const char *layout_field(int i);
  long layout_value(int i);
]]

-- The compiler's numbers: table[struct][""] = sizeof, table[struct][field] = offsetof.
local compiler = {}
local entries = L.layout_count()
for i = 0, entries - 1 do
  local s, f, v = L.layout_struct(i), L.layout_field(i), L.layout_value(i)
  compiler[s] = compiler[s] or {}
  compiler[s][f or ""] = v
end

local checked_structs, checked_fields = 0, 0

t.test("the header defines structs and the C table describes them", function()
  t.truthy(#structs >= 40, "found " .. #structs .. " structs in " .. HEADER)
  t.truthy(entries > #structs, "layout_count() = " .. entries)
  t.eq(L.layout_struct(-1), nil, "out of range")
  t.eq(L.layout_value(entries), -1, "out of range")
end)

t.test("the C table lists exactly the header's structs and fields", function()
  local n = 0
  for _, s in ipairs(structs) do
    local c = compiler[s.name]
    t.truthy(c, "liblayout has no entry for struct " .. s.name)
    t.truthy(c[""], "liblayout has no sizeof for struct " .. s.name)
    for _, f in ipairs(s.fields) do
      t.truthy(c[f], "liblayout has no offsetof for " .. s.name .. "." .. f)
    end
    n = n + 1 + #s.fields
  end
  t.eq(n, entries, "every table entry corresponds to a header struct or field")
end)

local cdef_ok = false
t.test("ffi.cdef accepts the whole header", function()
  ffi.cdef(header)
  cdef_ok = true
end)

for _, s in ipairs(structs) do
  t.test("layout of struct " .. s.name, function()
    t.truthy(cdef_ok, "the header did not load")
    local c = compiler[s.name]
    local size = c[""]
    t.eq(ffi.sizeof(s.name), size, "sizeof(" .. s.name .. ")")
    t.eq(ffi.sizeof("struct " .. s.name), size, "sizeof(struct " .. s.name .. ")")
    t.eq(ffi.sizeof(ffi[s.name]), size, "sizeof(ffi." .. s.name .. ")")
    local inst = ffi.new(s.name)
    t.eq(ffi.sizeof(inst), size, "sizeof(instance)")
    t.eq(#ffi.read(inst), size, "ffi.read(instance) length")
    for _, f in ipairs(s.fields) do
      t.eq(ffi.offsetof(s.name, f), c[f], "offsetof(" .. s.name .. ", " .. f .. ")")
      t.eq(ffi.offsetof(ffi[s.name], f), c[f], "offsetof(ffi." .. s.name .. ", " .. f .. ")")
      t.eq(ffi.offsetof(inst, f), c[f], "offsetof(instance, " .. f .. ")")
      checked_fields = checked_fields + 1
    end
    checked_structs = checked_structs + 1
  end)
end

t.test("layout totals", function()
  local nfields = 0
  for _, s in ipairs(structs) do nfields = nfields + #s.fields end
  print(string.format("checked %d of %d structs, %d of %d fields against the compiler",
    checked_structs, #structs, checked_fields, nfields))
  t.truthy(checked_structs > 0, "no struct was checked")
  t.eq(checked_structs, #structs)
  t.eq(checked_fields, nfields)
end)

t.done()
