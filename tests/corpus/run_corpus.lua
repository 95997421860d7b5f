-- run_corpus.lua -- the bad-input corpus (issue 3): every malformed or
-- unsupported declaration and every misuse case must raise a clear Lua error
-- naming the problem, never crash, and leave the state working.
--
--   cdef_cases.txt    C texts given to ffi.cdef / ffi.struct / lib:cdef, with the
--                     expected error fragments (format described in that file)
--   misuse_cases.lua  run-time misuse as small functions with expected fragments
--
-- After EACH case, whatever its outcome: an existing wrapper and a new wrapper
-- still call C correctly, and a fresh uniquely named struct can be declared,
-- instantiated and round-tripped through its fields.
--
-- Cases whose failure mode is a crash (deep recursion, a freed callback) say
-- `isolate = true`: they run in a child process (this script again, with
-- `--only N`), so a crash fails that case alone and the others still report.
-- stdout is line-buffered and every case is announced before it runs, so the
-- output names the case that crashed.
local t = require "harness"
local ffi = require "ffi"

io.stdout:setvbuf("line")

local here = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local only = arg and arg[1] == "--only" and tonumber(arg[2]) or nil
local MIN_CASES = 150

local seed = ffi.open(t.fixture("seed"))
local calls = ffi.open(t.fixture("calls"))
local cbl = ffi.open(t.fixture("cb"))
local add = seed:wrap("i32", "add", "i32", "i32")

-- -- The state still works --

local fresh = 0
-- the same members, declared before any bad case: its size is this target's
-- (tests/layout checks layouts against the C compilers)
ffi.cdef("struct CorpusRef { int a; double b; const char *s; };")
local ref_size = ffi.sizeof("struct CorpusRef")
local function still_works()
  t.eq(add(2, 3), 5, "the existing wrapper still calls C")
  t.eq(seed:wrap("int", "add", "int", "int")(40, 2), 42, "a new wrapper still calls C")
  fresh = fresh + 1
  local name = "CorpusFresh" .. fresh
  ffi.cdef(string.format("struct %s { int a; double b; const char *s; };", name))
  local inst = ffi.new(name)
  inst.a, inst.b, inst.s = fresh, 0.5, "v" .. fresh
  t.eq(inst.a, fresh, "a fresh struct's int field round-trips")
  t.eq(inst.b, 0.5, "a fresh struct's double field round-trips")
  t.eq(inst.s, "v" .. fresh, "a fresh struct's string field round-trips")
  t.eq(ffi.sizeof("struct " .. name), ref_size)
end

-- -- Counting --

