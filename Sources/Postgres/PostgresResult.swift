internal import CLibPQ

/// Sole owner of a `PGresult`, which it clears exactly once when it goes out of scope.
struct PostgresResult: ~Copyable {
    private let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        PQclear(pointer)
    }

    /// libpq's status of the result.
    var status: ExecStatusType { PQresultStatus(pointer) }

    /// Copies every value out of the result.
    func rows() -> PostgresRows {
        let columnCount = PQnfields(pointer)
        let names = (0..<columnCount).map { column in PQfname(pointer, column).map { String(cString: $0) } ?? "" }
        let columns = PostgresColumns(names: names, typeOIDs: (0..<columnCount).map { PQftype(pointer, $0) })
        let rows = (0..<PQntuples(pointer)).map { row in
            PostgresRow(columns: columns, values: (0..<columnCount).map { value(row: row, column: $0) })
        }
        let affectedRows = PQcmdTuples(pointer).flatMap { Int(String(cString: $0)) } ?? 0
        return PostgresRows(rows: rows, columnNames: names, affectedRows: affectedRows)
    }

    private func value(row: Int32, column: Int32) -> String? {
        guard PQgetisnull(pointer, row, column) == 0, let start = PQgetvalue(pointer, row, column) else {
            return nil
        }
        let bytes = UnsafeRawBufferPointer(start: start, count: Int(PQgetlength(pointer, row, column)))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The error the result reports; kind `.connection` when `connectionLost`.
    func error(connectionLost: Bool) -> PostgresError {
        let sqlState = field("C")
        return PostgresError(
            kind: connectionLost ? .connection : .query,
            message: field("M") ?? PostgresConnection.trimmed(PQresultErrorMessage(pointer), fallback: "unknown error"),
            sqlState: sqlState,
            detail: field("D"),
            hint: field("H"),
            table: field("t"),
            constraint: field("n")
        )
    }

    /// One `PG_DIAG_*` field, identified by its protocol code letter.
    private func field(_ code: Unicode.Scalar) -> String? {
        PQresultErrorField(pointer, Int32(code.value)).map { String(cString: $0) }
    }
}
