-- real_sqlite.lua -- SQLite through a module imported from /usr/include/sqlite3.h.
--   lua real_sqlite.lua <sqlite3.pluto>
local t = require "harness"
local ffi = require "ffi"
local sq = dofile(assert(arg[1], "usage: real_sqlite.lua <module>"))

local function open()
  local pdb = ffi.new("sqlite3 *[1]")
  t.eq(sq.sqlite3_open(":memory:", pdb), sq.SQLITE_OK)
  return pdb[0]
end

t.test("version", function()
  t.eq(sq.sqlite3_libversion(), sq.SQLITE_VERSION)
  t.eq(sq.sqlite3_libversion_number(), sq.SQLITE_VERSION_NUMBER)
end)

t.test("sqlite3_exec with a Lua callback", function()
  local db = open()
  local rows = {}
  local errmsg = ffi.new("char *[1]")
  local rc = sq.sqlite3_exec(db, [[
      create table t(id integer primary key, name text, score real);
      insert into t(name, score) values ('ada', 9.5), ('bob', 7.25), ('cy', null);
      select id, name, score from t order by id]], function(_, n, values, names)
    local row = {}
    for i = 0, n - 1 do
      row[ffi.string(names[i])] = not ffi.isnull(values[i]) and ffi.string(values[i]) or nil
    end
    rows[#rows + 1] = row
    return 0
  end, nil, errmsg)
  t.eq(rc, sq.SQLITE_OK)
  t.eq(#rows, 3)
  t.eq(rows[1].name, "ada")
  t.eq(rows[2].score, "7.25")
  t.eq(rows[3].score, nil)
  -- an error: the message comes back through char **errmsg
  t.eq(sq.sqlite3_exec(db, "select * from nowhere", nil, nil, errmsg), sq.SQLITE_ERROR)
  t.truthy(ffi.string(errmsg[0]):find("no such table", 1, true))
  sq.sqlite3_free(errmsg[0])
  t.eq(sq.sqlite3_close(db), sq.SQLITE_OK)
end)

t.test("prepare, bind, step, column", function()
  local db = open()
  t.eq(sq.sqlite3_exec(db, "create table kv(k text, v integer, f real, b blob)", nil, nil, nil), 0)
  local pst = ffi.new("sqlite3_stmt *[1]")
  t.eq(sq.sqlite3_prepare_v2(db, "insert into kv values (?1, ?2, ?3, ?4)", -1, pst, nil), sq.SQLITE_OK)
  local st = pst[0]
  for i = 1, 5 do
    t.eq(sq.sqlite3_bind_text(st, 1, "key" .. i, -1, sq.SQLITE_TRANSIENT), sq.SQLITE_OK)
    t.eq(sq.sqlite3_bind_int64(st, 2, i * 1000000000000), sq.SQLITE_OK)
    t.eq(sq.sqlite3_bind_double(st, 3, i / 4), sq.SQLITE_OK)
    t.eq(sq.sqlite3_bind_blob(st, 4, ffi.new("char[3]", "\0\1\2"), 3, sq.SQLITE_TRANSIENT), sq.SQLITE_OK)
    t.eq(sq.sqlite3_step(st), sq.SQLITE_DONE)
    t.eq(sq.sqlite3_reset(st), sq.SQLITE_OK)
  end
  t.eq(sq.sqlite3_finalize(st), sq.SQLITE_OK)
  t.eq(sq.sqlite3_changes(db), 1)
  t.eq(sq.sqlite3_prepare_v2(db, "select k, v, f, b from kv where v > ? order by v", -1, pst, nil), 0)
  st = pst[0]
  t.eq(sq.sqlite3_bind_int(st, 1, 0), sq.SQLITE_OK)
  local got = {}
  while sq.sqlite3_step(st) == sq.SQLITE_ROW do
    t.eq(sq.sqlite3_column_count(st), 4)
    t.eq(sq.sqlite3_column_name(st, 0), "k")
    t.eq(sq.sqlite3_column_type(st, 1), sq.SQLITE_INTEGER)
    local blob = ffi.string(sq.sqlite3_column_blob(st, 3), sq.sqlite3_column_bytes(st, 3))
    t.eq(blob, "\0\1\2")
    got[#got + 1] = { ffi.string(sq.sqlite3_column_text(st, 0)), sq.sqlite3_column_int64(st, 1),
                      sq.sqlite3_column_double(st, 2) }
  end
  t.eq(sq.sqlite3_finalize(st), sq.SQLITE_OK)
  t.eq(#got, 5)
  t.eq(got[3][1], "key3")
  t.eq(got[3][2], 3000000000000)
  t.eq(got[4][3], 1.0)
  t.eq(sq.sqlite3_close(db), sq.SQLITE_OK)
end)

t.test("an error code's message", function()
  t.eq(sq.sqlite3_errstr(sq.SQLITE_BUSY), "database is locked")
end)

t.done()
