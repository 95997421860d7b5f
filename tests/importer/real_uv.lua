-- real_uv.lua -- libuv through a module imported from /usr/include/uv.h:
-- a loop embedded in Lua memory, a timer whose callback is a Lua function.
--   lua real_uv.lua <uv.pluto>
local t = require "harness"
local ffi = require "ffi"
local uv = dofile(assert(arg[1], "usage: real_uv.lua <module>"))

t.test("version", function()
  local v = uv.uv_version()
  t.eq(v, (uv.UV_VERSION_MAJOR << 16) | (uv.UV_VERSION_MINOR << 8) | uv.UV_VERSION_PATCH)
  t.truthy(uv.uv_version_string():find(("%d.%d"):format(uv.UV_VERSION_MAJOR, uv.UV_VERSION_MINOR), 1, true))
end)

t.test("records are the size libuv says", function()
  t.eq(ffi.sizeof("uv_loop_t"), uv.uv_loop_size())
  t.eq(ffi.sizeof("uv_timer_t"), uv.uv_handle_size(uv.UV_TIMER))
  t.eq(ffi.sizeof("uv_tcp_t"), uv.uv_handle_size(uv.UV_TCP))
  t.eq(ffi.sizeof("uv_write_t"), uv.uv_req_size(uv.UV_WRITE))
end)

t.test("a timer fires a Lua callback from uv_run", function()
  local loop = uv.types.uv_loop_t()
  t.eq(uv.uv_loop_init(loop), 0)
  local timer = uv.types.uv_timer_t()
  t.eq(uv.uv_timer_init(loop, timer), 0)
  local fired = 0
  local cb = ffi.callback("void", "uv_timer_t *", function(h)
    fired = fired + 1
    if fired == 3 then uv.uv_timer_stop(h) end
  end)
  t.eq(uv.uv_timer_start(timer, cb, 1, 1), 0)
  t.eq(uv.uv_run(loop, uv.UV_RUN_DEFAULT), 0)
  t.eq(fired, 3)
  uv.uv_close(ffi.cast("uv_handle_t *", timer), nil)
  uv.uv_run(loop, uv.UV_RUN_DEFAULT)
  t.eq(uv.uv_loop_close(loop), 0)
end)

t.test("error names", function()
  t.eq(uv.uv_err_name(uv.UV_EINVAL), "EINVAL")
  t.eq(uv.uv_strerror(uv.UV_ENOENT), "no such file or directory")
end)

t.done()
