-- run_examples.lua -- runs every ```lua block of docs/api.md as a test.
--
-- Each block runs in a fresh environment table (globals it sets do not leak
-- into the next block; the standard library is reachable through __index).
-- Blocks fenced ```lua norun are shown in the docs but not run.
-- The environment provides FIXTURE(name): the path of the test fixture
-- lib<name>.so, from FFI_FIXTURE_DIR.
--
-- Also checks that every public function is documented: each function on the
-- module table, each library method and each callback method must appear in
-- a heading of docs/api.md.
--
-- Usage: lua5.4 run_examples.lua [filter]
--   filter: only run blocks whose heading contains this plain substring.
-- Environment: FFI_SOURCE_DIR (repository root), FFI_FIXTURE_DIR.

local filter = arg and arg[1]

local function script_dir()
  local src = debug.getinfo(1, "S").source
  if src:sub(1, 1) == "@" then
    return src:sub(2):match("^(.*)/[^/]*$") or "."
  end
  return "."
end

local source_dir = os.getenv("FFI_SOURCE_DIR") or (script_dir() .. "/../..")
local fixture_dir = os.getenv("FFI_FIXTURE_DIR")
local doc_path = source_dir .. "/docs/api.md"

local function FIXTURE(name)
  if not fixture_dir then
    error("FFI_FIXTURE_DIR is not set: cannot locate fixture lib" .. tostring(name) .. ".so", 2)
  end
  return fixture_dir .. "/lib" .. name .. ".so"
end

-- -- Extraction --

local function read_file(path)
  local f, err = io.open(path, "rb")
  if not f then
    io.stderr:write("cannot open ", tostring(err), "\n")
    os.exit(2)
  end
  local s = f:read("a")
  f:close()
  return s
end

