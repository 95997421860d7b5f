-- pluto-ffi call-overhead benchmark: each row runs the same Lua loop twice,
-- once calling through the FFI and once through a hand-written lua_CFunction
-- binding of the same C function (benchbind.so), interleaved over rounds.
--
-- usage: lua5.4 bench.lua /path/to/libbench.so
-- env:   BENCH_N       iterations per measurement (default 2000000)
--        BENCH_ROUNDS  rounds; the minimum per side is kept (default 5)
--        BENCH_BIND    "cdef" (lib:cdef, default) or "wrap" (lib:wrap with type strings)
--        BENCH_ROW     run only this row (inc, add_dd, sum4, ptr_off, get, set)
--        BENCH_SIDE    single-shot mode for run.sh --callgrind: "ffi", "c" or "loop";
--                      runs BENCH_ROW's loop once with BENCH_N iterations, prints nothing

local libpath = assert(arg[1], "usage: lua5.4 bench.lua /path/to/libbench.so")
local N = math.tointeger(tonumber(os.getenv("BENCH_N") or "2000000"))
local ROUNDS = math.tointeger(tonumber(os.getenv("BENCH_ROUNDS") or "5"))
local BIND = os.getenv("BENCH_BIND") or "cdef"
local ONLY = os.getenv("BENCH_ROW")
local SIDE = os.getenv("BENCH_SIDE")
assert(N and N > 0, "BENCH_N must be a positive integer")
assert(ROUNDS and ROUNDS > 0, "BENCH_ROUNDS must be a positive integer")
assert(BIND == "cdef" or BIND == "wrap", "BENCH_BIND must be cdef or wrap")

local bb = require "benchbind"

-- The FFI side is optional so the hand-written half can be checked alone.
local have_ffi, ffi = pcall(require, "ffi")
local ffi_err
if not have_ffi then ffi_err, ffi = tostring(ffi), nil end

-- -- Loop kernels: both sides run exactly these functions (same bytecode) --

local function k_empty(_, n)
  for _ = 1, n do end
end

local kernels = {
  inc = function(f, n)
    local x = 0
    for i = 1, n do x = f(i) end
    return x
  end,
  add_dd = function(f, n)
    local x = 0.0
    for _ = 1, n do x = f(1.5, 2.25) end
    return x
  end,
  sum4 = function(f, n)
    local x = 0
    for i = 1, n do x = f(i, 2, 3, 4) end
    return x
  end,
  ptr_off = function(f, n, p)
    local q = p
    for _ = 1, n do q = f(p, 8) end
    return q
  end,
  get = function(pt, n)
    local x = 0
    for _ = 1, n do x = pt.x end
    return x
  end,
  set = function(pt, n)
    for i = 1, n do pt.x = i end
  end,
}

-- -- The two sides --

local lightp = bb.lightbuf()  -- a light userdata both ptr_off sides receive

local C = {
  inc = bb.inc, add_dd = bb.add_dd, sum4 = bb.sum4, ptr_off = bb.ptr_off,
  get = bb.newpt(), set = bb.newpt(),
}

local F
if ffi then
  local lib = ffi.open(libpath)
  F = {}
  if BIND == "cdef" then
    lib:cdef [[
      int inc(int a);
      double add_dd(double a, double b);
      int sum4(int a, int b, int c, int d);
      void *ptr_off(void *p, size_t n);
      size_t pt_size(void);
    ]]
    F.inc, F.add_dd, F.sum4, F.ptr_off = lib.inc, lib.add_dd, lib.sum4, lib.ptr_off
    F.pt_size = lib.pt_size
  else
    F.inc = lib:wrap("i32", "inc", "i32")
    F.add_dd = lib:wrap("f64", "add_dd", "f64", "f64")
    F.sum4 = lib:wrap("i32", "sum4", "i32", "i32", "i32", "i32")
    F.ptr_off = lib:wrap("ptr", "ptr_off", "ptr", "u64")
    F.pt_size = lib:wrap("u64", "pt_size", "void")
  end
  ffi.cdef "struct Pt { int x; int y; double z; };"
  F.get, F.set = ffi.new("Pt"), ffi.new("Pt")
end

local ROWS = {
  { key = "inc",     name = "int inc(int)" },
  { key = "add_dd",  name = "double add_dd(double,double)" },
  { key = "sum4",    name = "int sum4(int,int,int,int)" },
  { key = "ptr_off", name = "void *ptr_off(void*,size_t)" },
  { key = "get",     name = "struct Pt: get p.x" },
  { key = "set",     name = "struct Pt: set p.x" },
}

