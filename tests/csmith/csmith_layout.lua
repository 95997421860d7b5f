-- csmith_layout.lua -- csmith's random struct and union declarations (packing,
-- bit-fields) checked against gcc and clang, through ffi.cdef and ffi-import.
--
--   <runner> csmith_layout.lua OUTDIR            generate, compare (the test)
--   <runner> csmith_layout.lua OUTDIR --cdef     compare OUTDIR's files again (FFI_CSMITH_VERBOSE=1:
--                                                print every mismatch)
--
-- Environment (tests/csmith/CMakeLists.txt sets it; scripts/csmith.sh for big runs):
--   FFI_CSMITH         the csmith program
--   FFI_CSMITH_SEEDS   seeds: "1,5,9" or "1-200" (default: a fixed small set)
--   FFI_CC_GCC, FFI_CC_CLANG   the two compilers (the reference)
--   FFI_IMPORT         ffi-import; when set, the same header also goes through it
--
-- For each seed csmith writes a program; its "Struct/Union Declarations" block
-- is kept, tags renamed per seed (S0 -> cs7_S0). Odd seeds have csmith's
-- #pragma pack(1) changed to pack(2), pack(4) or pack(8), so every pack value
-- meets bit-fields. All blocks form records.h. table.c prints each record's
-- sizeof/alignof, each member's offset and size, and each bit-field's first
-- bit and width (found by storing all ones into a zeroed record: the
-- compiler's answer, no assumption about its rules); gcc's and clang's tables
-- must agree. Then, in this process, ffi.cdef(records.h) must give the same
-- numbers (and a store of -1 into each bit-field must set the same bits); in
-- a child process, the module ffi-import writes for records.h (with
-- --check-layout, which asserts clang's layout when it loads) must too.
local t = require "harness"
local ffi = require "ffi"

local outdir = assert(arg[1], "usage: csmith_layout.lua OUTDIR")
local mode = arg[2] -- "--module MODULE": the child process of the ffi-import pass

local slurp = t.readfile

local function spit(path, s)
  local f = assert(io.open(path, "wb"))
  f:write(s)
  f:close()
end

local function sh(cmd)
  local ok, how, code = os.execute(cmd)
  return ok == true, cmd .. " (" .. tostring(how) .. " " .. tostring(code) .. ")"
end

-- -- The compilers' table --

local function parse_table(text)
  local recs, order = {}, {}
  for line in text:gmatch("[^\n]+") do
    local kind, rest = line:match("^(%u) (.*)$")
    if kind == "R" then
      local name, size, align = rest:match("^(.-) (%d+) (%d+)$")
      recs[name] = {size = tonumber(size), align = tonumber(align), members = {}}
      order[#order + 1] = name
    elseif kind == "M" or kind == "B" then
      local name, f, a, b = rest:match("^(.-) (%S+) (%-?%d+) (%d+)$")
      local m = recs[name].members
      m[#m + 1] = {name = f, bits = kind == "B", a = tonumber(a), b = tonumber(b)}
    end
  end
  return recs, order
end

-- Compares the runtime's layout (the ffi state as it is) with the table.
local function compare(recs, order, label)
  local bad, checks = {}, 0
  local function check(what, got, want)
    checks = checks + 1
    if got ~= want then bad[#bad + 1] = ("%s: %s: expected %s, got %s"):format(label, what, want, tostring(got)) end
  end
  local le = not ffi.abi or ffi.abi("le")
  for _, name in ipairs(order) do
    local r = recs[name]
    local ok, size = pcall(ffi.sizeof, name)
    if not ok then
      bad[#bad + 1] = ("%s: %s: %s"):format(label, name, tostring(size))
    else
      check("sizeof(" .. name .. ")", size, r.size)
      check("alignof(" .. name .. ")", select(2, pcall(ffi.alignof, name)), r.align)
      local okn, inst = pcall(ffi.new, name)
      for _, m in ipairs(r.members) do
        local where = name .. "." .. m.name
        local okf, off, bpos, bsize = pcall(ffi.offsetof, name, m.name)
        if not okf then
          bad[#bad + 1] = ("%s: offsetof(%s): %s"):format(label, where, tostring(off))
        elseif m.bits then
          check("first bit of " .. where, le and bpos and off * 8 + bpos, le and m.a or nil)
          check("width of " .. where, bsize, m.b)
          if okn and le then -- all ones stored through the runtime: which bits are set?
            ffi.fill(inst, size, 0)
            if pcall(function() inst[m.name] = -1 end) then
              local bytes, first, n = ffi.read(inst), nil, 0
              for i = 1, #bytes do
                local v = bytes:byte(i)
                for bit = 0, 7 do
                  if v & (1 << bit) ~= 0 then
                    first = first or (i - 1) * 8 + bit
                    n = n + 1
                  end
                end
              end
              check("bits set by storing -1 into " .. where, first, m.a)
              check("number of bits set by storing -1 into " .. where, n, m.b)
            end
          end
        else
          check("offsetof(" .. where .. ")", off, m.a)
        end
      end
    end
  end
  if os.getenv("FFI_CSMITH_VERBOSE") then
    for _, b in ipairs(bad) do io.stderr:write(b, "\n") end
  end
  return bad, checks
end

-- -- The child: load the module ffi-import wrote, then compare --

if mode == "--module" then
  local recs, order = parse_table(slurp(outdir .. "/table-gcc.txt"))
  t.test("the ffi-import module loads (its --check-layout asserts clang's layout)", function()
    dofile(arg[3])
  end)
  t.test("layouts through ffi-import agree with gcc", function()
    local bad, checks = compare(recs, order, "ffi-import")
    print(("ffi-import: %d records, %d checks, %d mismatches"):format(#order, checks, #bad))
    if #bad > 0 then error(table.concat(bad, "\n", 1, math.min(#bad, 40)), 0) end
  end)
  t.done()
  return
end

-- "--cdef": compare ffi.cdef of an existing OUTDIR's records.h again (a quick re-check)
if mode == "--cdef" then
  local recs, order = parse_table(slurp(outdir .. "/table-gcc.txt"))
  t.test("ffi.cdef of " .. outdir .. "/records.h agrees with gcc", function()
    ffi.cdef(slurp(outdir .. "/records.h"))
    local bad, checks = compare(recs, order, "ffi.cdef")
    print(("ffi.cdef: %d records, %d checks, %d mismatches"):format(#order, checks, #bad))
    if #bad > 0 then error(table.concat(bad, "\n", 1, math.min(#bad, 40)), 0) end
  end)
  t.done()
  return
end

-- -- Generating records.h and table.c --

local csmith = os.getenv("FFI_CSMITH") or "csmith"
local gcc = os.getenv("FFI_CC_GCC") or "gcc"
local clang = os.getenv("FFI_CC_CLANG") or "clang"
local import = os.getenv("FFI_IMPORT")
local seeds = {}
for part in (os.getenv("FFI_CSMITH_SEEDS") or "2,3,4,5,7,8,10,12,13,14,15,16"):gmatch("[^,]+") do
  local a, b = part:match("^(%d+)%-(%d+)$")
  if a then
    for s = tonumber(a), tonumber(b) do seeds[#seeds + 1] = s end
  else
    seeds[#seeds + 1] = assert(tonumber(part), "bad seed " .. part)
  end
end

local TYPE_WORDS = {}
for w in ("signed unsigned char short int long const volatile _Bool float double"):gmatch("%S+") do
  TYPE_WORDS[w] = true
end

local blocks, records = {}, {} -- records: {c = "struct cs7_S0", members = {{name, bits}}}

-- The records of a declaration block in csmith's format: "struct T {" at the
-- start of a line, one member per line, "};" alone.
local function scan(decls)
  local cur
  for line in decls:gmatch("[^\n]+") do
    local kw, tag = line:match("^(%a+) ([%a_][%w_]*) {")
    if kw then
      cur = {c = kw .. " " .. tag, members = {}}
      records[#records + 1] = cur
    elseif line:match("^};") then
      cur = nil
    elseif cur then
      local decl, width = line:match("^%s*(.-)%s*:%s*(%d+)%s*;")
      decl = decl or line:match("^%s*(.-)%s*;")
      local name = decl and decl:match("([%a_][%w_]*)%s*$")
      local words = 0
      for _ in (decl or ""):gmatch("[%a_][%w_]*") do words = words + 1 end
      if name and words > 1 and not TYPE_WORDS[name] then -- an unnamed bit-field has only type words
        cur.members[#cur.members + 1] = {name = name, bits = width ~= nil}
      end
    end
  end
end
local packs = {2, 4, 8}
for _, seed in ipairs(seeds) do
  local prog = ("%s/cs-%d.c"):format(outdir, seed)
  -- in outdir: csmith writes platform.info into the current directory
  local ok, why = sh(("cd '%s' && '%s' --seed %d --bitfields --packed-struct -o '%s' > /dev/null 2>&1"):format(outdir,
    csmith, seed, prog))
  assert(ok, "csmith failed: " .. why)
  local src = slurp(prog)
  os.remove(prog) -- only its declarations are kept
  local decls = src:match("/%* %-%-%- Struct/Union Declarations %-%-%- %*/\n(.-)/%* %-%-%- GLOBAL VARIABLES")
  if decls and decls:match("%S") then
    decls = decls:gsub("%f[%w_]([SU]%d+)%f[^%w_]", "cs" .. seed .. "_%1")
    if seed % 2 == 1 then
      decls = decls:gsub("#pragma pack%(1%)", "#pragma pack(" .. packs[seed // 2 % 3 + 1] .. ")")
    end
    blocks[#blocks + 1] = ("/* csmith --seed %d */\n%s"):format(seed, decls)
    scan(decls)
  end
end
-- the records that always come along (extra.h, beside this script)
do
  local here = arg[0]:match("^(.*)/[^/]*$") or "."
  local decls = slurp(here .. "/extra.h")
  blocks[#blocks + 1] = decls
  scan(decls)
end
assert(#records > 0, "csmith produced no records for the seeds given")

local header = "#include <stdint.h>\n\n" .. table.concat(blocks, "\n")
spit(outdir .. "/records.h", header)

local c = {[[
/* table.c -- generated by csmith_layout.lua: the compiler's layout of records.h */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#define const /* const bit-fields must be stored to find their bits; layout is the same */
#include "records.h"

static void bits(const char *rec, const char *f, const unsigned char *p, size_t n) {
  int first = -1, count = 0;
  for (size_t i = 0; i < n; i++)
    for (int b = 0; b < 8; b++)
      if (p[i] >> b & 1) {
        if (first < 0) first = (int)(i * 8 + (size_t)b);
        count++;
      }
  printf("B %s %s %d %d\n", rec, f, first, count);
}

int main(void) {]]}
for _, r in ipairs(records) do
  c[#c + 1] = ('  printf("R %s %%zu %%zu\\n", sizeof(%s), _Alignof(%s));'):format(r.c, r.c, r.c)
  for _, m in ipairs(r.members) do
    if m.bits then
      c[#c + 1] = ('  { %s x; memset(&x, 0, sizeof x); x.%s = -1; bits("%s", "%s", (const unsigned char *)&x, sizeof x); }')
        :format(r.c, m.name, r.c, m.name)
    else
      c[#c + 1] = ('  printf("M %s %s %%zu %%zu\\n", offsetof(%s, %s), sizeof(((%s *)0)->%s));')
        :format(r.c, m.name, r.c, m.name, r.c, m.name)
    end
  end
end
c[#c + 1] = "  return 0;\n}\n"
spit(outdir .. "/table.c", table.concat(c, "\n"))

local tables = {}
for _, cc in ipairs({{"gcc", gcc}, {"clang", clang}}) do
  local exe = ("%s/table-%s"):format(outdir, cc[1])
  local txt = exe .. ".txt"
  local ok, why = sh(("'%s' -std=gnu11 -w -I'%s' -o '%s' '%s/table.c' && '%s' > '%s'"):format(cc[2], outdir, exe,
    outdir, exe, txt))
  assert(ok, "building or running the layout table failed: " .. why)
  tables[cc[1]] = slurp(txt)
end

local recs, order = parse_table(tables.gcc)

local nmembers, nbits = 0, 0
for _, name in ipairs(order) do
  for _, m in ipairs(recs[name].members) do
    if m.bits then nbits = nbits + 1 else nmembers = nmembers + 1 end
  end
end
print(("csmith: %d seeds, %d records, %d members, %d bit-fields (records.h, table-gcc.txt in %s)"):format(#seeds,
  #order, nmembers, nbits, outdir))

t.test("gcc and clang agree on every record", function()
  t.eq(tables.clang, tables.gcc)
end)

t.test("ffi.cdef of csmith's records agrees with the compilers", function()
  ffi.cdef(header)
  local bad, checks = compare(recs, order, "ffi.cdef")
  print(("ffi.cdef: %d checks, %d mismatches"):format(checks, #bad))
  if #bad > 0 then error(#bad .. " mismatches:\n" .. table.concat(bad, "\n", 1, math.min(#bad, 40)), 0) end
end)

if import and import ~= "" then
  t.test("ffi-import of csmith's records agrees with the compilers", function()
    local mod = outdir .. "/cs_records.lua"
    local ok, why = sh(("'%s' --check-layout -o '%s' '%s/records.h'"):format(import, mod, outdir))
    assert(ok, "ffi-import failed: " .. why)
    local interp = arg[-1]
    local i = -1
    while arg[i - 1] do i = i - 1 end
    local cmd = {}
    for k = i, -1 do cmd[#cmd + 1] = "'" .. arg[k] .. "'" end
    ok, why = sh(("%s '%s' '%s' --module '%s'"):format(table.concat(cmd, " "), arg[0], outdir, mod))
    assert(ok and interp, "the ffi-import pass failed (its output is above): " .. why)
  end)
end

t.done()
