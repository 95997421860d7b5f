-- real_vulkan.lua -- vulkan.h imported with no -l and no --match (issue 8):
-- the umbrella header brings vulkan_core.h, the loader is found by pkg-config.
-- There is no GPU here: constants, enums, record layouts and the loader's
-- own version query.
--   lua real_vulkan.lua <vulkan.pluto>
local t = require "harness"
local ffi = require "ffi"
local path = assert(arg[1], "usage: real_vulkan.lua <module>")
local vk = dofile(path) -- --check-layout: every record's layout is asserted against clang's

t.test("the library was found without -l", function()
  local f = assert(io.open(path))
  local head = f:read("a")
  f:close()
  t.truthy(head:find("-- library: libvulkan.so.1, found through pkg-config package 'vulkan'", 1, true), "header")
end)

t.test("constants and enumerators (values from the Vulkan specification)", function()
  t.eq(vk.VK_SUCCESS, 0)
  t.eq(vk.VK_ERROR_OUT_OF_HOST_MEMORY, -1)
  t.eq(vk.VK_STRUCTURE_TYPE_APPLICATION_INFO, 0)
  t.eq(vk.VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO, 1)
  t.eq(vk.VK_MAX_EXTENSION_NAME_SIZE, 256)
  t.eq(vk.VK_UUID_SIZE, 16)
  t.eq(vk.VK_TRUE, 1)
end)

t.test("record layouts (x86-64 / LP64 rules)", function()
  t.eq(ffi.sizeof("VkExtent2D"), 8)
  t.eq(ffi.sizeof("VkApplicationInfo"), 48)
  t.eq(ffi.offsetof("VkApplicationInfo", "pNext"), 8)
  t.eq(ffi.offsetof("VkApplicationInfo", "apiVersion"), 44)
  t.eq(ffi.sizeof("VkExtensionProperties"), 260)
end)

t.test("a loader function", function()
  local v = ffi.new("uint32_t[1]")
  t.eq(vk.vkEnumerateInstanceVersion(v), vk.VK_SUCCESS)
  local major, minor = (v[0] >> 22) & 0x7f, (v[0] >> 12) & 0x3ff -- VK_API_VERSION_MAJOR/MINOR
  t.truthy(major == 1 and minor >= 1, "Vulkan 1.1 or later")
end)

t.done()
