-- pluto-ffi call-overhead benchmark: each row runs the same Lua loop twice,
-- once calling through the FFI and once through a hand-written lua_CFunction
-- binding of the same C function (benchbind.so), interleaved over rounds.
--
-- usage: lua5.4 bench.lua /path/to/libbench.so
-- env:   BENCH_N       iterations per measurement (default 2000000)
--        BENCH_ROUNDS  rounds; the minimum per side is kept (default 5)
--        BENCH_BIND    "cdef" (lib:cdef, default) or "wrap" (lib:wrap with type strings)
--        BENCH_ROW     run only this row (inc, add_dd, sum4, ptr_off, get, set,
--                      vadd, pmake, sum_var, apply, nget, nset, getset, vscale,
--                      sum_var3, cbloop)
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
  vadd = function(f, n, a, b)
    local r
    for _ = 1, n do r = f(a, b) end
    return r
  end,
  pmake = function(f, n)
    local r
    for i = 1, n do r = f(i, 2) end
    return r
  end,
  sum_var = function(f, n)
    local x = 0
    for i = 1, n do x = f(4, i, 2, 3, 4) end
    return x
  end,
  apply = function(f, n, cb)
    local x = 0
    for i = 1, n do x = f(cb, i) end
    return x
  end,
  nget = function(o, n)
    local x = 0
    for _ = 1, n do x = o.inner.x end
    return x
  end,
  nset = function(o, n)
    for i = 1, n do o.inner.x = i end
  end,
  getset = function(pt, n)
    local x = 0
    for i = 1, n do
      pt.x = i
      x = pt.x
    end
    return x
  end,
  vscale = function(f, n, a)
    local r
    for _ = 1, n do r = f(a, 0.5) end
    return r
  end,
  sum_var3 = function(f, n)
    local x = 0
    for i = 1, n do x = f(3, i, 2, 3) end
    return x
  end,
  -- one FFI call; the n iterations are C calling the Lua function back
  cbloop = function(f, n, cb) return f(cb, n) end,
}

-- The callback both apply sides call back into (same function, same bytecode).
local function plus1(v) return v + 1 end

-- -- The two sides --

-- Each side maps a row to { callee, extra kernel arguments... }.

local lightp = bb.lightbuf()  -- a light userdata both ptr_off sides receive

local C = {
  inc = { bb.inc }, add_dd = { bb.add_dd }, sum4 = { bb.sum4 },
  ptr_off = { bb.ptr_off, lightp },
  get = { bb.newpt() }, set = { bb.newpt() },
  vadd = { bb.vadd, bb.newvec3(1, 2, 3), bb.newvec3(0.5, 0.25, 0.125) },
  pmake = { bb.pmake },
  sum_var = { bb.sum_var },
  apply = { bb.apply, bb.callback(plus1) },
  nget = { bb.newouter() }, nset = { bb.newouter() },
  getset = { bb.newpt() },
  vscale = { bb.vscale, bb.newvec3(1, 2, 3) },
  sum_var3 = { bb.sum_var3 },
  cbloop = { bb.cb_loop, bb.callback(plus1) },
}

