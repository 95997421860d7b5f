-- make_seeds.lua -- writes the fuzzer's generated seed corpus.
--
--   lua5.4 make_seeds.lua OUTDIR CDEF_CASES RECORDS_H [PREPROCESSED.i ...]
--
-- One file per seed in OUTDIR (created beforehand), named by source and number:
--   case-N      each case text of tests/corpus/cdef_cases.txt (setup lines first)
--   layout-N    each "-- section --" of tests/layout/records.h
--   <hdr>-N     a preprocessed system header (cc -E -P), cut at top-level ';'
--               into pieces of about 3 KB, so each stays a fast input
local outdir, cases_path, records_path = arg[1], arg[2], arg[3]
assert(outdir and cases_path and records_path, "usage: make_seeds.lua OUTDIR CDEF_CASES RECORDS_H [X.i ...]")

local written = 0
local function write(name, text)
  if text:match("^%s*$") then return end
  local f = assert(io.open(outdir .. "/" .. name, "wb"))
  f:write(text)
  f:close()
  written = written + 1
end

local function slurp(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

-- cdef_cases.txt: '%% case' starts a case; other '%%' lines are directives.
do
  local n, text, setup, mode = 0, nil, nil, "text"
  local function flush()
    if text then
      n = n + 1
      write(("case-%04d"):format(n), (setup or "") .. text)
    end
  end
  for line in (slurp(cases_path) .. "\n"):gmatch("([^\n]*)\n") do
    if line:match("^%%%% case") then
      flush()
      text, setup, mode = "", nil, "text"
    elseif line:match("^%%%% setup") then
      setup, mode = "", "setup"
    elseif line:match("^%%%% text") then
      mode = "text"
    elseif line:match("^%%%%") then -- luacheck: ignore
      -- a directive
    elseif text then
      if mode == "setup" then setup = setup .. line .. "\n" else text = text .. line .. "\n" end
    end
  end
  flush()
end

-- records.h: one seed per section (each only uses what it and earlier ones declare).
do
  local n = 0
  local src = slurp(records_path)
  local starts = {}
  local pos = 1
  while true do
    local a = src:find("/* -- section:", pos, true)
    if not a then break end
    starts[#starts + 1] = a
    pos = a + 1
  end
  for k, a in ipairs(starts) do
    n = n + 1
    write(("layout-%03d"):format(n), src:sub(a, (starts[k + 1] or #src + 1) - 1))
  end
  write("layout-all", src)
end

-- Preprocessed headers: cut at ';' outside braces into ~3 KB pieces.
for i = 4, #arg do
  local path = arg[i]
  local stem = path:match("([^/]+)%.i$") or ("hdr" .. i)
  local src = slurp(path)
  local n, depth, start, last = 0, 0, 1, 1
  for pos = 1, #src do
    local c = src:byte(pos)
    if c == 123 then depth = depth + 1
    elseif c == 125 then depth = depth - 1
    elseif c == 59 and depth <= 0 then
      depth = 0
      if pos - start >= 3000 then
        n = n + 1
        write(("%s-%03d"):format(stem, n), src:sub(start, pos) .. "\n")
        start = pos + 1
      end
      last = pos
    end
  end
  if last >= start then
    n = n + 1
    write(("%s-%03d"):format(stem, n), src:sub(start, last) .. "\n")
  end
end

print(("make_seeds: %d seeds in %s"):format(written, outdir))
