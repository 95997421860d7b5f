-- driver.lua -- what fuzz_cdef does with one input (see fuzz_cdef.c).
--
-- Called with (ffi, fz, src). Declares src with ffi.cdef (whole; when refused,
-- each top-level declaration alone), then uses every type it registered:
-- sizeof, alignof, typeof, offsetof of each member, new (with counts for
-- variable-size types), member and element stores of hostile values and loads
-- back, indexing in and out of bounds, pointer arithmetic inside the object,
-- read/write/copy/fill/string within and beyond the object's size.
--
-- Every call into the runtime goes through pcall: a Lua error is a correct
-- answer to bad input; only a crash or a sanitizer report is a finding. The
-- driver never calls a declared function, never dereferences a pointer it did
-- not make from its own objects, and never gives a raw pointer to
-- read/write/copy/fill (those trust the caller by design).
local ffi, fz, src = ...

local pcall, pairs, ipairs, type, tostring = pcall, pairs, ipairs, type, tostring
local budget = 6000 -- runtime calls per input: keeps each input fast

local function try(f, ...)
  budget = budget - 1
  if budget < 0 then error("budget", 0) end
  return pcall(f, ...)
end

local MAX_NEW = 1 << 16 -- bytes: larger types get sizeof/offsetof but no instance

local hostile = {
  0, 1, -1, 127, 128, -129, 255, 256, 32767, -32768, 65535, 65536, 0x7fffffff, -0x80000000,
  0xffffffff, 0x100000000, math.maxinteger, math.mininteger,
  0.5, -0.0, 3.0, 1e308, -1e308, 1 / 0, -1 / 0, 0 / 0, 2 ^ 63, -2 ^ 63, 2 ^ 64, 1e-310,
  true, false, "", "abc", string.rep("x", 300), "\0\255",
  {}, { 1, 2, 3 }, { 0x7fffffff, -1, 1e308, "s" }, { x = 1 }, setmetatable({}, { __index = function() error("meta") end }),
  ffi.nullptr, print,
}
local bad_index = { -1, 0, 1, 2 ^ 31, -2 ^ 31, math.maxinteger, math.mininteger, 1.5, 0 / 0, 1 / 0 }

local function sizeof(o)
  local ok, n = try(ffi.sizeof, o)
  return ok and math.type(n) == "integer" and n or nil
end

