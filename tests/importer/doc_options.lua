-- doc_options.lua -- every option `ffi-import --help` lists is documented in
-- docs/importer.md and in the manual page docs/ffi-import.1.
--   lua doc_options.lua <ffi-import>
local t = require "harness"
local import = assert(arg[1], "usage: doc_options.lua <ffi-import>")

local help = assert(io.popen(("%q --help"):format(import))):read("a")
local options = {}
for line in help:gmatch("[^\n]+") do
  local first = line:match("^%s+(%-%-?[%w%-]+)")
  if first then options[#options + 1] = first end
  for opt in line:gmatch(",%s+(%-%-[%w%-]+)") do options[#options + 1] = opt end
end
t.truthy(#options >= 15, "options found in --help: " .. #options)

local md = t.readfile(t.source("docs/importer.md"))
local man = t.readfile(t.source("docs/ffi-import.1")):gsub("\\%-", "-"):gsub("\\f[BIRP]", "")

for _, opt in ipairs(options) do
  t.test("documented: " .. opt, function()
    t.truthy(md:find("`" .. opt, 1, true), "docs/importer.md lacks " .. opt)
    t.truthy(man:find(opt, 1, true), "docs/ffi-import.1 lacks " .. opt)
  end)
end

t.done()