local F, FL  -- FL: the FFI's functions that are not rows (layout checks)
if ffi then
  ffi.cdef [[
    struct Pt { int x; int y; double z; };
    typedef struct Vec3 { double x, y, z; } Vec3;
    typedef struct Pair { int a, b; } Pair;
    struct Inner { int x; int y; };
    struct Outer { int id; struct Inner inner; double w; };
  ]]
  local lib = ffi.open(libpath)
  local fn = {}
  if BIND == "cdef" then
    lib:cdef [[
      int inc(int a);
      double add_dd(double a, double b);
      int sum4(int a, int b, int c, int d);
      void *ptr_off(void *p, size_t n);
      size_t pt_size(void);
      Vec3 vadd(Vec3 a, Vec3 b);
      Pair pmake(int a, int b);
      int sum_var(int n, ...);
      int apply(int (*f)(int), int x);
      size_t bench_layout(const char *what);
      Vec3 vscale(Vec3 a, double k);
      int cb_loop(int (*f)(int), int n);
    ]]
    for _, k in ipairs { "inc", "add_dd", "sum4", "ptr_off", "pt_size", "vadd", "pmake",
                         "sum_var", "apply", "bench_layout", "vscale", "cb_loop" } do
      fn[k] = lib[k]
    end
  else
    fn.inc = lib:wrap("i32", "inc", "i32")
    fn.add_dd = lib:wrap("f64", "add_dd", "f64", "f64")
    fn.sum4 = lib:wrap("i32", "sum4", "i32", "i32", "i32", "i32")
    fn.ptr_off = lib:wrap("ptr", "ptr_off", "ptr", "u64")
    fn.pt_size = lib:wrap("u64", "pt_size", "void")
    fn.vadd = lib:wrap("Vec3", "vadd", "Vec3", "Vec3")
    fn.pmake = lib:wrap("Pair", "pmake", "i32", "i32")
    -- wrap has no way to say '...': the variadic row is always declared
    lib:cdef "int sum_var(int n, ...);"
    fn.sum_var = lib.sum_var
    fn.apply = lib:wrap("i32", "apply", "ptr", "i32")
    fn.bench_layout = lib:wrap("u64", "bench_layout", "str")
    fn.vscale = lib:wrap("Vec3", "vscale", "Vec3", "f64")
    fn.cb_loop = lib:wrap("i32", "cb_loop", "ptr", "i32")
  end
  F = {
    inc = { fn.inc }, add_dd = { fn.add_dd }, sum4 = { fn.sum4 },
    ptr_off = { fn.ptr_off, lightp },
    get = { ffi.new("Pt") }, set = { ffi.new("Pt") },
    vadd = { fn.vadd, ffi.new("Vec3", { x = 1, y = 2, z = 3 }),
             ffi.new("Vec3", { x = 0.5, y = 0.25, z = 0.125 }) },
    pmake = { fn.pmake },
    sum_var = { fn.sum_var },
    apply = { fn.apply, ffi.callback("int", "int", plus1) },  -- made once, outside the loop
    nget = { ffi.new("struct Outer") }, nset = { ffi.new("struct Outer") },
    getset = { ffi.new("Pt") },
    vscale = { fn.vscale, ffi.new("Vec3", { x = 1, y = 2, z = 3 }) },
    sum_var3 = { fn.sum_var },
    cbloop = { fn.cb_loop, ffi.callback("int", "int", plus1) },
  }
  FL = fn
end

-- goal: the highest ratio (ffi / hand-written) the row may have; the issue-12
-- rows carry their own goals, the rest the original 1.5.
local ROWS = {
  { key = "inc",      name = "int inc(int)", goal = 1.2 },
  { key = "add_dd",   name = "double add_dd(double,double)", goal = 1.2 },
  { key = "sum4",     name = "int sum4(int,int,int,int)", goal = 1.2 },
  { key = "ptr_off",  name = "void *ptr_off(void*,size_t)", goal = 1.5 },
  { key = "get",      name = "struct Pt: get p.x", goal = 1.5 },
  { key = "set",      name = "struct Pt: set p.x", goal = 1.5 },
  { key = "getset",   name = "struct Pt: set + get p.x", goal = 1.0 },
  { key = "vadd",     name = "Vec3 vadd(Vec3,Vec3) by value", goal = 1.5 },
  { key = "vscale",   name = "Vec3 vscale(Vec3,double)", goal = 1.3 },
  { key = "pmake",    name = "Pair pmake(int,int) by value", goal = 1.5 },
  { key = "sum_var",  name = "int sum_var(int,...) 4 extra", goal = 1.5 },
  { key = "sum_var3", name = "int sum_var(int,...) 3 ints", goal = 2.0 },
  { key = "apply",    name = "int apply(cb,int): C->Lua", goal = 1.5 },
  { key = "cbloop",   name = "C loop -> Lua via int(*)(int)", goal = 1.5, noloop = true },
  { key = "nget",     name = "nested: get o.inner.x", goal = 1.5 },
  { key = "nset",     name = "nested: set o.inner.x", goal = 1.5 },
}

