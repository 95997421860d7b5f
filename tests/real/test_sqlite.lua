-- SQLite (libsqlite3.so.0), declared by hand as sqlite3.h (3.40) declares
-- it: opaque handles, out-parameters, a row callback, a destructor-pointer
-- typedef, varargs. sqlite3.h's #define constants become an enum. Expected
-- values follow from SQL semantics and are computed in Lua.
local t = require "harness"
local ffi = require "ffi"

local sq = ffi.open("libsqlite3.so.0")
sq:cdef [[
typedef struct sqlite3 sqlite3;
typedef long long int sqlite_int64;
typedef unsigned long long int sqlite_uint64;
typedef sqlite_int64 sqlite3_int64;
typedef sqlite_uint64 sqlite3_uint64;
typedef int (*sqlite3_callback)(void*,int,char**, char**);
typedef struct sqlite3_stmt sqlite3_stmt;
typedef void (*sqlite3_destructor_type)(void*);

enum {
  SQLITE_OK         = 0,   /* Successful result */
  SQLITE_ERROR      = 1,   /* Generic error */
  SQLITE_ABORT      = 4,   /* Callback routine requested an abort */
  SQLITE_BUSY       = 5,   /* The database file is locked */
  SQLITE_MISUSE     = 21,  /* Library used incorrectly */
  SQLITE_CONSTRAINT = 19,  /* Abort due to constraint violation */
  SQLITE_RANGE      = 25,  /* 2nd parameter to sqlite3_bind out of range */
  SQLITE_ROW        = 100, /* sqlite3_step() has another row ready */
  SQLITE_DONE       = 101  /* sqlite3_step() has finished executing */
};
enum {
  SQLITE_INTEGER = 1,
  SQLITE_FLOAT   = 2,
  SQLITE_TEXT    = 3,
  SQLITE_BLOB    = 4,
  SQLITE_NULL    = 5
};

const char *sqlite3_libversion(void);
int sqlite3_libversion_number(void);

int sqlite3_open(
  const char *filename,   /* Database filename (UTF-8) */
  sqlite3 **ppDb          /* OUT: SQLite db handle */
);
int sqlite3_close(sqlite3*);
int sqlite3_exec(
  sqlite3*,                                  /* An open database */
  const char *sql,                           /* SQL to be evaluated */
  int (*callback)(void*,int,char**,char**),  /* Callback function */
  void *,                                    /* 1st argument to callback */
  char **errmsg                              /* Error msg written here */
);
int sqlite3_errcode(sqlite3 *db);
const char *sqlite3_errmsg(sqlite3*);
int sqlite3_changes(sqlite3*);
sqlite3_int64 sqlite3_last_insert_rowid(sqlite3*);

int sqlite3_prepare_v2(
  sqlite3 *db,            /* Database handle */
  const char *zSql,       /* SQL statement, UTF-8 encoded */
  int nByte,              /* Maximum length of zSql in bytes. */
  sqlite3_stmt **ppStmt,  /* OUT: Statement handle */
  const char **pzTail     /* OUT: Pointer to unused portion of zSql */
);
int sqlite3_bind_double(sqlite3_stmt*, int, double);
int sqlite3_bind_int(sqlite3_stmt*, int, int);
int sqlite3_bind_int64(sqlite3_stmt*, int, sqlite3_int64);
int sqlite3_bind_null(sqlite3_stmt*, int);
int sqlite3_bind_text(sqlite3_stmt*,int,const char*,int,void(*)(void*));
int sqlite3_bind_parameter_count(sqlite3_stmt*);
int sqlite3_step(sqlite3_stmt*);
int sqlite3_reset(sqlite3_stmt *pStmt);
int sqlite3_column_count(sqlite3_stmt *pStmt);
const char *sqlite3_column_name(sqlite3_stmt*, int N);
double sqlite3_column_double(sqlite3_stmt*, int iCol);
int sqlite3_column_int(sqlite3_stmt*, int iCol);
sqlite3_int64 sqlite3_column_int64(sqlite3_stmt*, int iCol);
const unsigned char *sqlite3_column_text(sqlite3_stmt*, int iCol);
int sqlite3_column_bytes(sqlite3_stmt*, int iCol);
int sqlite3_column_type(sqlite3_stmt*, int iCol);
int sqlite3_finalize(sqlite3_stmt *pStmt);

char *sqlite3_mprintf(const char*,...);
void sqlite3_free(void*);

typedef struct sqlite3_context sqlite3_context;
typedef struct sqlite3_value sqlite3_value;
enum {
  SQLITE_UTF8          = 1,
  SQLITE_DETERMINISTIC = 0x000000800
};
int sqlite3_create_function(
  sqlite3 *db,
  const char *zFunctionName,
  int nArg,
  int eTextRep,
  void *pApp,
  void (*xFunc)(sqlite3_context*,int,sqlite3_value**),
  void (*xStep)(sqlite3_context*,int,sqlite3_value**),
  void (*xFinal)(sqlite3_context*)
);
void *sqlite3_user_data(sqlite3_context*);
void *sqlite3_aggregate_context(sqlite3_context*, int nBytes);
double sqlite3_value_double(sqlite3_value*);
int sqlite3_value_int(sqlite3_value*);
const unsigned char *sqlite3_value_text(sqlite3_value*);
int sqlite3_value_bytes(sqlite3_value*);
int sqlite3_value_type(sqlite3_value*);
void sqlite3_result_double(sqlite3_context*, double);
void sqlite3_result_error(sqlite3_context*, const char*, int);
void sqlite3_result_int(sqlite3_context*, int);
void sqlite3_result_null(sqlite3_context*);
void sqlite3_result_text(sqlite3_context*, const char*, int, void(*)(void*));
]]

