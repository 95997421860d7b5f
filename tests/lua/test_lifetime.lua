-- test_lifetime.lua -- what keeps what alive: wrappers keep their library
-- loaded, a library nothing references is unloaded (checked with
-- dlopen(RTLD_NOLOAD) from libcalls' lib_is_loaded), struct types and their
-- instances outlive one another (fixtures: libunload, libcalls).
local t = require "harness"
local ffi = require "ffi"

local UNLOAD = t.fixture("unload")
local probe = ffi.open(t.fixture("calls")):wrap("i32", "lib_is_loaded", "str")

local function full_gc()
  collectgarbage()
  collectgarbage()
end

t.test("the probe sees loaded and unloaded libraries", function()
  t.eq(probe(t.fixture("calls")), 1, "libcalls is loaded (the probe lives there)")
  full_gc()
  t.eq(probe(UNLOAD), 0, "libunload is not loaded before anyone opens it")
end)

t.test("a library nothing references is unloaded", function()
  -- used inside a function so no dead stack slot of this one still holds it
  local function use_once()
    local lib = ffi.open(UNLOAD)
    t.eq(probe(UNLOAD), 1, "loaded while the table is alive")
    t.eq(lib:wrap("i32", "unload_value")(), 1234)
  end
  use_once()
  full_gc()
  t.eq(probe(UNLOAD), 0, "unloaded once unreachable")
end)

t.test("a wrapper keeps its library loaded", function()
  local lib = ffi.open(UNLOAD)
  local f = lib:wrap("i32", "unload_value")
  lib = nil
  full_gc()
  t.eq(probe(UNLOAD), 1, "still loaded while the wrapper lives")
  t.eq(f(), 1234, "the wrapper still works")
  f = nil
  full_gc()
  t.eq(probe(UNLOAD), 0, "unloaded after the wrapper went away")
end)

t.test("the seed's pattern: local add = lib.add; lib = nil", function()
  local lib = ffi.open(UNLOAD)
  lib:cdef "int unload_value(void);"
  local value = lib.unload_value
  lib = nil
  full_gc()
  t.eq(value(), 1234)
  t.eq(probe(UNLOAD), 1)
  value = nil
  full_gc()
  t.eq(probe(UNLOAD), 0)
end)

t.test("clearing the library table's field drops the wrapper", function()
  local lib = ffi.open(UNLOAD)
  lib.f = lib:wrap("i32", "unload_value")
  t.eq(lib.f(), 1234)
  lib.f = nil
  lib = nil
  full_gc()
  t.eq(probe(UNLOAD), 0)
end)

t.test("open, use and drop many times", function()
  local function round(i)
    local lib = ffi.open(UNLOAD)
    t.eq(lib:wrap("i32", "unload_value")(), 1234, "round " .. i)
  end
  for i = 1, 50 do
    round(i)
    if i % 10 == 0 then full_gc() end
  end
  full_gc()
  t.eq(probe(UNLOAD), 0)
end)

t.test("a library opened twice stays until both are gone", function()
  local a = ffi.open(UNLOAD)
  local b = ffi.open(UNLOAD)
  a = nil
  full_gc()
  t.eq(probe(UNLOAD), 1, "b still holds it")
  t.eq(b:wrap("i32", "unload_value")(), 1234)
  b = nil
  full_gc()
  t.eq(probe(UNLOAD), 0)
end)

t.test("an instance outlives its unreachable type object", function()
  local inst
  do
    local T = ffi.struct "struct Orphan { int a; double b; const char *s; };"
    inst = T.new()
  end
  full_gc()
  inst.a = 41
  inst.b = 0.5
  inst.s = "still here"
  full_gc()
  t.eq(inst.a, 41)
  t.eq(inst.b, 0.5)
  t.eq(inst.s, "still here")
  -- int, double, pointer: the double 8-aligned in records (4 in the i386 psABI)
  local da, P = ffi.arch == "x86" and 4 or 8, string.packsize("T")
  t.eq(ffi.offsetof(inst, "s"), da + 8)
  t.eq(ffi.sizeof(inst), (da + 8 + P + da - 1) // da * da)
end)

t.test("a struct type outlives its instances", function()
  local T = ffi.struct "struct Survivor { int a; };"
  for _ = 1, 1000 do
    local inst = T.new()
    inst.a = 1
  end
  full_gc()
  local inst = T.new()
  t.eq(inst.a, 0, "new instances after the old ones were collected are zero-filled")
  inst.a = 5
  t.eq(inst.a, 5)
  t.eq(ffi.sizeof(T), 4)
end)

t.test("instances made from a registered name outlive the name's users", function()
  ffi.cdef "struct Named2 { int v; };"
  local inst = ffi.new("Named2")
  ffi.Named2 = nil -- the user clears the module field; the type is still registered
  full_gc()
  inst.v = 3
  t.eq(inst.v, 3)
  t.eq(ffi.sizeof("Named2"), 4)
end)

t.test("a pointer object read from a field stays usable after a GC", function()
  ffi.cdef "struct LPoint { int x; }; struct LHolder { struct LPoint *p; };"
  local p = ffi.new("LPoint")
  local h = ffi.new("LHolder")
  h.p = p
  local view = h.p
  full_gc()
  p.x = 12
  t.eq(view.x, 12)
end)

-- Runs a chunk in a child interpreter (this one, with the same module path),
-- which closes its Lua state at the end: what lua_close frees is checked too.
local function in_child(code)
  local function q(s) return "'" .. s:gsub("'", "'\\''") .. "'" end
  io.stdout:flush()
  return os.execute(q(os.getenv("FFI_LUA_RUNNER") or arg[-1]) .. " -e " .. q(code)) -- the emulator too, cross-built
end

t.test("a copied type node owns no cached libffi type (aligned typedef after a call)", function()
  -- issue 9, item 2: the typedef's copy shared struct CT's cached libffi type, freed twice at lua_close
  local ok, how, code = in_child [[
    local ffi = require "ffi"
    local libc = ffi.open("libc.so.6")
    ffi.cdef "struct CT { int a; int b; };"
    libc:wrap("struct CT", "div", "i32", "i32") -- caches the libffi type of struct CT
    ffi.cdef "typedef struct CT __attribute__((aligned(32))) CT32;"
    assert(ffi.alignof("CT32") == 32 and ffi.sizeof("CT32") == 8)
    -- the copy is over-aligned: by value it is refused, not passed with struct CT's layout
    local ok, e = pcall(libc.wrap, libc, "CT32", "div", "i32", "i32")
    assert(not ok and e:find("over-aligned", 1, true), tostring(e))
    local d = libc:wrap("struct CT", "div", "i32", "i32")(7, 2)
    assert(d.a == 3 and d.b == 1)
  ]]
  t.truthy(ok, "child exited with " .. tostring(how) .. " " .. tostring(code))
end)

t.done()