-- Returns the list of blocks {heading, line, code, norun} and the list of headings.
local function extract(text)
  local blocks, headings = {}, {}
  local heading = "(top of file)"
  local inside, fence, cur = false, nil, nil
  local levels = {}
  local n = 0
  for line in (text:gsub("\r\n", "\n") .. "\n"):gmatch("(.-)\n") do
    n = n + 1
    if not inside then
      local ticks, info = line:match("^%s*(```+)%s*(.-)%s*$")
      if ticks then
        inside, fence = true, ticks
        local lang, rest = info:match("^(%S*)%s*(.*)$")
        if lang == "lua" then
          cur = { heading = heading, line = n + 1, lines = {}, norun = rest:find("norun", 1, true) ~= nil }
        else
          cur = nil
        end
      else
        local hashes, h = line:match("^(#+)%s+(.-)%s*$")
        if h then
          -- Report "section > subsection": the heading path below the title.
          levels[#hashes] = h
          for l = #hashes + 1, 6 do levels[l] = nil end
          local path = {}
          for l = 2, 6 do path[#path + 1] = levels[l] end
          heading = #path > 0 and table.concat(path, " > ") or h
          headings[#headings + 1] = h
        end
      end
    else
      local close = line:match("^%s*(```+)%s*$")
      if close and #close >= #fence then
        if cur then
          cur.code = table.concat(cur.lines, "\n")
          blocks[#blocks + 1] = cur
        end
        inside, fence, cur = false, nil, nil
      elseif cur then
        cur.lines[#cur.lines + 1] = line
      end
    end
  end
  if inside then
    io.stderr:write(doc_path, ": unterminated code block\n")
    os.exit(2)
  end
  return blocks, headings
end

-- -- Documentation coverage --

-- True if some heading mentions `name` as a whole word after '.' or ':'
-- (ffi.open, lib:wrap, cb:tick), or as a whole word in backquotes.
local function documented(headings, name)
  for _, h in ipairs(headings) do
    local pos = 1
    while true do
      local s, e = h:find(name, pos, true)
      if not s then break end
      local before = s > 1 and h:sub(s - 1, s - 1) or ""
      local after = h:sub(e + 1, e + 1)
      if (before == "." or before == ":" or before == "`")
          and not after:match("[%w_]") then
        return true
      end
      pos = e + 1
    end
  end
  return false
end

local function method_names(obj)
  local names = {}
  local mt = getmetatable(obj)
  local idx = type(mt) == "table" and rawget(mt, "__index")
  if type(idx) == "table" then
    for k, v in pairs(idx) do
      if type(k) == "string" and type(v) == "function" and not k:match("^__") then
        names[#names + 1] = k
      end
    end
  end
  table.sort(names)
  return names
end

local function check_coverage(headings)
  local problems = {}
  local ok, ffi = pcall(require, "ffi")
  if not ok then
    problems[#problems + 1] = "require 'ffi' failed: " .. tostring(ffi)
    return problems
  end
  local function need(kind, name, expected)
    if not documented(headings, name) then
      problems[#problems + 1] = kind .. " '" .. name .. "' is not mentioned in any heading of docs/api.md"
    end
    if expected then expected[name] = true end
  end
  local fns = {}
  for k, v in pairs(ffi) do
    if type(k) == "string" and type(v) == "function" then fns[#fns + 1] = k end
  end
  table.sort(fns)
  for _, k in ipairs(fns) do need("module function ffi." .. k .. ":", k) end

  -- Library methods: from the metatable of an opened library, and at least
  -- the three the seed defines.
  local lok, lib = pcall(ffi.open, "libc.so.6")
  local lib_methods = lok and method_names(lib) or {}
  if not lok then problems[#problems + 1] = "ffi.open('libc.so.6') failed: " .. tostring(lib) end
  local seen = {}
  for _, m in ipairs(lib_methods) do need("library method", m, seen) end
  for _, m in ipairs({ "wrap", "value", "cdef" }) do
    if not seen[m] then
      need("library method", m)
      if lok and type(lib[m]) ~= "function" then
        problems[#problems + 1] = "library method '" .. m .. "' is missing from ffi.open's result"
      end
    end
  end

  -- Callback methods.
  if type(ffi.callback) == "function" then
    local noop = function() end
    local cok, cb = pcall(ffi.callback, "void", noop)
    if not cok then cok, cb = pcall(ffi.callback, "void", "void", noop) end
    if cok then
      seen = {}
      for _, m in ipairs(method_names(cb)) do need("callback method", m, seen) end
      for _, m in ipairs({ "blocking", "defaultreturn", "callcount", "tick", "free" }) do
        if not seen[m] then need("callback method", m) end
      end
      pcall(function() cb:free() end)
    else
      problems[#problems + 1] = "ffi.callback('void', fn) failed: " .. tostring(cb)
    end
  end
  return problems
end

-- -- Running --

local text = read_file(doc_path)
local blocks, headings = extract(text)

local passed, failed, skipped = 0, 0, 0
local failures = {}

for _, problem in ipairs(check_coverage(headings)) do
  failed = failed + 1
  failures[#failures + 1] = "coverage: " .. problem
  io.write("FAIL coverage: ", problem, "\n")
end

for i, b in ipairs(blocks) do
  if b.norun or (filter and not b.heading:find(filter, 1, true)) then
    skipped = skipped + 1
  else
    local env = setmetatable({ FIXTURE = FIXTURE }, { __index = _G })
    -- Leading newlines make Lua's line numbers those of docs/api.md.
    local chunk, err = load(string.rep("\n", b.line - 1) .. b.code, "=docs/api.md", "t", env)
    local ok
    if chunk then
      ok, err = xpcall(chunk, debug.traceback)
    else
      ok = false
    end
    collectgarbage()
    collectgarbage()
    local where = string.format("block %d under '%s' (docs/api.md:%d)", i, b.heading, b.line)
    if ok then
      passed = passed + 1
      io.write("ok   ", where, "\n")
    else
      failed = failed + 1
      failures[#failures + 1] = where .. ": " .. tostring(err)
      io.write("FAIL ", where, "\n     ", (tostring(err):gsub("\n", "\n     ")), "\n")
    end
  end
end

io.write(string.format("\n%d passed, %d failed", passed, failed))
if skipped > 0 then io.write(string.format(" (%d not run)", skipped)) end
io.write("\n")
if failed > 0 then
  io.write("\nFailures:\n")
  for _, f in ipairs(failures) do
    io.write("  ", (f:match("^[^\n]*")), "\n")
  end
end
io.stdout:flush()
os.exit(failed == 0 and 0 or 1)