local OK, ROW, DONE = sq.SQLITE_OK, sq.SQLITE_ROW, sq.SQLITE_DONE
-- #define SQLITE_TRANSIENT   ((sqlite3_destructor_type)-1)
local SQLITE_TRANSIENT = ffi.cast("sqlite3_destructor_type", -1)

-- Counts the closes done by the finalizer below.
local closes = { count = 0, rcs = {}, opens = 0 }
local function close_db(db)
  closes.count = closes.count + 1
  closes.rcs[#closes.rcs + 1] = sq.sqlite3_close(db)
end

local function open_memory()
  local ppDb = ffi.new("sqlite3 *[1]")
  t.eq(sq.sqlite3_open(":memory:", ppDb), OK)
  local db = ppDb[0]
  t.truthy(db ~= nil and not ffi.isnull(db), "sqlite3_open gave a handle")
  closes.opens = closes.opens + 1
  return ffi.gc(db, close_db)
end

local function exec(db, sql)
  local errmsg = ffi.new("char *[1]")
  local rc = sq.sqlite3_exec(db, sql, nil, nil, errmsg)
  if rc ~= OK then
    local msg = ffi.string(errmsg[0])
    sq.sqlite3_free(errmsg[0])
    error("sqlite3_exec failed (" .. rc .. "): " .. msg, 2)
  end
  t.eq(errmsg[0], nil, "no error message on success")
end

local function prepare(db, sql)
  local pp = ffi.new("sqlite3_stmt *[1]")
  local rc = sq.sqlite3_prepare_v2(db, sql, -1, pp, nil)
  if rc ~= OK then error("prepare failed: " .. sq.sqlite3_errmsg(db), 2) end
  return pp[0]
end

-- The rows every test starts from.
local PEOPLE = {
  { id = 1, name = "Ada", score = 9.5 },
  { id = 2, name = "Brian", score = -0.25 },
  { id = 3, name = "Céline", score = 7.125 },
  { id = 4, name = "Dennis", score = nil },
  { id = 5, name = "Edsger", score = 8.0 },
}

local function fill(db)
  exec(db, "CREATE TABLE people(id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL)")
  local stmt = prepare(db, "INSERT INTO people(id, name, score) VALUES (?, ?, ?)")
  t.eq(sq.sqlite3_bind_parameter_count(stmt), 3)
  for _, p in ipairs(PEOPLE) do
    t.eq(sq.sqlite3_bind_int(stmt, 1, p.id), OK)
    t.eq(sq.sqlite3_bind_text(stmt, 2, p.name, -1, SQLITE_TRANSIENT), OK)
    if p.score then
      t.eq(sq.sqlite3_bind_double(stmt, 3, p.score), OK)
    else
      t.eq(sq.sqlite3_bind_null(stmt, 3), OK)
    end
    t.eq(sq.sqlite3_step(stmt), DONE)
    t.eq(sq.sqlite3_changes(db), 1)
    t.eq(sq.sqlite3_last_insert_rowid(db), p.id)
    t.eq(sq.sqlite3_reset(stmt), OK)
  end
  t.eq(sq.sqlite3_finalize(stmt), OK)
end

t.test("sqlite3_libversion agrees with sqlite3_libversion_number", function()
  local v = sq.sqlite3_libversion()
  t.type(v, "string")
  local a, b, c = v:match("^(%d+)%.(%d+)%.(%d+)")
  t.truthy(a, "version " .. v)
  t.eq(sq.sqlite3_libversion_number(), tonumber(a) * 1000000 + tonumber(b) * 1000 + tonumber(c))
end)

t.test("sqlite3_open(':memory:', sqlite3 **) and ffi.gc(db, sqlite3_close)", function()
  local before = closes.count
  local function session()
    local db = open_memory()
    exec(db, "CREATE TABLE t(x)")
    exec(db, "INSERT INTO t VALUES (1), (2), (3)")
    t.eq(sq.sqlite3_changes(db), 3)
  end
  session()
  collectgarbage()
  collectgarbage()
  t.eq(closes.count, before + 1, "the finalizer closed the handle")
  t.eq(closes.rcs[#closes.rcs], OK, "sqlite3_close returned SQLITE_OK")
end)

t.test("sqlite3_exec with a Lua row callback reading char ** argv / colnames", function()
  local db = open_memory()
  fill(db)
  local tag = ffi.alloc(1)
  local rows, names, udata_ok = {}, nil, true
  local rc = sq.sqlite3_exec(db,
    "SELECT id, name, score, id * 10 AS tens FROM people ORDER BY id DESC",
    function(udata, argc, argv, colnames)
      if udata ~= ffi.addressof(tag) then udata_ok = false end
      t.eq(argc, 4)
      if not names then
        names = {}
        for i = 0, argc - 1 do names[i + 1] = ffi.string(colnames[i]) end
      end
      local row = {}
      for i = 0, argc - 1 do
        local v = argv[i]          -- char *: a pointer, nil for SQL NULL
        row[i + 1] = v ~= nil and ffi.string(v) or "NULL"
      end
      rows[#rows + 1] = table.concat(row, "|")
      return 0
    end, tag, nil)
  t.eq(rc, OK)
  t.truthy(udata_ok, "the 4th argument reached the callback")
  t.eq(table.concat(names, ","), "id,name,score,tens")

  -- SQLite renders REAL values as "%!.15g": always with a decimal point
  local function real_text(x)
    if x == nil then return "NULL" end
    local s = string.format("%.15g", x)
    return s:find("[.e]") and s or s .. ".0"
  end
  local expected = {}
  for i = #PEOPLE, 1, -1 do
    local p = PEOPLE[i]
    expected[#expected + 1] = string.format("%d|%s|%s|%d", p.id, p.name, real_text(p.score), p.id * 10)
  end
  t.eq(#rows, #expected)
  for i = 1, #expected do t.eq(rows[i], expected[i], "row " .. i) end
end)

t.test("sqlite3_exec: a callback returning non-zero aborts (SQLITE_ABORT)", function()
  local db = open_memory()
  fill(db)
  local calls = 0
  local errmsg = ffi.new("char *[1]")
  local rc = sq.sqlite3_exec(db, "SELECT name FROM people", function()
    calls = calls + 1
    return 1
  end, nil, errmsg)
  t.eq(rc, sq.SQLITE_ABORT)
  t.eq(calls, 1, "no row after the abort")
  t.truthy(errmsg[0] ~= nil, "an error message was allocated")
  t.truthy(ffi.string(errmsg[0]):find("abort", 1, true), ffi.string(errmsg[0]))
  sq.sqlite3_free(errmsg[0])
end)

t.test("prepare_v2 / bind / step / column_int, column_text, column_double", function()
  local db = open_memory()
  fill(db)
  local stmt = prepare(db, [[
    SELECT id, name, score, length(name), upper(name), id / 2, id / 2.0
    FROM people WHERE score > ? OR score IS NULL ORDER BY score DESC, id]])
  t.eq(sq.sqlite3_column_count(stmt), 7)
  t.eq(sq.sqlite3_column_name(stmt, 1), "name")
  t.eq(sq.sqlite3_column_name(stmt, 3), "length(name)")

  local threshold = 0.0
  t.eq(sq.sqlite3_bind_double(stmt, 1, threshold), OK)
  t.eq(sq.sqlite3_bind_double(stmt, 2, 1.0), sq.SQLITE_RANGE, "only one parameter")

  -- the model: score > threshold (NULL rows kept by IS NULL); ORDER BY score
  -- DESC puts NULL last (SQLite orders NULL before every value), then id
  local model = {}
  for _, p in ipairs(PEOPLE) do
    if p.score == nil or p.score > threshold then model[#model + 1] = p end
  end
  table.sort(model, function(a, b)
    local sa, sb = a.score or -math.huge, b.score or -math.huge
    if sa ~= sb then return sa > sb end
    return a.id < b.id
  end)

  local n = 0
  while true do
    local rc = sq.sqlite3_step(stmt)
    if rc == DONE then break end
    t.eq(rc, ROW)
    n = n + 1
    local p = model[n]
    t.eq(sq.sqlite3_column_int(stmt, 0), p.id)
    local text = sq.sqlite3_column_text(stmt, 1)   -- const unsigned char *
    t.type(text, "userdata")
    t.eq(ffi.string(text), p.name)
    t.eq(sq.sqlite3_column_bytes(stmt, 1), #p.name)
    if p.score then
      t.eq(sq.sqlite3_column_type(stmt, 2), sq.SQLITE_FLOAT)
      t.eq(sq.sqlite3_column_double(stmt, 2), p.score)
    else
      t.eq(sq.sqlite3_column_type(stmt, 2), sq.SQLITE_NULL)
      t.eq(sq.sqlite3_column_text(stmt, 2), nil, "NULL text is a NULL pointer")
      t.eq(sq.sqlite3_column_double(stmt, 2), 0.0)
    end
    t.eq(sq.sqlite3_column_int(stmt, 3), utf8.len(p.name), "length() counts characters")
    t.eq(ffi.string(sq.sqlite3_column_text(stmt, 4)), (p.name:gsub("%l", string.upper)),
      "upper() folds ASCII only")
    t.eq(sq.sqlite3_column_type(stmt, 5), sq.SQLITE_INTEGER)
    t.eq(sq.sqlite3_column_int(stmt, 5), p.id // 2, "integer division")
    t.eq(sq.sqlite3_column_double(stmt, 6), p.id / 2, "real division")
  end
  t.eq(n, #model)
  t.eq(sq.sqlite3_finalize(stmt), OK)
end)

t.test("bind_text: SQLITE_TRANSIENT spellings, explicit lengths, 64-bit ints", function()
  local db = open_memory()
  exec(db, "CREATE TABLE kv(k TEXT, v INTEGER)")
  local stmt = prepare(db, "INSERT INTO kv VALUES (?, ?)")
  local function insert(key, len, destructor, v)
    t.eq(sq.sqlite3_bind_text(stmt, 1, key, len, destructor), OK)
    t.eq(sq.sqlite3_bind_int64(stmt, 2, v), OK)
    t.eq(sq.sqlite3_step(stmt), DONE)
    t.eq(sq.sqlite3_reset(stmt), OK)
  end
  insert("typed", -1, SQLITE_TRANSIENT, 1)
  insert("voidp", -1, ffi.cast("void *", -1), 2)                 -- the brief's spelling
  insert("prefix-only", 6, SQLITE_TRANSIENT, 3)                   -- "prefix"
  insert("nul\0inside", 10, SQLITE_TRANSIENT, math.maxinteger)    -- embedded NUL kept
  t.eq(sq.sqlite3_finalize(stmt), OK)

  local sel = prepare(db, "SELECT k, v, length(CAST(k AS BLOB)) FROM kv ORDER BY rowid")
  local expect = {
    { "typed", 1 }, { "voidp", 2 }, { "prefix", 3 }, { "nul\0inside", math.maxinteger },
  }
  for i, e in ipairs(expect) do
    t.eq(sq.sqlite3_step(sel), ROW, "row " .. i)
    local bytes = sq.sqlite3_column_bytes(sel, 0)
    t.eq(bytes, #e[1])
    t.eq(ffi.string(sq.sqlite3_column_text(sel, 0), bytes), e[1])
    t.eq(sq.sqlite3_column_int64(sel, 1), e[2])
    t.eq(sq.sqlite3_column_int(sel, 2), #e[1])
  end
  t.eq(sq.sqlite3_step(sel), DONE)
  t.eq(sq.sqlite3_finalize(sel), OK)
end)

t.test("bind_text with a Lua destructor callback: SQLite calls it once", function()
  local db = open_memory()
  local keep = "kept by the caller " .. os.time()
  local seen = {}
  local destructor = ffi.callback("void", "void *", function(p)
    seen[#seen + 1] = ffi.string(p)
  end)
  local stmt = prepare(db, "SELECT ?1 || '!'")
  t.eq(sq.sqlite3_bind_text(stmt, 1, keep, #keep, destructor), OK)
  t.eq(sq.sqlite3_step(stmt), ROW)
  t.eq(ffi.string(sq.sqlite3_column_text(stmt, 0)), keep .. "!")
  t.eq(sq.sqlite3_finalize(stmt), OK)
  t.eq(destructor:callcount(), 1)
  t.eq(seen[1], keep, "the destructor got the bound text")
end)

t.test("prepare_v2 pzTail (const char **) points at the rest of the SQL", function()
  local db = open_memory()
  local sql = "SELECT 6 * 7; SELECT 'second'"
  local pp = ffi.new("sqlite3_stmt *[1]")
  local tail = ffi.new("const char *[1]")
  t.eq(sq.sqlite3_prepare_v2(db, sql, #sql, pp, tail), OK)
  t.eq(tail[0], sql:sub(sql:find(";", 1, true) + 1), "the tail is what follows the first statement")
  t.eq(sq.sqlite3_step(pp[0]), ROW)
  t.eq(sq.sqlite3_column_int(pp[0], 0), 42)
  t.eq(sq.sqlite3_finalize(pp[0]), OK)
end)

t.test("error paths: bad SQL -> SQLITE_ERROR + errmsg; constraint violation", function()
  local db = open_memory()
  fill(db)
  local pp = ffi.new("sqlite3_stmt *[1]")
  t.eq(sq.sqlite3_prepare_v2(db, "SELEC name FROM people", -1, pp, nil), sq.SQLITE_ERROR)
  t.eq(pp[0], nil, "no statement on error")
  t.eq(sq.sqlite3_errcode(db), sq.SQLITE_ERROR)
  t.eq(sq.sqlite3_errmsg(db), 'near "SELEC": syntax error')

  t.eq(sq.sqlite3_prepare_v2(db, "SELECT nope FROM people", -1, pp, nil), sq.SQLITE_ERROR)
  t.eq(sq.sqlite3_errmsg(db), "no such column: nope")

  local errmsg = ffi.new("char *[1]")
  t.eq(sq.sqlite3_exec(db, "INSERT INTO people(id, name) VALUES (1, 'dup')", nil, nil, errmsg),
    sq.SQLITE_CONSTRAINT)
  t.eq(ffi.string(errmsg[0]), "UNIQUE constraint failed: people.id")
  sq.sqlite3_free(errmsg[0])
  t.eq(sq.sqlite3_exec(db, "INSERT INTO people(id) VALUES (99)", nil, nil, errmsg),
    sq.SQLITE_CONSTRAINT)
  t.eq(ffi.string(errmsg[0]), "NOT NULL constraint failed: people.name")
  sq.sqlite3_free(errmsg[0])

  -- the database still works
  local stmt = prepare(db, "SELECT count(*), sum(score), max(name) FROM people")
  t.eq(sq.sqlite3_step(stmt), ROW)
  local count, sum, maxname = 0, 0.0, ""
  for _, p in ipairs(PEOPLE) do
    count = count + 1
    sum = sum + (p.score or 0)
    if p.name > maxname then maxname = p.name end
  end
  t.eq(sq.sqlite3_column_int(stmt, 0), count)
  t.eq(sq.sqlite3_column_double(stmt, 1), sum)
  t.eq(ffi.string(sq.sqlite3_column_text(stmt, 2)), maxname, "max() compares bytes (BINARY)")
  t.eq(sq.sqlite3_finalize(stmt), OK)
end)

t.test("sqlite3_mprintf varargs; char * result freed with sqlite3_free via ffi.gc", function()
  local freed = 0
  local function counting_free(p)
    freed = freed + 1
    sq.sqlite3_free(p)
  end
  local function format_once()
    local p = sq.sqlite3_mprintf("%d|%lld|%s|%q|%Q|%Q|%.3f|%w|%c%%",
      ffi.new("int", -42), 1 << 40, "plain", "it's", "o'k", nil, 2.71828, 'say "hi"',
      ffi.new("int", string.byte("Z")))
    t.type(p, "userdata", "char * result stays a pointer")
    ffi.gc(p, counting_free)
    return ffi.string(p)
  end
  local got = format_once()
  -- %q doubles single quotes, %Q also quotes (NULL -> NULL), %w doubles double quotes
  local expected = string.format("%d|%d|%s|%s|'%s'|NULL|%.3f|%s|%s%%",
    -42, 1 << 40, "plain", ("it's"):gsub("'", "''"), ("o'k"):gsub("'", "''"), 2.71828,
    ('say "hi"'):gsub('"', '""'), "Z")
  t.eq(got, expected)
  collectgarbage()
  collectgarbage()
  t.eq(freed, 1, "sqlite3_free ran through the finalizer")
end)

t.test("sqlite3_exec: an error in the Lua row callback is raised by the call", function()
  local db = open_memory()
  fill(db)
  local runs = 0
  local ok, err = pcall(sq.sqlite3_exec, db, "SELECT name FROM people", function()
    runs = runs + 1
    error("row handler failed")
  end, nil, nil)
  t.truthy(not ok, "the error reached Lua")
  t.truthy(tostring(err):find("row handler failed", 1, true), tostring(err))
  t.eq(runs, 1, "later rows skip the Lua function")
  -- the handle still works
  local count = 0
  t.eq(sq.sqlite3_exec(db, "SELECT 1 FROM people", function() count = count + 1; return 0 end, nil, nil), OK)
  t.eq(count, #PEOPLE)
end)

t.test("sqlite3_create_function: Lua scalar and aggregate SQL functions", function()
  local db = open_memory()
  fill(db)
  local app = ffi.alloc(1)
  local app_ok = true
  -- scalar: lua_rev(text) -> reversed text; NULL -> an SQL error
  local rev = ffi.callback("void", "sqlite3_context *", "int", "sqlite3_value **",
    function(ctx, argc, argv)
      if sq.sqlite3_user_data(ctx) ~= ffi.addressof(app) then app_ok = false end
      local v = argv[0]
      if sq.sqlite3_value_type(v) == sq.SQLITE_NULL then
        sq.sqlite3_result_error(ctx, "lua_rev: NULL argument", -1)
        return
      end
      local s = ffi.string(sq.sqlite3_value_text(v), sq.sqlite3_value_bytes(v))
      sq.sqlite3_result_text(ctx, s:reverse(), #s, SQLITE_TRANSIENT)
    end)
  t.eq(sq.sqlite3_create_function(db, "lua_rev", 1, sq.SQLITE_UTF8 | sq.SQLITE_DETERMINISTIC,
    app, rev, nil, nil), OK)

  -- aggregate: lua_product(x) over non-NULL values, state in aggregate_context
  local step = ffi.cast("void (*)(sqlite3_context*,int,sqlite3_value**)", function(ctx, argc, argv)
    local acc = ffi.cast("double *", sq.sqlite3_aggregate_context(ctx, ffi.sizeof("double[2]")))
    if acc[1] == 0 then acc[0], acc[1] = 1.0, 1 end -- first call: zero-filled memory
    if sq.sqlite3_value_type(argv[0]) ~= sq.SQLITE_NULL then
      acc[0] = acc[0] * sq.sqlite3_value_double(argv[0])
    end
  end)
  local final = ffi.cast("void (*)(sqlite3_context*)", function(ctx)
    local p = sq.sqlite3_aggregate_context(ctx, 0)
    if p == ffi.nullptr then sq.sqlite3_result_null(ctx); return end
    sq.sqlite3_result_double(ctx, ffi.cast("double *", p)[0])
  end)
  t.eq(sq.sqlite3_create_function(db, "lua_product", 1, sq.SQLITE_UTF8, nil, nil, step, final), OK)

  local stmt = prepare(db, "SELECT lua_rev(name), lua_rev('') FROM people ORDER BY id")
  for _, p in ipairs(PEOPLE) do
    t.eq(sq.sqlite3_step(stmt), ROW)
    t.eq(ffi.string(sq.sqlite3_column_text(stmt, 0)), p.name:reverse())
    t.eq(ffi.string(sq.sqlite3_column_text(stmt, 1)), "")
  end
  t.eq(sq.sqlite3_step(stmt), DONE)
  t.eq(sq.sqlite3_finalize(stmt), OK)
  t.truthy(app_ok, "sqlite3_user_data gave back pApp")

  local product = 1.0
  for _, p in ipairs(PEOPLE) do if p.score then product = product * p.score end end
  stmt = prepare(db, "SELECT lua_product(score), lua_product(id) FROM people")
  t.eq(sq.sqlite3_step(stmt), ROW)
  t.eq(sq.sqlite3_column_double(stmt, 0), product)
  t.eq(sq.sqlite3_column_double(stmt, 1), 120.0, "5!")
  t.eq(sq.sqlite3_finalize(stmt), OK)

  stmt = prepare(db, "SELECT lua_product(score) FROM people WHERE id > 100")
  t.eq(sq.sqlite3_step(stmt), ROW)
  t.eq(sq.sqlite3_column_type(stmt, 0), sq.SQLITE_NULL, "no rows: the final sees no context")
  t.eq(sq.sqlite3_finalize(stmt), OK)

  -- an SQL error raised by the Lua function
  stmt = prepare(db, "SELECT lua_rev(NULL)")
  t.eq(sq.sqlite3_step(stmt), sq.SQLITE_ERROR)
  t.eq(sq.sqlite3_errmsg(db), "lua_rev: NULL argument")
  t.eq(sq.sqlite3_finalize(stmt), sq.SQLITE_ERROR)
  -- one per row, plus lua_rev('') (a deterministic constant: SQLite may
  -- evaluate it once) and lua_rev(NULL)
  t.truthy(rev:callcount() >= #PEOPLE + 2, "calls counted: " .. rev:callcount())
  -- the callbacks must outlive their use by the handle: close it now
  ffi.gc(db, nil)
  close_db(db)
end)

t.test("every handle opened above was closed by its finalizer with SQLITE_OK", function()
  collectgarbage()
  collectgarbage()
  t.truthy(closes.opens >= 8, "handles opened: " .. closes.opens)
  t.eq(closes.count, closes.opens)
  for i, rc in ipairs(closes.rcs) do t.eq(rc, OK, "close #" .. i) end
end)

t.done()
