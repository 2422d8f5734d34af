import Postgres
import Testing

private struct Abort: Error {}

@Suite("Transactions")
struct TransactionTests {
    let connection: PostgresConnection
    let table: String

    init() throws {
        connection = try TestDatabase.connect()
        table = TestDatabase.uniqueName("tx")
        try connection.simpleQuery("CREATE TABLE \(table) (value text)")
    }

    private func values(from other: PostgresConnection? = nil) throws -> [String] {
        try (other ?? connection).query("SELECT value FROM \(table) ORDER BY value").map { try $0.decode(0) }
    }

    private func dropTable() throws {
        try connection.simpleQuery("DROP TABLE \(table)")
    }

    @Test("a transaction commits when the body returns")
    func commits() throws {
        defer { try? dropTable() }
        let result = try connection.transaction { connection in
            try connection.execute("INSERT INTO \(table) VALUES ($1)", ["one"])
            try connection.execute("INSERT INTO \(table) VALUES ($1)", ["two"])
            return 42
        }
        #expect(result == 42)
        #expect(try values(from: TestDatabase.connect()) == ["one", "two"])
    }

    @Test("a transaction rolls back and rethrows when the body throws")
    func rollsBack() throws {
        defer { try? dropTable() }
        #expect(throws: Abort.self) {
            try connection.transaction { connection in
                try connection.execute("INSERT INTO \(table) VALUES ($1)", ["lost"])
                throw Abort()
            }
        }
        #expect(try values().isEmpty)
        let duplicate = #expect(throws: PostgresError.self) {
            try connection.transaction { connection in
                try connection.execute("INSERT INTO \(table) VALUES ($1)", ["lost"])
                try connection.execute("INSERT INTO \(table) VALUES ($1::int4)", ["x"])
            }
        }
        #expect(duplicate?.sqlState == "22P02")
        #expect(try values().isEmpty)
    }

    @Test("a caught statement error makes the commit fail instead of silently rolling back")
    func swallowedError() throws {
        defer { try? dropTable() }
        let error = #expect(throws: PostgresError.self) {
            try connection.transaction { connection in
                try connection.execute("INSERT INTO \(table) VALUES ($1)", ["lost"])
                _ = try? connection.query("SELECT 1/0")
            }
        }
        #expect(error?.sqlState == "25P02")
        #expect(try values().isEmpty)
    }

    @Test("nested transactions use savepoints")
    func nested() throws {
        defer { try? dropTable() }
        try connection.transaction { connection in
            try connection.execute("INSERT INTO \(table) VALUES ($1)", ["outer"])
            #expect(throws: Abort.self) {
                try connection.transaction { connection in
                    try connection.execute("INSERT INTO \(table) VALUES ($1)", ["inner"])
                    throw Abort()
                }
            }
            try connection.transaction { connection in
                try connection.execute("INSERT INTO \(table) VALUES ($1)", ["second"])
            }
        }
        #expect(try values() == ["outer", "second"])
    }
}