-- Memory functions on an object of the runtime's own making (known size).
local function memory(o, size)
  -- strings of the object's size are made here, outside try: keep them small
  -- (objects up to the runtime's 2^31-1 byte limit are legal)
  if size > (1 << 20) then return end
  try(ffi.read, o)
  try(ffi.read, o, size)
  try(ffi.read, o, size + 1)
  try(ffi.read, o, -1)
  try(ffi.string, o)
  try(ffi.string, o, size + 1)
  try(ffi.write, o, string.rep("\255", size))
  try(ffi.write, o, string.rep("\1", size + 1))
  try(ffi.write, o, "ab", size - 1)
  try(ffi.write, o, "ab", size + 1)
  try(ffi.write, o, "", math.maxinteger)
  try(ffi.fill, o, size, 0xAA)
  try(ffi.fill, o, size + 1)
  try(ffi.fill, o, -1)
  try(ffi.copy, o, o, size)
  try(ffi.copy, o, string.rep("z", size + 8))
  try(ffi.copy, o, "z", size + 8)
  try(ffi.fill, o, size, 0)
end

local exercise

-- Stores every hostile value into o[k], loads it back, recurses into aggregates.
local function slot(o, k, depth, others)
  local ok, v = try(function() return o[k] end)
  if ok and type(v) == "userdata" then exercise(v, depth + 1, others) end
  for _, h in ipairs(hostile) do
    if try(function() o[k] = h end) then try(function() return o[k] end) end
  end
  try(function() o[k] = o end) -- itself, into its own member
  if ok and v ~= nil then try(function() o[k] = v end) end -- an overlapping view of itself
  for _, x in ipairs(others) do
    try(function() o[k] = x end)
  end
  try(function() return o[k] end)
end

-- o: a memory object or pointer. Only objects the runtime sized are indexed
-- out of bounds; pointers are only compared, never dereferenced.
exercise = function(o, depth, others)
  if depth > 3 or budget < 0 then return end
  local info = fz.info(o)
  if not info then return end
  try(tostring, o)
  try(ffi.typeof, o)
  try(ffi.alignof, o)
  try(ffi.isnull, o)
  try(ffi.addressof, o)
  try(function() return #o end)
  try(function() return o == o, o == 1 end)
  if info.cdkind == "pointer" then
    try(function() return o + 0 == o end)
    try(function() return o - o end)
    try(function() return o < o end)
    return
  end
  if info.cdkind ~= "object" then return end
  local size = info.size
  memory(o, size)
  if info.fields then
    for _, f in ipairs(info.fields) do
      slot(o, f, depth, others)
      try(ffi.offsetof, o, f)
    end
    try(function() return o.no_such_member_xyz end)
    try(function() o.no_such_member_xyz = 1 end)
    try(function() return o[1] end)
    try(function() o[0] = 1 end)
  elseif info.kind == "array" then
    local ok, n = try(function() return #o end)
    n = ok and math.type(n) == "integer" and n or 0
    for _, i in ipairs(bad_index) do
      try(function() return o[i] end)
      try(function() o[i] = 1 end)
    end
    for _, i in ipairs({ n - 1, n, n + 1 }) do
      try(function() return o[i] end)
      try(function() o[i] = 0 end)
    end
    if n > 0 then
      slot(o, 0, depth, others)
      if n > 1 then slot(o, n - 1, depth, others) end
      -- pointer arithmetic that stays inside the array: the element is readable
      local okp, p = try(function() return o + (n - 1) end)
      if okp and p ~= nil then
        try(function() return p[0] end)
        try(function() return p - o end)
        try(function() return (1 + o) - o end)
      end
    end
    try(function() return o.x end)
    try(function() o.x = 1 end)
  else -- a scalar instance (ffi.new("int")) has no members
    try(function() return o[0] end)
    try(function() return o.x end)
  end
end

-- Wrappers with the type as result and parameter: the libffi description
-- (records classified by the runtime) is built, the function never called.
local function wrap_with(T)
  local C = ffi.C
  if not C then return end
  try(C.wrap, C, T, "abs", "int")
  try(C.wrap, C, "int", "abs", T)
  try(C.wrap, C, "void", "abs", "int", T, "double", T)
end

local function use_type(T, others)
  if type(T) ~= "string" then return end
  local okt, ct = try(ffi.typeof, T)
  if not okt then return end
  try(tostring, ct)
  local size = sizeof(T)
  try(ffi.alignof, T)
  local tinfo = fz.info(ct) or {}
  if tinfo.fields then
    for _, f in ipairs(tinfo.fields) do try(ffi.offsetof, T, f) end
  end
  try(ffi.offsetof, T, "no_such_member_xyz")
  for _, d in ipairs({ " *", " [3]", "[?]", "[0]", " const", "(*)[2]" }) do
    try(ffi.sizeof, T .. d)
  end
  wrap_with(T)
  if tinfo.kind == "func" or tinfo.kind == "void" or tinfo.incomplete then return end
  try(ffi.cast, T, 0)
  -- a number cast to a pointer is an address the user vouches for: only NULL here
  if tinfo.kind ~= "ptr" then try(ffi.cast, T, -1) end
  try(ffi.cast, T .. "*", 0)
  local objs = {}
  if tinfo.var then
    try(ffi.sizeof, T, -1)
    try(ffi.sizeof, T, math.maxinteger)
    try(ffi.new, T, -1)
    try(ffi.new, T, math.mininteger)
    try(ffi.new, T, 0.5)
    local ok1 = sizeof(T) -- sizeof with no count
    local _ = ok1
    for _, n in ipairs({ 0, 1, 3 }) do
      local sz = select(2, try(ffi.sizeof, T, n))
      if math.type(sz) == "integer" and sz <= MAX_NEW then
        local ok, o = try(ffi.new, T, n)
        if ok then objs[#objs + 1] = o end
        try(ffi.new, T, n, { 1, 2, 3, 4 })
        try(ffi.new, T, n, hostile)
      end
    end
  elseif size and size <= MAX_NEW then
    local ok, o = try(ffi.new, T)
    if ok then objs[#objs + 1] = o end
    try(ffi.new, T, {})
    try(ffi.new, T, 0)
    try(ffi.new, T, { 1, 2, 3 })
    try(ffi.new, T, { 0x7fffffff, -1, 1e308, "s", {}, true })
    try(ffi.new, T, "str")
    try(function() return ct.new() end)
    if tinfo.fields then -- initializers naming the members, with hostile values
      for round = 0, 2 do
        local init = {}
        for i, f in ipairs(tinfo.fields) do init[f] = hostile[(i * 7 + round * 13) % #hostile + 1] end
        try(ffi.new, T, init)
      end
      local nested = {}
      for _, f in ipairs(tinfo.fields) do nested[f] = { 1, { 2 }, x = 3 } end
      try(ffi.new, T, nested)
    end
  end
  for _, o in ipairs(objs) do
    if size and size <= MAX_NEW then
      -- an array of it, and a pointer to the object itself
      local oka, a = try(ffi.new, T .. "[2]")
      if oka then exercise(a, 2, others) end
      local okp, p = try(ffi.cast, T .. " *", o)
      if okp and p ~= nil then try(function() return p[0] end) end
    end
    exercise(o, 0, others)
    others[#others + 1] = o
  end
end

-- Top-level declarations: split at ';' and '}' outside braces and parentheses
-- (a heuristic: it only decides which pieces are retried alone).
local function pieces(s)
  local out, depth, start = {}, 0, 1
  for i = 1, #s do
    local c = s:byte(i)
    if c == 123 or c == 40 then depth = depth + 1
    elseif c == 125 or c == 41 then depth = depth - 1
    elseif c == 59 and depth <= 0 then
      out[#out + 1] = s:sub(start, i)
      start = i + 1
      depth = 0
    elseif c == 10 and s:byte(start) == 35 then -- a preprocessor line alone
      out[#out + 1] = s:sub(start, i)
      start = i + 1
    end
  end
  if start <= #s then out[#out + 1] = s:sub(start) end
  return out
end

local _, mark = fz.names()
if not try(ffi.cdef, src) then
  local ps = pieces(src)
  if #ps > 1 and #ps <= 400 then
    for _, p in ipairs(ps) do try(ffi.cdef, p) end
  end
end
-- lib:cdef, lazy: every function and variable declared, none looked up or read
if ffi.C then try(ffi.C.cdef, ffi.C, src, { lazy = true }) end
local oks, st = try(ffi.struct, src)
if oks and type(st) == "userdata" and (sizeof(st) or 0) <= MAX_NEW then -- as for ffi.new below
  local okn, inst = try(function() return st.new() end)
  if okn then exercise(inst, 1, {}) end
end
try(ffi.typeof, src)
try(ffi.sizeof, src)
local names = fz.names(mark)
local others = {}
local ok, err = pcall(function()
  for i, T in ipairs(names) do
    if i > 48 then break end
    use_type(T, others)
  end
end)
if not ok and err ~= "budget" then error(err, 0) end
if os.getenv("FFI_FUZZ_DEBUG") then
  io.stderr:write(("driver: %d types, %d calls left\n"):format(#names, budget))
end
-- the state still works after all of it
collectgarbage()
ffi.cdef "struct fuzz_after { int q; };"
local o = ffi.new("struct fuzz_after")
o.q = 5
assert(o.q == 5, "the state works after the input")
