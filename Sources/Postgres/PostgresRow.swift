/// One row of a result, holding its column values as text copied out of libpq.
public struct PostgresRow: Sendable {
    private let columns: PostgresColumns
    @usableFromInline let values: [String?]

    init(columns: PostgresColumns, values: [String?]) {
        self.columns = columns
        self.values = values
    }

    /// The names of the row's columns, in order.
    public var columnNames: [String] { columns.names }

    /// The number of columns.
    public var columnCount: Int { values.count }

    /// Decodes the value in column `column` (zero-based).
    ///
    /// - Throws: ``PostgresError`` of kind `.decoding` when the column does not exist, is
    ///   NULL and `T` is not optional, or does not hold a valid `T`.
    /// Inlinable so callers in other modules get it specialised for `T` (no generic metadata lookups per column).
    @inlinable
    public func decode<T: PostgresDecodable>(_ column: Int, as type: T.Type = T.self) throws -> T {
        guard values.indices.contains(column) else {
            throw PostgresError(
                kind: .decoding,
                message: "column index \(column) is out of range for a row with \(values.count) columns"
            )
        }
        guard let text = values[column] else {
            guard let null = T.postgresNull else {
                throw decodingError(column, "is NULL, which \(T.self) cannot represent")
            }
            return null
        }
        guard let value = T(postgresText: text) else {
            throw decodingError(column, "cannot be decoded as \(T.self)")
        }
        return value
    }

    /// Decodes the value in the first column called `name`.
    ///
    /// - Throws: ``PostgresError`` of kind `.decoding` when there is no such column, or
    ///   for the same reasons as decoding by index.
    public func decode<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try decode(index(of: name), as: type)
    }

    /// Whether column `column` (zero-based) is SQL NULL.
    ///
    /// - Throws: ``PostgresError`` of kind `.decoding` when the column does not exist.
    public func isNull(_ column: Int) throws -> Bool {
        guard values.indices.contains(column) else {
            throw PostgresError(
                kind: .decoding,
                message: "column index \(column) is out of range for a row with \(values.count) columns"
            )
        }
        return values[column] == nil
    }

    /// Whether the first column called `name` is SQL NULL.
    ///
    /// - Throws: ``PostgresError`` of kind `.decoding` when there is no such column.
    public func isNull(_ name: String) throws -> Bool {
        try isNull(index(of: name))
    }

    private func index(of name: String) throws -> Int {
        guard let index = columns.index(of: name) else {
            throw PostgresError(
                kind: .decoding,
                message: "no column named \"\(name)\"; the row has \(columns.names.map { "\"\($0)\"" }.joined(separator: ", "))"
            )
        }
        return index
    }

    @usableFromInline
    func decodingError(_ column: Int, _ problem: String) -> PostgresError {
        PostgresError(
            kind: .decoding,
            message: "column \"\(columns.names[column])\" (index \(column), type OID \(columns.typeOIDs[column])) \(problem)"
        )
    }
}
