-- doc_options.lua -- ffi-import's options (its one table, as `ffi-import --help`
-- prints it) and their documentation agree both ways: every option is in
-- docs/importer.md's options table and in the OPTIONS section of the manual
-- page docs/ffi-import.1, and every option those document is one ffi-import has.
--   lua doc_options.lua <ffi-import>
local t = require "harness"
local import = assert(arg[1], "usage: doc_options.lua <ffi-import>")

-- The option names of --help: "  -I DIR", "  -std=STD", "  -l NAME, --lib NAME"
-- (a help text's further lines are indented further and start no option).
local help = assert(io.popen(("%q --help"):format(import))):read("a")
local options, known = {}, {}
local function add(list, set, opt)
  if not set[opt] then
    list[#list + 1] = opt
    set[opt] = true
  end
end
for line in help:gmatch("[^\n]+") do
  if line:match("^  %-") then
    local synopsis = line:match("^  (%S.-)  ") or line:sub(3) -- up to the help text
    for opt in (" " .. synopsis):gmatch(" (%-%-?%a[%w%-]*)") do add(options, known, opt) end
  end
end
t.truthy(#options >= 19, "options found in --help: " .. #options)

-- docs/importer.md: the first column of the options table ("| `-I DIR`, `-IDIR` | ...")
local md = t.readfile(t.source("docs/importer.md"))
local md_opts, md_set = {}, {}
local in_table = false
for line in md:gmatch("[^\n]*") do
  local cell = line:match("^| (`%-[^|]*)|")
  if cell then
    in_table = true
    for item in cell:gmatch("`([^`]*)`") do
      local opt = item:match("^(%-%-?%a[%w%-]*)")
      local joined = opt and opt:match("^(%-%a)%u+$") -- -IDIR, -lNAME: -I, -l joined
      add(md_opts, md_set, joined and known[joined] and joined or opt)
    end
  elseif in_table then
    break -- the table's end
  end
end

-- docs/ffi-import.1: the tags (the line after each .TP) of the OPTIONS section
local man = t.readfile(t.source("docs/ffi-import.1"))
local section = assert(man:match("\n%.SH OPTIONS\n(.-)\n%.SH "), "docs/ffi-import.1 has no OPTIONS section")
local man_opts, man_set = {}, {}
for tag in section:gmatch("%.TP\n([^\n]*)") do
  tag = tag:gsub("\\f[BIRP]", ""):gsub("\\%-", "-")
  for opt in tag:gmatch("%f[%-%w](%-%-?%a[%w%-]*)") do add(man_opts, man_set, opt) end
end

for _, opt in ipairs(options) do
  t.test("documented: " .. opt, function()
    t.truthy(md_set[opt], "docs/importer.md's options table lacks " .. opt)
    t.truthy(man_set[opt], "docs/ffi-import.1's OPTIONS lack " .. opt)
  end)
end
for _, opt in ipairs(md_opts) do
  t.test("docs/importer.md: " .. opt, function() t.truthy(known[opt], opt .. " is no option of ffi-import") end)
end
for _, opt in ipairs(man_opts) do
  t.test("docs/ffi-import.1: " .. opt, function() t.truthy(known[opt], opt .. " is no option of ffi-import") end)
end

t.done()