-- Both sides must compute the same thing before their speed means anything.
-- Each check goes through the row's kernel where it can, with a short n, so
-- what is checked is what is timed.
local function run(key, t, n)
  local a = t[key]
  return kernels[key](a[1], n, a[2], a[3])
end

local function check(side, t)
  local function ok(cond, what) assert(cond, side .. ": " .. what) end
  ok(t.inc[1](41) == 42 and run("inc", t, 9) == 10, "inc")
  ok(t.add_dd[1](1.5, 2.25) == 3.75 and run("add_dd", t, 3) == 3.75, "add_dd")
  ok(t.sum4[1](1, 2, 3, 4) == 10 and run("sum4", t, 5) == 14, "sum4")
  ok(t.ptr_off[1](lightp, 8) == bb.ptr_off(lightp, 8) and run("ptr_off", t, 2) == bb.ptr_off(lightp, 8),
     "ptr_off")
  t.set[1].x = 7; ok(t.set[1].x == 7, "set/get")
  run("set", t, 3); ok(t.set[1].x == 3, "set kernel")
  t.set[1].x = 0
  t.get[1].x = 12345; ok(run("get", t, 2) == 12345, "get kernel")
  local r = run("vadd", t, 2)
  ok(r.x == 1.5 and r.y == 2.25 and r.z == 3.125, "vadd")
  local a1 = t.vadd[2]
  ok(a1.x == 1 and a1.y == 2 and a1.z == 3, "vadd leaves its arguments alone")
  local p = run("pmake", t, 7)
  ok(p.a == 7 and p.b == 2, "pmake")
  p = t.pmake[1](-5, 2147483647)
  ok(p.a == -5 and p.b == 2147483647, "pmake extremes")
  ok(t.sum_var[1](4, 1, 2, 3, 4) == 10 and run("sum_var", t, 6) == 15, "sum_var")
  -- values that only survive if all 8 bytes of each extra argument are read
  ok(t.sum_var[1](2, 1 << 40, -(1 << 40) + 5, 0, 0) == 5, "sum_var reads long long")
  ok(t.apply[1](t.apply[2], 41) == 42 and run("apply", t, 4) == 5, "apply")
  local o = t.nget[1]
  o.inner.x = 31337; o.inner.y = -2; o.id = 9; o.w = 0.5
  ok(run("nget", t, 2) == 31337 and o.inner.y == -2 and o.id == 9 and o.w == 0.5, "nget")
  local o2 = t.nset[1]
  run("nset", t, 11)
  ok(o2.inner.x == 11 and o2.inner.y == 0 and o2.id == 0, "nset writes through to the parent")
  local inner = o2.inner
  inner.x = 4; ok(o2.inner.x == 4, "inner view writes through")
  o2.inner.x = 0
  local g = t.getset[1]
  ok(run("getset", t, 6) == 6 and g.x == 6, "getset")
  g.x = 0
  local v = run("vscale", t, 2)
  ok(v.x == 0.5 and v.y == 1 and v.z == 1.5, "vscale")
  ok(t.vscale[2].x == 1, "vscale leaves its argument alone")
  ok(t.sum_var3[1](3, 1, 2, 3) == 6 and run("sum_var3", t, 5) == 10, "sum_var3")
  -- sum of (i + 1) for i = 0..9
  ok(run("cbloop", t, 10) == 55, "cbloop")
end
check("C binding", C)
if F then
  check("ffi", F)
  assert(ffi.sizeof("Pt") == FL.pt_size(), "ffi: sizeof(struct Pt) differs from the compiler's")
  for what, v in pairs {
    Vec3 = ffi.sizeof("Vec3"), Pair = ffi.sizeof("Pair"), Outer = ffi.sizeof("struct Outer"),
    ["Outer.inner"] = ffi.offsetof("struct Outer", "inner"),
    ["Outer.w"] = ffi.offsetof("struct Outer", "w"),
    ["Outer.inner.x"] = ffi.offsetof("struct Outer", "inner") + ffi.offsetof("struct Inner", "x"),
  } do
    assert(FL.bench_layout(what) == v, "ffi: layout of " .. what .. " differs from the compiler's")
  end
  assert(F.apply[2]:callcount() > 0, "ffi: apply did not call the callback")
