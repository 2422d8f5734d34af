import Postgres
import Testing

@Suite("Prepared statement cache")
struct PreparedStatementTests {
    let connection: PostgresConnection

    init() throws {
        connection = try TestDatabase.connect()
    }

    private func preparedCount() throws -> Int {
        try connection.query("SELECT count(*) FROM pg_prepared_statements")[0].decode(0)
    }

    @Test("one statement is prepared once and reused across many calls")
    func reuse() throws {
        for value in 0..<500 {
            #expect(try connection.query("SELECT $1::int8 * 2", [value])[0].decode(0, as: Int.self) == value * 2)
        }
        #expect(try preparedCount() == 2)
        // The same SQL with differently typed parameters is a separate statement.
        #expect(try connection.query("SELECT $1", ["text"])[0].decode(0, as: String.self) == "text")
        #expect(try connection.query("SELECT $1", [5])[0].decode(0, as: Int.self) == 5)
        #expect(try preparedCount() == 4)
    }

    @Test("a result shape change after ALTER TABLE re-prepares the statement")
    func schemaChange() throws {
        try connection.simpleQuery("CREATE TEMP TABLE shapes (a int)")
        try connection.execute("INSERT INTO shapes VALUES ($1)", [Int32(1)])
        #expect(try connection.query("SELECT * FROM shapes").columnNames == ["a"])
        try connection.simpleQuery("ALTER TABLE shapes ADD COLUMN b text DEFAULT 'new'")
        let rows = try connection.query("SELECT * FROM shapes")
        #expect(rows.columnNames == ["a", "b"])
        #expect(try rows[0].decode("b", as: String.self) == "new")
    }

    @Test("inside a transaction a shape change fails once, then the statement works again")
    func schemaChangeInTransaction() throws {
        try connection.simpleQuery("CREATE TEMP TABLE shapes (a int)")
        #expect(try connection.query("SELECT * FROM shapes").columnNames == ["a"])
        let error = #expect(throws: PostgresError.self) {
            try connection.transaction { connection in
                try connection.simpleQuery("ALTER TABLE shapes ADD COLUMN b int")
                _ = try connection.query("SELECT * FROM shapes")
            }
        }
        #expect(error?.sqlState == "0A000")
        #expect(try connection.query("SELECT * FROM shapes").columnNames == ["a"])
        try connection.simpleQuery("ALTER TABLE shapes ADD COLUMN c int")
        #expect(try connection.query("SELECT * FROM shapes").columnNames == ["a", "c"])
    }

    @Test("a dropped and recreated table does not poison the statement")
    func droppedTable() throws {
        try connection.simpleQuery("CREATE TEMP TABLE phoenix (a int); INSERT INTO phoenix VALUES (1)")
        #expect(try connection.query("SELECT a FROM phoenix WHERE a = $1", [Int32(1)]).count == 1)
        try connection.simpleQuery("DROP TABLE phoenix")
        let error = #expect(throws: PostgresError.self) { try connection.query("SELECT a FROM phoenix WHERE a = $1", [Int32(1)]) }
        #expect(error?.sqlState == "42P01")
        try connection.simpleQuery("CREATE TEMP TABLE phoenix (a int); INSERT INTO phoenix VALUES (1), (1)")
        #expect(try connection.query("SELECT a FROM phoenix WHERE a = $1", [Int32(1)]).count == 2)
    }

    @Test("statements deallocated behind the cache's back are prepared again")
    func deallocatedBehindTheCache() throws {
        #expect(try connection.query("SELECT $1::int4 + 1", [Int32(1)])[0].decode(0, as: Int.self) == 2)
        try connection.simpleQuery("DEALLOCATE ALL")
        #expect(try connection.query("SELECT $1::int4 + 1", [Int32(2)])[0].decode(0, as: Int.self) == 3)
    }

    @Test("the cache stays bounded with many distinct statements")
    func bounded() throws {
        for value in 0..<300 {
            #expect(try connection.query("SELECT \(value)::int8 + $1", [1])[0].decode(0, as: Int.self) == value + 1)
        }
        #expect(try preparedCount() <= 257)
        #expect(try connection.query("SELECT 5::int8 + $1", [1])[0].decode(0, as: Int.self) == 6)
    }
}
