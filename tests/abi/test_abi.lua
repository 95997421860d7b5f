-- test_abi.lua -- calls every function of the generated ABI library (libabi.so)
-- through the FFI and checks each result against the C oracle
-- (libabi_oracle.so), which made the same call compiled by the C compiler.
--
--   lua-run test_abi.lua <dir of gen_abi.lua's output>
--
-- ABI_ONLY=<Lua pattern> runs only the functions whose name matches (to
-- reproduce one failure: ABI_ONLY='^cb_last_Mat$' ctest -R abi -V).
--
-- The declarations given to cdef are the very headers abi.c was compiled with.
-- Records are compared leaf by leaf; floats exactly (the oracle ran the same
-- code on the same inputs), -0.0 told from 0.0, NaN equal to NaN.

local t = require "harness"
local ffi = require "ffi"

local gendir = assert(arg[1], "usage: test_abi.lua <generated dir>")
local spec = dofile(gendir .. "/abi_cases.lua")

local function text(name) return t.readfile(gendir .. "/" .. name) end

-- -- Values --

local function addr(p) return ffi.cast("uintptr_t", p) end

local function same(a, b)
  if type(a) == "number" and type(b) == "number" then
    if a ~= a and b ~= b then return true end
    if math.type(a) ~= math.type(b) then return false end
    if a == 0 and b == 0 and math.type(a) == "float" then return 1 / a == 1 / b end
    return a == b
  end
  if type(a) == "userdata" and type(b) == "userdata" then return addr(a) == addr(b) end
  return a == b
end

local function show(v)
  if math.type(v) == "float" then
    return string.format("%.17g (%a)", v, v)
  elseif math.type(v) == "integer" then
    return string.format("%d (0x%x)", v, v)
  elseif type(v) == "string" then
    return string.format("%q", v)
  elseif type(v) == "userdata" then
    local ok, a = pcall(addr, v)
    return ok and string.format("pointer 0x%x", a) or tostring(v)
  end
  return tostring(v)
end

local function get(obj, path)
  local v = obj
  for _, k in ipairs(path) do v = v[k] end
  return v
end

local function pathname(path)
  local s = ""
  for _, k in ipairs(path) do
    s = s .. (type(k) == "number" and ("[" .. k .. "]") or ("." .. k))
  end
  return s
end

