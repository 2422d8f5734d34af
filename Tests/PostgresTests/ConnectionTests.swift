import Postgres
import Testing

@Suite("PostgresConnection")
struct ConnectionTests {
    @Test("a server that is not there fails with a connection error")
    func unreachableServer() {
        let error = #expect(throws: PostgresError.self) {
            try PostgresConnection(url: "postgresql://nobody@127.0.0.1:1/nothing?connect_timeout=5")
        }
        #expect(error?.kind == .connection)
        #expect(error?.isConnectionLost == true)
        #expect(error?.message.isEmpty == false)
    }

    @Test("a malformed connection string fails with a connection error")
    func malformedURL() {
        let error = #expect(throws: PostgresError.self) {
            try PostgresConnection(url: "this is not a connection string")
        }
        #expect(error?.kind == .connection)
    }

    @Test("key=value connection strings work, and the session is UTC and UTF8, without JIT")
    func sessionSettings() throws {
        let connection = try TestDatabase.connect()
        #expect(connection.isConnected)
        #expect(try connection.query("SHOW TimeZone")[0].decode(0, as: String.self) == "UTC")
        #expect(try connection.query("SHOW client_encoding")[0].decode(0, as: String.self) == "UTF8")
        #expect(try connection.query("SHOW jit")[0].decode(0, as: String.self) == "off")
        let database = try connection.query("SELECT current_database(), current_user, inet_server_port()")[0]
        let conninfo = try "host=127.0.0.1 port=\(database.decode(2, as: Int.self)) "
            + "dbname=\(database.decode(0, as: String.self)) user=\(database.decode(1, as: String.self))"
        let other = try PostgresConnection(url: conninfo)
        #expect(try other.query("SELECT 1")[0].decode(0, as: Int.self) == 1)
    }

    @Test("execute reports affected rows; rows expose column names and decode by name")
    func affectedRowsAndColumns() throws {
        let connection = try TestDatabase.connect()
        try connection.simpleQuery("CREATE TEMP TABLE items (id int8 PRIMARY KEY, name text); CREATE INDEX ON items (name)")
        for id in 1...3 {
            #expect(try connection.execute("INSERT INTO items VALUES ($1, $2)", [id, "item \(id)"]) == 1)
        }
        #expect(try connection.execute("UPDATE items SET name = upper(name)") == 3)
        let rows = try connection.query("SELECT id, name AS label FROM items ORDER BY id")
        #expect(rows.count == 3)
        #expect(rows.affectedRows == 3)
        #expect(rows.columnNames == ["id", "label"])
        #expect(try rows.map { try $0.decode("label", as: String.self) } == ["ITEM 1", "ITEM 2", "ITEM 3"])
        #expect(try rows[2].decode("id", as: Int64.self) == 3)
        #expect(rows[0].columnCount == 2)
        #expect(try connection.execute("DELETE FROM items WHERE id > $1", [1]) == 2)
        #expect(try connection.query("SELECT 1 WHERE false").isEmpty)
    }

    @Test("simpleQuery runs several statements")
    func simpleQueryMultipleStatements() throws {
        let connection = try TestDatabase.connect()
        try connection.simpleQuery("""
            CREATE TEMP TABLE migrated (a int);
            INSERT INTO migrated VALUES (1), (2);
            INSERT INTO migrated VALUES (3);
            """)
        #expect(try connection.query("SELECT sum(a) FROM migrated")[0].decode(0, as: Int.self) == 6)
    }

    @Test("a parameter holding SQL is stored literally")
    func sqlInjectionIsInert() throws {
        let connection = try TestDatabase.connect()
        try connection.simpleQuery("CREATE TEMP TABLE victims (name text)")
        let attacks = ["x'); DROP TABLE victims; --", "' OR '1'='1", "\\'; SELECT pg_sleep(10); --", "$1"]
        for attack in attacks {
            try connection.execute("INSERT INTO victims (name) VALUES ($1)", [attack])
        }
        let stored = try connection.query("SELECT name FROM victims").map { try $0.decode(0, as: String.self) }
        #expect(Set(stored) == Set(attacks))
        #expect(try connection.query("SELECT name FROM victims WHERE name = $1", ["nobody' OR '1'='1"]).isEmpty)
    }

    @Test("closing is idempotent and later calls fail with a connection error")
    func close() throws {
        let connection = try TestDatabase.connect()
        #expect(connection.backendPID != nil)
        connection.close()
        connection.close()
        #expect(!connection.isConnected)
        #expect(connection.backendPID == nil)
        let error = #expect(throws: PostgresError.self) { try connection.query("SELECT 1") }
        #expect(error?.kind == .connection)
    }

    @Test("a query on a connection whose backend was terminated fails as connection lost")
    func terminatedBackend() throws {
        let connection = try TestDatabase.connect()
        try TestDatabase.terminateBackend(#require(connection.backendPID))
        let error = #expect(throws: PostgresError.self) { try connection.query("SELECT 1") }
        #expect(error?.isConnectionLost == true)
        #expect(!connection.isConnected)
    }
}
