-- cgdiff.lua: per-function instructions per call from two callgrind runs that
-- differ only in the iteration count (startup cost cancels out).
-- usage: lua5.4 cgdiff.lua annotate_small.txt annotate_big.txt n_small n_big [top]
local fa, fb, na, nb, top = arg[1], arg[2], tonumber(arg[3]), tonumber(arg[4]), tonumber(arg[5] or "20")

local function load(path)
  local t = {}
  for line in io.lines(path) do
    local num, fn = line:match("^%s*([%d,]+) %(%s*[%d.]+%%%)%s+(.+)$")
    if num and fn ~= "PROGRAM TOTALS" then
      -- "runtime/ccall.c:cfunc_call [/x/ffi.so]" -> "cfunc_call", object "ffi.so";
      -- entries of one function split by file (inlined code) are merged
      local obj = fn:match("%[.-([^/%]]+)%]$")
      fn = fn:gsub("%s*%[.*%]$", ""):gsub("^.*:", "")
      local e = t[fn] or { ir = 0 }
      e.ir = e.ir + tonumber((num:gsub(",", "")))
      e.obj = e.obj or obj
      t[fn] = e
    end
  end
  return t
end

local a, b = load(fa), load(fb)
local rows, total = {}, 0
for fn, eb in pairs(b) do
  local d = (eb.ir - (a[fn] and a[fn].ir or 0)) / (nb - na)
  total = total + d
  local obj = eb.obj or (a[fn] and a[fn].obj)
  if d >= 0.5 then rows[#rows + 1] = { fn = obj and (fn .. " [" .. obj .. "]") or fn, d = d } end
end
table.sort(rows, function(x, y) return x.d > y.d end)
for i = 1, math.min(top, #rows) do
  print(string.format("  %8.1f  %5.1f%%  %s", rows[i].d, 100 * rows[i].d / total, rows[i].fn))
end
print(string.format("  %8.1f  (all functions, per iteration)", total))
