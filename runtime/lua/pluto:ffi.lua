return require "ffi"