-- Both sides must compute the same thing before their speed means anything.
local function check(side, t)
  assert(t.inc(41) == 42, side .. ": inc")
  assert(t.add_dd(1.5, 2.25) == 3.75, side .. ": add_dd")
  assert(t.sum4(1, 2, 3, 4) == 10, side .. ": sum4")
  assert(t.ptr_off(lightp, 8) == bb.ptr_off(lightp, 8), side .. ": ptr_off")
  t.set.x = 7; assert(t.set.x == 7, side .. ": set/get")
  t.set.x = 0
  t.get.x = 12345
end
check("C binding", C)
if F then
  check("ffi", F)
  assert(ffi.sizeof("Pt") == F.pt_size(), "ffi: sizeof(struct Pt) differs from the compiler's")
end

local function extra(key) return key == "ptr_off" and lightp or nil end

-- -- Single-shot mode (callgrind): no output, deterministic work --

if SIDE then
  assert(ONLY and kernels[ONLY], "BENCH_SIDE needs BENCH_ROW set to a row name")
  if SIDE == "loop" then
    k_empty(nil, N)
  elseif SIDE == "c" then
    kernels[ONLY](C[ONLY], N, extra(ONLY))
  elseif SIDE == "ffi" then
    assert(F, "ffi module not available: " .. tostring(ffi_err))
    kernels[ONLY](F[ONLY], N, extra(ONLY))
  else
    error("BENCH_SIDE must be ffi, c or loop")
  end
  return
end

-- -- Timed mode --

local function measure(kernel, obj, ex)
  collectgarbage("collect")
  local t0 = os.clock()
  kernel(obj, N, ex)
  return os.clock() - t0
end

local rows = {}
for _, r in ipairs(ROWS) do
  if not ONLY or ONLY == r.key then rows[#rows + 1] = r end
end
assert(#rows > 0, "no row named " .. tostring(ONLY))

-- warm-up: page in code, settle the allocator
for _, r in ipairs(rows) do
  kernels[r.key](C[r.key], N // 20 + 1, extra(r.key))
  if F then kernels[r.key](F[r.key], N // 20 + 1, extra(r.key)) end
end

local best_loop = math.huge
local best = {}
for _, r in ipairs(rows) do best[r.key] = { ffi = math.huge, c = math.huge } end

for round = 1, ROUNDS do
  best_loop = math.min(best_loop, measure(k_empty, nil))
  for _, r in ipairs(rows) do
    local k, ex, b = kernels[r.key], extra(r.key), best[r.key]
    -- alternate which side goes first, so drift hits both equally
    if round % 2 == 1 then
      if F then b.ffi = math.min(b.ffi, measure(k, F[r.key], ex)) end
      b.c = math.min(b.c, measure(k, C[r.key], ex))
    else
      b.c = math.min(b.c, measure(k, C[r.key], ex))
      if F then b.ffi = math.min(b.ffi, measure(k, F[r.key], ex)) end
    end
  end
end

local function ns(t) return (t - best_loop) / N * 1e9 end

print(string.format("pluto-ffi bench: %s, N=%d, rounds=%d (min per side), ffi binding: %s",
  _VERSION, N, ROUNDS, F and ("lib:" .. BIND) or "n/a"))
print(string.format("empty-loop baseline: %.2f ns/iter (subtracted from every number below)",
  best_loop / N * 1e9))
print()
local fmt = "%-30s | %12s | %18s | %6s"
print(string.format(fmt, "row", "ffi ns/call", "C binding ns/call", "ratio"))
print(string.rep("-", 30) .. "-+-" .. string.rep("-", 12) .. "-+-" .. string.rep("-", 18) .. "-+-" .. string.rep("-", 6))
local met = 0
for _, r in ipairs(rows) do
  local b = best[r.key]
  local c_ns = ns(b.c)
  local f_ns, ratio = "n/a", "n/a"
  if F then
    local fv = ns(b.ffi)
    f_ns = string.format("%.1f", fv)
    local q = fv / c_ns
    ratio = string.format("%.2f", q)
    if q <= 1.5 then met = met + 1 end
  end
  print(string.format(fmt, r.name, f_ns, string.format("%.1f", c_ns), ratio))
end
print()
if F then
  print(string.format("%d of %d rows meet the goal (ffi <= 1.5x the hand-written binding)", met, #rows))
else
  print("ffi module not available, hand-written side only: " .. tostring(ffi_err):gsub("\n.*", ""))
end