local function buf(s)
  local b = ffi.alloc(#s)
  ffi.write(b, s)
  return b
end

-- -- Libraries and declarations --

-- Targets whose by-value rules for unions, bit-field and packed records the
-- runtime does not implement (record_abi CREC_NONE: s390x, i386, armhf; see
-- docs/targets.md) refuse them with this message. There abi_funcs.h is
-- declared lazily and a case may end in exactly this refusal, never in a
-- wrong value; elsewhere the eager declaration must succeed.
local TARGET_REFUSAL = "unions, packed and bit-field records cannot be passed by value on this target"
local target_refuses = false

local lib, olib
t.test("declare: abi_types.h, abi_funcs.h (libabi.so), abi_oracle.h (libabi_oracle.so)", function()
  ffi.cdef(text("abi_types.h"))
  lib = ffi.open(t.fixture("abi"))
  local ok, err = pcall(lib.cdef, lib, text("abi_funcs.h"))
  if not ok then
    if not tostring(err):find(TARGET_REFUSAL, 1, true) then error(err, 0) end
    target_refuses = true
    print("this target refuses unions, bit-field and packed records by value: " .. tostring(err))
    lib:cdef(text("abi_funcs.h"), {lazy = true})
  end
  olib = ffi.open(t.fixture("abi_oracle"))
end)
t.test("declare: abi_refused.h (lazy: by-value use may be refused)", function()
  lib:cdef(text("abi_refused.h"), {lazy = true})
  olib:cdef(text("abi_oracle.h"))
end)
if not (lib and olib) then
  t.done()
end

t.test("layout: sizeof and alignof of every record agree with the compiler", function()
  local bad = {}
  for _, r in ipairs(spec.records) do
    local name = r:match("(%S+)$") -- the tag, or a typedef name
    local ok, sz = pcall(ffi.sizeof, r)
    local ok2, al = pcall(ffi.alignof, r)
    local csz, cal = olib["abi_size_" .. name], olib["abi_align_" .. name]
    if not ok or not ok2 or sz ~= csz or al ~= cal then
      bad[#bad + 1] = string.format("%s: ffi sizeof %s alignof %s, C sizeof %d alignof %d", r, tostring(sz),
                                    tostring(al), csz, cal)
    end
  end
  if #bad > 0 then error(table.concat(bad, "\n")) end
end)

-- -- Running a case --

local function expected(c)
  local o = olib[c.oracle]
  if c.kind == "scalar" or c.kind == "recptr" then
    local b = ffi.new(c.ret .. "[1]")
    o(b)
    return b[0]
  elseif c.kind == "record" then
    local b = ffi.new(c.ret)
    o(b)
    return b
  elseif c.kind == "fmt" then
    local n, b = ffi.new("int[1]"), ffi.alloc(256)
    o(n, b)
    return n[0], ffi.string(b)
  end
  error("unknown case kind " .. tostring(c.kind))
end

local function describe(c)
  return string.format("%s\n         inputs: %s", c.sig, c.inputs)
end

-- Compares leaf by leaf; returns a list of differences.
local function compare_record(c, got, exp, diffs)
  if type(got) ~= "userdata" then
    diffs[#diffs + 1] = "result is " .. show(got) .. ", expected a record"
    return
  end
  for _, p in ipairs(c.paths) do
    local okg, g = pcall(get, got, p)
    local e = get(exp, p)
    if not okg then
      diffs[#diffs + 1] = string.format("%s: reading the result failed: %s", pathname(p), tostring(g))
    elseif not same(g, e) then
      diffs[#diffs + 1] = string.format("%s: expected %s, got %s", pathname(p), show(e), show(g))
    end
  end
end

local refusals = {}

-- Runs case c; returns nil when right, else a description of what went wrong.
local function run_case(c)
  local res = table.pack(pcall(c.call, ffi, lib, buf))
  if not res[1] then
    local msg = tostring(res[2])
    if target_refuses and msg:find(TARGET_REFUSAL, 1, true) then
      refusals[#refusals + 1] = c.fn .. ": " .. msg
      return nil
    end
    if c.refusable then
      -- allowed: a clear refusal naming the function and the reason
      if msg:find(c.fn, 1, true) and (msg:find("packed", 1, true) or msg:find("align", 1, true)) then
        refusals[#refusals + 1] = c.fn .. ": " .. msg
        return nil
      end
      return "refused, but not clearly (should name the function and say packed/align...): " .. msg
    end
    return "call raised an error: " .. msg
  end
  local diffs = {}
  local exp = table.pack(expected(c))
  if c.kind == "scalar" then
    if not same(res[2], exp[1]) then
      diffs[#diffs + 1] = string.format("expected %s, got %s", show(exp[1]), show(res[2]))
    end
  elseif c.kind == "record" then
    compare_record(c, res[2], exp[1], diffs)
  elseif c.kind == "recptr" then
    local g, e = res[2], exp[1]
    if g == nil or e == nil then
      if not (g == nil and e == nil) then
        diffs[#diffs + 1] = string.format("expected %s, got %s", show(e), show(g))
      end
    else
      if not same(g, e) then
        diffs[#diffs + 1] = string.format("address: expected %s, got %s", show(e), show(g))
      end
      compare_record(c, g, e, diffs)
    end
  elseif c.kind == "fmt" then
    if not same(res[2], exp[1]) then
      diffs[#diffs + 1] = string.format("return value: expected %s, got %s", show(exp[1]), show(res[2]))
    end
    if res[3] ~= exp[2] then
      diffs[#diffs + 1] = string.format("text: expected %s, got %s", show(exp[2]), show(res[3]))
    end
  end
  if #diffs > 0 then return table.concat(diffs, "\n         ") end
  return nil
end

-- -- All cases, one test per function --

local only = os.getenv("ABI_ONLY")
if only == "" then only = nil end
local order, byfn = {}, {}
for _, c in ipairs(spec.cases) do
  if only and not c.fn:find(only) then
    -- not selected
  elseif not byfn[c.fn] then
    byfn[c.fn] = {}
    order[#order + 1] = c.fn
  end
  if byfn[c.fn] then table.insert(byfn[c.fn], c) end
end

local called, calls, failed_calls = 0, 0, 0
local groups = {}
for _, fn in ipairs(order) do
  local list = byfn[fn]
  called = called + 1
  local g = list[1].group
  groups[g] = (groups[g] or 0) + 1
  t.test(fn, function()
    local problems = {}
    for i, c in ipairs(list) do
      calls = calls + 1
      local ok, err = pcall(run_case, c)
      if not ok then err = "test error: " .. tostring(err) end
      if err then
        failed_calls = failed_calls + 1
        problems[#problems + 1] = string.format("case %d/%d: %s\n         %s", i, #list, describe(c), err)
      end
    end
    if #problems > 0 then error(table.concat(problems, "\n       "), 0) end
  end)
end

-- -- Calls outside the generated cases --

t.test("a refused by-value signature leaves the library usable", function()
  t.eq(lib.echo_int32_t(-5), -5)
  local ok = pcall(function() return lib.take_PK5 end)
  t.eq(lib.echo_double(0.25), 0.25)
  t.type(ok, "boolean")
end)

t.test("by pointer, refusable records work (layouts agree)", function()
  for _, r in ipairs(spec.refused) do
    local name = r:match("(%S+)$") -- the tag, or a typedef name
    t.type(lib["ptr_" .. name], "function", "ptr_" .. name)
  end
end)

for _, r in ipairs(refusals) do print("refused (allowed): " .. r) end
local shapes = #spec.records
print(string.format("abi: %d functions in libabi.so, %d called in %d calls (%d wrong); %d record/union shapes " ..
                    "(%d refusable), %d varargs cases, %d callback functions", spec.functions, called, calls,
                    failed_calls, shapes, #spec.refused, spec.varargs, groups.callback or 0))
t.done()
