import Postgres
import Testing

@Suite("Server errors")
struct ErrorTests {
    @Test("a unique violation reports SQLSTATE 23505 and its constraint")
    func uniqueViolation() throws {
        let connection = try TestDatabase.connect()
        try connection.simpleQuery("CREATE TEMP TABLE accounts (email text CONSTRAINT accounts_email_key UNIQUE)")
        try connection.execute("INSERT INTO accounts VALUES ($1)", ["a@example.com"])
        let error = #expect(throws: PostgresError.self) {
            try connection.execute("INSERT INTO accounts VALUES ($1)", ["a@example.com"])
        }
        #expect(error?.kind == .query)
        #expect(error?.sqlState == "23505")
        #expect(error?.isUniqueViolation == true)
        #expect(error?.isForeignKeyViolation == false)
        #expect(error?.isConnectionLost == false)
        #expect(error?.constraint == "accounts_email_key")
        #expect(error?.table == "accounts")
        #expect(error?.detail?.contains("a@example.com") == true)
        #expect(error?.description.contains("23505") == true)
        #expect(connection.isConnected)
        #expect(try connection.query("SELECT count(*) FROM accounts")[0].decode(0, as: Int.self) == 1)
    }

    @Test("a foreign key violation reports SQLSTATE 23503")
    func foreignKeyViolation() throws {
        let connection = try TestDatabase.connect()
        try connection.simpleQuery("""
            CREATE TEMP TABLE bots (id int PRIMARY KEY);
            CREATE TEMP TABLE hooks (bot int REFERENCES bots (id));
            """)
        let error = #expect(throws: PostgresError.self) { try connection.execute("INSERT INTO hooks VALUES ($1)", [Int32(7)]) }
        #expect(error?.sqlState == "23503")
        #expect(error?.isForeignKeyViolation == true)
        #expect(error?.isUniqueViolation == false)
    }

    @Test("serialization failures and deadlocks carry their SQLSTATE")
    func serializationFailure() throws {
        let connection = try TestDatabase.connect()
        for code in ["40001", "40P01"] {
            let error = #expect(throws: PostgresError.self) {
                try connection.simpleQuery("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '\(code)'; END $$")
            }
            #expect(error?.sqlState == code)
            #expect(error?.message == "conflict")
        }
    }

    @Test("syntax errors and missing tables are query errors that leave the connection usable")
    func queryErrors() throws {
        let connection = try TestDatabase.connect()
        let syntax = #expect(throws: PostgresError.self) { try connection.query("SELEC 1") }
        #expect(syntax?.sqlState == "42601")
        #expect(syntax?.kind == .query)
        let missing = #expect(throws: PostgresError.self) { try connection.query("SELECT * FROM no_such_table_here", []) }
        #expect(missing?.sqlState == "42P01")
        let typeError = #expect(throws: PostgresError.self) { try connection.query("SELECT $1::int4", ["not a number"]) }
        #expect(typeError?.sqlState == "22P02")
        #expect(try connection.query("SELECT 1")[0].decode(0, as: Int.self) == 1)
    }
}