end

-- -- Single-shot mode (callgrind): no output, deterministic work --

if SIDE then
  assert(ONLY and kernels[ONLY], "BENCH_SIDE needs BENCH_ROW set to a row name")
  if SIDE == "loop" then
    k_empty(nil, N)
  elseif SIDE == "c" then
    run(ONLY, C, N)
  elseif SIDE == "ffi" then
    assert(F, "ffi module not available: " .. tostring(ffi_err))
    run(ONLY, F, N)
  else
    error("BENCH_SIDE must be ffi, c or loop")
  end
  return
end

-- -- Timed mode --

local function measure(kernel, a)
  local obj, x1, x2 = a and a[1], a and a[2], a and a[3]
  collectgarbage("collect")
  local t0 = os.clock()
  kernel(obj, N, x1, x2)
  return os.clock() - t0
end

local rows = {}
for _, r in ipairs(ROWS) do
  if not ONLY or ONLY == r.key then rows[#rows + 1] = r end
end
assert(#rows > 0, "no row named " .. tostring(ONLY))

-- warm-up: page in code, settle the allocator
for _, r in ipairs(rows) do
  run(r.key, C, N // 20 + 1)
  if F then run(r.key, F, N // 20 + 1) end
end

local best_loop = math.huge
local best = {}
for _, r in ipairs(rows) do best[r.key] = { ffi = math.huge, c = math.huge } end

for round = 1, ROUNDS do
  best_loop = math.min(best_loop, measure(k_empty, nil))
  for _, r in ipairs(rows) do
    local k, b = kernels[r.key], best[r.key]
    -- alternate which side goes first, so drift hits both equally
    if round % 2 == 1 then
      if F then b.ffi = math.min(b.ffi, measure(k, F[r.key])) end
      b.c = math.min(b.c, measure(k, C[r.key]))
    else
      b.c = math.min(b.c, measure(k, C[r.key]))
      if F then b.ffi = math.min(b.ffi, measure(k, F[r.key])) end
    end
  end
end

-- a row without a Lua loop (cbloop: one call, N iterations in C) keeps its whole time
local function ns(t, r) return (t - (r.noloop and 0 or best_loop)) / N * 1e9 end

print(string.format("pluto-ffi bench: %s, N=%d, rounds=%d (min per side), ffi binding: %s",
  _VERSION, N, ROUNDS, F and ("lib:" .. BIND) or "n/a"))
print(string.format("empty-loop baseline: %.2f ns/iter (subtracted from every number below)",
  best_loop / N * 1e9))
print()
local fmt = "%-30s | %12s | %18s | %6s | %5s"
print(string.format(fmt, "row", "ffi ns/call", "C binding ns/call", "ratio", "goal"))
print(string.rep("-", 30) .. "-+-" .. string.rep("-", 12) .. "-+-" .. string.rep("-", 18) .. "-+-" ..
  string.rep("-", 6) .. "-+-" .. string.rep("-", 5))
local met = 0
for _, r in ipairs(rows) do
  local b = best[r.key]
  local c_ns = ns(b.c, r)
  local f_ns, ratio = "n/a", "n/a"
  if F then
    local fv = ns(b.ffi, r)
    f_ns = string.format("%.1f", fv)
    local q = fv / c_ns
    ratio = string.format("%.2f", q)
    if q <= r.goal then met = met + 1 end
    if q > r.goal then ratio = ratio .. "*" end
  end
  print(string.format(fmt, r.name, f_ns, string.format("%.1f", c_ns), ratio, string.format("%.1f", r.goal)))
end
print()
if F then
  print(string.format("%d of %d rows meet their goal (ffi / hand-written <= goal; * = missed)", met, #rows))
else
  print("ffi module not available, hand-written side only: " .. tostring(ffi_err):gsub("\n.*", ""))
end
