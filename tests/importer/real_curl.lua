-- real_curl.lua -- libcurl through a module imported from curl/curl.h
-- (--match '/curl/': curl.h and the headers it includes from curl/). No network.
--   lua real_curl.lua <curl.pluto>
local t = require "harness"
local ffi = require "ffi"
local curl = dofile(assert(arg[1], "usage: real_curl.lua <module>"))

t.test("curl_version_info", function()
  local info = curl.curl_version_info(curl.CURLVERSION_NOW)
  t.truthy(info, "curl_version_info returned NULL")
  t.truthy(info.age >= curl.CURLVERSION_FIRST)
  t.eq(info.version, curl.LIBCURL_VERSION)
  t.eq(info.version_num, curl.LIBCURL_VERSION_NUM)
  t.truthy(#info.host > 0)
  t.truthy(info.features & curl.CURL_VERSION_IPV6 ~= 0 or info.features & curl.CURL_VERSION_SSL ~= 0)
  local protocols = {}
  local i = 0
  while info.protocols[i] ~= nil do -- const char * elements read as Lua strings, NULL as nil
    protocols[info.protocols[i]] = true
    i = i + 1
  end
  t.truthy(protocols.http and protocols.file, "http and file protocols")
  t.truthy(ffi.string(curl.curl_version()):find("libcurl/" .. curl.LIBCURL_VERSION, 1, true)) -- char *
end)

t.test("easy handles and error strings", function()
  t.eq(curl.curl_global_init(curl.CURL_GLOBAL_DEFAULT), curl.CURLE_OK)
  local h = curl.curl_easy_init()
  t.truthy(h and not ffi.isnull(h))
  t.eq(curl.curl_easy_setopt(h, curl.CURLOPT_VERBOSE, ffi.cast("long", 0)), curl.CURLE_OK)
  curl.curl_easy_cleanup(h)
  t.eq(curl.curl_easy_strerror(curl.CURLE_UNSUPPORTED_PROTOCOL), "Unsupported protocol")
  local esc = curl.curl_easy_escape(nil, "a b&c", 0)
  t.eq(ffi.string(esc), "a%20b%26c")
  curl.curl_free(esc)
  curl.curl_global_cleanup()
end)

t.test("records and enums", function()
  t.eq(ffi.sizeof("struct curl_version_info_data"), ffi.sizeof(curl.types.curl_version_info_data))
  t.eq(curl.CURLE_OK, 0)
  t.eq(curl.CURLOPT_URL, 10002)
  t.truthy(curl.types.CURLMsg)
end)

t.done()
