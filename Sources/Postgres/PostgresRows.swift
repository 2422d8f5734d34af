/// The rows returned by a statement, fully copied out of libpq, plus the number of rows
/// the statement affected.
public struct PostgresRows: RandomAccessCollection, Sendable {
    private let rows: [PostgresRow]

    /// The names of the result's columns, in order (empty for statements without a result).
    public let columnNames: [String]

    /// The number of rows inserted, updated, deleted, selected, ... as reported in the
    /// command tag; zero when the command reports none.
    public let affectedRows: Int

    init(rows: [PostgresRow], columnNames: [String], affectedRows: Int) {
        self.rows = rows
        self.columnNames = columnNames
        self.affectedRows = affectedRows
    }

    /// The position of the first row.
    public var startIndex: Int { rows.startIndex }

    /// The position after the last row.
    public var endIndex: Int { rows.endIndex }

    /// The row at `position`.
    public subscript(position: Int) -> PostgresRow { rows[position] }
}