local counts, order, total = {}, {}, 0
local function count(cat)
  if not counts[cat] then
    counts[cat] = 0
    order[#order + 1] = cat
  end
  counts[cat] = counts[cat] + 1
  total = total + 1
end

-- Runs one case: body() does the case's own checks; the state is checked
-- afterwards even when body failed, and both failures are reported.
local function run_case(cat, title, body)
  count(cat)
  local label = string.format("[%s] %s", cat, title)
  print("...    " .. label)
  t.test(label, function()
    local ok, err = pcall(body)
    local ok2, err2 = pcall(still_works)
    if not ok and not ok2 then
      error(tostring(err) .. "\nand afterwards the state was broken: " .. tostring(err2), 0)
    elseif not ok then
      error(err, 0)
    elseif not ok2 then
      error("the case passed, but afterwards the state was broken: " .. tostring(err2), 0)
    end
  end)
end

-- -- cdef_cases.txt --

local function parse_cases(path)
  local cases, cur, section, cat = {}, nil, nil, "uncategorized"
  local lineno = 0
  local function bad(msg) error(string.format("%s:%d: %s", path, lineno, msg), 0) end
  for line in io.lines(path) do
    lineno = lineno + 1
    local directive, rest = line:match("^%%%%%s*(%S*)%s?(.*)$")
    if directive then
      if directive == "" or directive:sub(1, 2) == "--" then
        -- a comment
      elseif directive == "category" then
        cat = rest
      elseif directive == "case" then
        cur = { title = rest, cat = cat, line = lineno, via = "cdef", text = {}, setup = {},
                errors = {}, checks = {} }
        cases[#cases + 1] = cur
        section = cur.text
      elseif not cur then
        bad("directive before the first %% case")
      elseif directive == "via" then
        cur.via = rest
      elseif directive == "setup" then
        section = cur.setup
      elseif directive == "text" then
        section = cur.text
      elseif directive == "error" then
        cur.errors[#cur.errors + 1] = rest
        section = nil
      elseif directive == "ok" then
        cur.ok = true
        section = nil
      elseif directive == "nopos" then
        cur.nopos = true
      elseif directive == "check" then
        cur.checks[#cur.checks + 1] = rest
        section = nil
      else
        bad("unknown directive '%% " .. directive .. "'")
      end
    elseif section then
      section[#section + 1] = line
    elseif line:match("%S") then
      bad("text outside a case's text or setup")
    end
  end
  for _, c in ipairs(cases) do
    c.text = table.concat(c.text, "\n")
    c.setup = #c.setup > 0 and table.concat(c.setup, "\n") or nil
    if c.ok == (#c.errors > 0) then
      error(string.format("%s:%d: case '%s' needs either '%%%% ok' or '%%%% error' lines",
        path, c.line, c.title), 0)
    end
    if not c.ok and not c.nopos then
      local has_pos = false
      for _, e in ipairs(c.errors) do
        if e:match("^cdef:%d+:%d+:$") or e:match("^cdef:%d+:$") then has_pos = true end
      end
      if not has_pos then
        error(string.format("%s:%d: case '%s' must expect a 'cdef:LINE:COL:' or 'cdef:LINE:' position (or say %%%% nopos)",
          path, c.line, c.title), 0)
      end
    end
  end
  return cases
end

-- How a case's text reaches the runtime.
local submit = {
  cdef = function(src) return ffi.cdef(src) end,
  struct = function(src) return ffi.struct(src) end,
  libcdef = function(src) return calls:cdef(src) end,
  Ccdef = function(src) return ffi.C:cdef(src) end,
}

-- Helpers visible to '%% check' expressions.
local check_env = setmetatable({
  ffi = ffi, lib = calls, C = ffi.C,
  -- a type name that must not be usable (nothing of a failed text stays)
  absent = function(name)
    local bare = name:match("^struct%s+(.+)$") or name:match("^union%s+(.+)$") or name
    return not pcall(ffi.sizeof, name) and not pcall(ffi.new, name) and rawget(ffi, bare) == nil
  end,
  -- a usable, complete type of the given size
  sized = function(name, n)
    local ok, size = pcall(ffi.sizeof, name)
    return ok and size == n
  end,
  -- a name that is not declared: reading it from ffi.C gives nil, no error
  undeclared = function(name)
    local ok, v = pcall(function() return ffi.C[name] end)
    return ok and v == nil
  end,
  -- a function name that lib:cdef did not bind and that is not declared
  unbound = function(name)
    if rawget(calls, name) ~= nil then return false end
    local ok, v = pcall(function() return calls[name] end)
    return ok and v == nil
  end,
}, { __index = _G })

local function run_checks(c)
  for _, expr in ipairs(c.checks) do
    local fn = assert(load("return " .. expr, "=check", "t", check_env))
    local ok, v = pcall(fn)
    if not ok then error("check '" .. expr .. "' raised: " .. tostring(v), 0) end
    if not v then error("check '" .. expr .. "' is false", 0) end
  end
end

local function cdef_case(c)
  return function()
    local go = submit[c.via]
    if not go then error("unknown '%% via " .. c.via .. "'", 0) end
    if c.setup then
      local ok, err = pcall(go, c.setup)
      if not ok then error("the setup text failed: " .. tostring(err), 0) end
    end
    if c.ok then
      local ok, err = pcall(go, c.text)
      if not ok then error("expected the text to be accepted, got: " .. tostring(err), 0) end
    else
      local msg = t.errors(function() go(c.text) end, c.errors)
      if not c.nopos and not msg:match("^cdef:%d+:%d+: ") then
        error("the message does not start with 'cdef:LINE:COL: ': " .. msg, 0)
      end
    end
    run_checks(c)
  end
end

local cdef_cases = only and {} or parse_cases(here .. "/cdef_cases.txt")
for _, c in ipairs(cdef_cases) do
  run_case("cdef/" .. c.cat, c.title .. " (cdef_cases.txt:" .. c.line .. ")", cdef_case(c))
end
local ncdef = total

-- -- misuse_cases.lua --

local misuse = dofile(here .. "/misuse_cases.lua")({
  t = t, ffi = ffi, seed = seed, calls = calls, cb = cbl, add = add,
})
local function shell_quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

-- Runs misuse case i in a child process; its own output shows how it went.
local function in_child(i)
  return function()
    local cmd = string.format("%s %s --only %d", shell_quote(os.getenv("FFI_LUA_RUNNER") or arg[-1]), shell_quote(arg[0]), i)
    io.stdout:flush()
    local ok, how, code = os.execute(cmd)
    if not ok then
      error(string.format("the case failed or crashed in its child process (%s %s)", how, code), 0)
    end
  end
end

for i, m in ipairs(misuse) do
  if only and i ~= only then
    -- another case
  elseif m.isolate and not only then
    run_case("misuse/" .. m.cat, m.name .. " (child process)", in_child(i))
  else run_case("misuse/" .. m.cat, m.name, function()
    if m.err == false then
      -- either outcome is fine, as long as it is not a crash
      local ok, e = pcall(m.fn)
      if not ok and type(e) ~= "string" then error("a non-string error: " .. tostring(e), 0) end
    else
      t.errors(m.fn, m.err)
    end
    if m.after then m.after() end
  end) end
end
if only then
  t.done()
  return
end

-- -- Summary --

print(string.format("corpus: %d cases (%d cdef texts, %d misuse cases)", total, ncdef, total - ncdef))
for _, cat in ipairs(order) do
  print(string.format("  %-28s %d", cat, counts[cat]))
end
t.test("the corpus has at least " .. MIN_CASES .. " cases", function()
  t.truthy(total >= MIN_CASES, "only " .. total .. " cases")
end)
t.done()
