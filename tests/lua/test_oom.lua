-- test_oom.lua -- every allocation failure is a Lua error, never a crash, and
-- the module keeps working afterwards (issue 9, item 3).
--
-- ctest runs it in a capped address space (tests/lua/CMakeLists.txt):
--   bash -c 'ulimit -v 65536; exec lua-run test_oom.lua'
-- so malloc, mmap and libffi's closure allocator really fail. The cap is
-- checked first. Not run in the sanitizer build: AddressSanitizer reserves
-- terabytes of shadow memory and cannot start under ulimit -v.
local t = require "harness"
local ffi = require "ffi"

local lib = ffi.open(t.fixture("calls"))
lib:cdef [[
  struct OomPoint { int x; int y; };
  int point_sum(const struct OomPoint *p);
  int32_t id_i32(int32_t x);
]]

local MiB = 1 << 20

-- A failure is clean when it is a Lua error saying why (or Lua's own memory error).
local function oom(e)
  return type(e) == "string" and (e:find("not enough memory", 1, true) ~= nil or
    e:find("cannot allocate", 1, true) ~= nil)
end

local function vmsize_kib()
  for l in io.lines("/proc/self/status") do
    local v = l:match("^VmSize:%s*(%d+)")
    if v then return tonumber(v) end
  end
end

local function cap_kib()
  local p = io.popen("sh -c 'ulimit -v'")
  local v = p:read("l")
  p:close()
  return tonumber(v)
end

t.test("the address space is capped (the test means something)", function()
  local cap = cap_kib()
  t.truthy(cap, "ulimit -v is 'unlimited': run this test through ctest")
  t.truthy(cap <= 262144, "cap of " .. tostring(cap) .. " KiB is too large to exhaust")
  t.truthy(vmsize_kib() < cap, "the process already uses the cap")
end)

t.test("objects larger than the address space left are Lua errors", function()
  ffi.cdef "struct OomBig { char a[400 * 1024 * 1024]; };"
  local cases = {
    function() return ffi.new("char[?]", 400 * MiB) end,
    function() return ffi.new("struct OomBig") end,
    function() return ffi.alloc(400 * MiB) end,
    function() return ffi.new("double[?]", 100 * MiB, { 1, 2, 3 }) end,
  }
  for i, f in ipairs(cases) do
    local ok, e = pcall(f)
    t.eq(ok, false, "case " .. i .. " allocated")
    t.truthy(oom(e), "case " .. i .. ": " .. tostring(e))
  end
end)

-- Everything the module allocates, as one list of operations; each must
-- either work or fail with a memory error.
local cbtype = "int (*)(int)"
local counter = 0
local ops = {
  function() return ffi.new("struct OomPoint", { x = 1, y = 2 }) end,
  function() return ffi.new("int[?]", 20000) end,
  function() return ffi.alloc(64 * 1024) end,
  function() return ffi.alloc(16) end,
  function() return ffi.new("char[?]", 100, "hello") end,
  function()
    counter = counter + 1
    local src = {}
    for k = 1, 40 do src[#src + 1] = "int m" .. k .. "[" .. k .. "];" end
    return ffi.cdef("struct OomNew" .. counter .. " { " .. table.concat(src) .. " };")
  end,
  function() return ffi.callback("int", "int", function(x) return x + 1 end) end,
  function() return ffi.cast(cbtype, function(x) return x * 2 end) end,
  function() return lib:wrap("int", "id_i32", "int") end,
  function() return lib.point_sum(ffi.new("struct OomPoint", { x = 3, y = 4 })) end,
  function() return ffi.string(ffi.new("char[?]", 5000, string.rep("x", 4000))) end,
  function() return ffi.typeof("struct OomPoint *[8]") end,
  function() return ffi.sizeof("int[" .. (1000 + counter) .. "]") end,
}

local function try_all(stats)
  for i, op in ipairs(ops) do
    local ok, e = pcall(op)
    if ok then
      stats.ok = stats.ok + 1
    elseif oom(e) then
      stats.oom = stats.oom + 1
    else
      stats.bad[#stats.bad + 1] = "op " .. i .. ": " .. tostring(e)
    end
  end
end

t.test("with memory exhausted, every operation works or fails cleanly", function()
  local hog, n, stats = {}, 0, { ok = 0, oom = 0, bad = {} }
  for i = 1, 100000 do hog[i] = false end -- sized now: storing a chunk must not allocate
  -- fill the address space with chunks of shrinking sizes, down to 256 bytes
  local size = 4 * MiB
  while size >= 256 and n < #hog do
    local ok, b = pcall(ffi.alloc, size)
    if ok then
      n = n + 1
      hog[n] = b
    else
      size = size // 4
    end
  end
  local filled = n
  try_all(stats)
  -- give memory back a little at a time: failures now happen part way through operations
  for _ = 1, 200 do
    for _ = 1, 3 do
      hog[n] = false
      n = n - 1
    end
    collectgarbage()
    try_all(stats)
  end
  local under_pressure = stats.oom
  hog = nil
  collectgarbage()
  collectgarbage()
  t.truthy(filled > 10, "only " .. filled .. " chunks before the cap")
  t.eq(#stats.bad, 0, table.concat(stats.bad, "\n"))
  t.truthy(under_pressure > 0, "no operation ever failed: the cap did not bite")
  t.truthy(stats.ok > 0, "no operation ever succeeded")
end)

t.test("the module works normally afterwards", function()
  local p = ffi.new("struct OomPoint", { x = 20, y = 22 })
  t.eq(lib.point_sum(p), 42)
  local big = ffi.new("char[?]", 8 * MiB)
  t.eq(#big, 8 * MiB)
  big[8 * MiB - 1] = 7
  t.eq(big[8 * MiB - 1], 7)
  local cb = ffi.callback("int", "int", function(x) return x + 1 end)
  local call = ffi.cast("int (*)(int)", cb)
  t.eq(call(41), 42)
  -- a text that failed under pressure was rolled back entirely: it can be declared now
  ffi.cdef "struct OomAfter { int a; double b; };"
  t.eq(ffi.sizeof("struct OomAfter"), ffi.offsetof("struct OomAfter", "b") + 8)
  t.eq(lib:wrap("int", "id_i32", "int")(-5), -5)
end)

t.done()
