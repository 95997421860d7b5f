-- cgdiff.lua: per-function instructions per call from two callgrind runs that
-- differ only in the iteration count (startup cost cancels out).
-- usage: lua5.4 cgdiff.lua annotate_small.txt annotate_big.txt n_small n_big [top]
local fa, fb, na, nb, top = arg[1], arg[2], tonumber(arg[3]), tonumber(arg[4]), tonumber(arg[5] or "20")

local function load(path)
  local t = {}
  for line in io.lines(path) do
    local num, fn = line:match("^%s*([%d,]+) %(%s*[%d.]+%%%)%s+(.+)$")
    if num and fn ~= "PROGRAM TOTALS" then
      -- "???:lua_rawequal [/usr/bin/lua5.4]" -> "lua_rawequal [lua5.4]"
      fn = fn:gsub("^%?%?%?:", ""):gsub("%[.*/([^/%]]+)%]$", "[%1]")
      t[fn] = (t[fn] or 0) + tonumber((num:gsub(",", "")))
    end
  end
  return t
end

local a, b = load(fa), load(fb)
local rows, total = {}, 0
for fn, vb in pairs(b) do
  local d = (vb - (a[fn] or 0)) / (nb - na)
  total = total + d
  if d >= 0.5 then rows[#rows + 1] = { fn = fn, d = d } end
end
table.sort(rows, function(x, y) return x.d > y.d end)
for i = 1, math.min(top, #rows) do
  print(string.format("  %8.1f  %5.1f%%  %s", rows[i].d, 100 * rows[i].d / total, rows[i].fn))
end
print(string.format("  %8.1f  (all functions, per iteration)", total))
