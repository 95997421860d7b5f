-- real_png.lua -- libpng through a module imported from /usr/include/png.h:
-- writes an image to memory with a Lua write callback and reads it back.
--   lua real_png.lua <png.pluto>
local t = require "harness"
local ffi = require "ffi"
local png = dofile(assert(arg[1], "usage: real_png.lua <module>"))

t.test("version and signature", function()
  t.eq(png.png_access_version_number(), png.PNG_LIBPNG_VER)
  t.eq(png.png_get_libpng_ver(nil), png.PNG_LIBPNG_VER_STRING)
  local sig = "\137PNG\r\n\26\n"
  t.eq(png.png_sig_cmp(sig, 0, 8), 0)
  t.truthy(png.png_sig_cmp("GIF89a..", 0, 8) ~= 0)
end)

-- png.h's arithmetic macros, translated to Lua functions by the importer
-- (expected values from png.h's definitions: RGBA = COLOR|ALPHA = 3 samples + 1)
t.test("function-like macros", function()
  t.eq(png.PNG_IMAGE_SAMPLE_CHANNELS(png.PNG_FORMAT_RGBA), 4)
  t.eq(png.PNG_IMAGE_SAMPLE_CHANNELS(png.PNG_FORMAT_GRAY), 1)
  t.eq(png.PNG_IMAGE_SAMPLE_COMPONENT_SIZE(png.PNG_FORMAT_RGBA), 1)
  t.eq(png.PNG_IMAGE_SAMPLE_COMPONENT_SIZE(png.PNG_FORMAT_LINEAR_RGB_ALPHA), 2)
  -- a color-mapped format has one channel per pixel (PNG_IMAGE_PIXEL_ passes a macro on)
  t.eq(png.PNG_IMAGE_PIXEL_CHANNELS(png.PNG_FORMAT_RGB_COLORMAP), 1)
  t.eq(png.PNG_IMAGE_PIXEL_CHANNELS(png.PNG_FORMAT_RGB), 3)
  local image = ffi.new("png_image")
  image.format, image.width, image.height = png.PNG_FORMAT_RGBA, 10, 5
  t.eq(png.PNG_IMAGE_ROW_STRIDE(image), 40)
  t.eq(png.PNG_IMAGE_SIZE(image), 200)
  t.eq(png.PNG_IMAGE_DATA_SIZE(image), 205) -- one filter byte per row
  t.eq(math.type(png.PNG_IMAGE_SIZE(image)), "integer")
end)

t.test("write and read an image in memory", function()
  local W, H = 4, 3
  local w = png.png_create_write_struct(png.PNG_LIBPNG_VER_STRING, nil, nil, nil)
  t.truthy(w)
  local info = png.png_create_info_struct(w)
  local chunks = {}
  local write_cb = ffi.callback("void", "png_structp", "png_bytep", "size_t", function(_, data, len)
    chunks[#chunks + 1] = ffi.string(data, len)
  end)
  local flush_cb = ffi.callback("void", "png_structp", function() end)
  png.png_set_write_fn(w, nil, write_cb, flush_cb)
  png.png_set_IHDR(w, info, W, H, 8, png.PNG_COLOR_TYPE_GRAY, png.PNG_INTERLACE_NONE,
                   png.PNG_COMPRESSION_TYPE_DEFAULT, png.PNG_FILTER_TYPE_DEFAULT)
  png.png_write_info(w, info)
  local row = ffi.new("png_byte[?]", W)
  for y = 0, H - 1 do
    for x = 0, W - 1 do row[x] = y * 16 + x end
    png.png_write_row(w, row)
  end
  png.png_write_end(w, nil)
  local pw, pi = ffi.new("png_structp[1]", { w }), ffi.new("png_infop[1]", { info })
  png.png_destroy_write_struct(pw, pi)
  local bytes = table.concat(chunks)
  t.eq(bytes:sub(1, 8), "\137PNG\r\n\26\n")

  local r = png.png_create_read_struct(png.PNG_LIBPNG_VER_STRING, nil, nil, nil)
  local rinfo = png.png_create_info_struct(r)
  local pos = 0
  local read_cb = ffi.callback("void", "png_structp", "png_bytep", "size_t", function(_, out, len)
    ffi.copy(out, bytes:sub(pos + 1, pos + len), len)
    pos = pos + len
  end)
  png.png_set_read_fn(r, nil, read_cb)
  png.png_read_info(r, rinfo)
  t.eq(png.png_get_image_width(r, rinfo), W)
  t.eq(png.png_get_image_height(r, rinfo), H)
  t.eq(png.png_get_bit_depth(r, rinfo), 8)
  t.eq(png.png_get_color_type(r, rinfo), png.PNG_COLOR_TYPE_GRAY)
  for y = 0, H - 1 do
    png.png_read_row(r, row, nil)
    t.eq(row[3], y * 16 + 3)
  end
  local pr, pri = ffi.new("png_structp[1]", { r }), ffi.new("png_infop[1]", { rinfo })
  png.png_destroy_read_struct(pr, pri, nil)
end)

t.done()
